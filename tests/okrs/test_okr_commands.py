"""OKRs in chat: objectives and key results added, checked in, listed, shown and charted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import Invocation
from bot.core.clock import SimulatedClock
from storage.models import (
    CheckIn,
    KeyResult,
    KeyResultKind,
    Member,
    Objective,
    ObjectiveState,
    OkrCadence,
    Run,
)
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.queries import count

OBJECTIVE = "/baton okr add objective Grow the service network"
SERVICE_POINTS = "/baton okr add kr O-1 Service points live from 61 to 125 unit points @anna"


def key_results(baton: Baton) -> list[KeyResult]:
    with baton.db.transaction() as session:
        found = list(session.scalars(select(KeyResult).order_by(KeyResult.number)))
        session.expunge_all()
    return found


def objectives(baton: Baton) -> list[Objective]:
    with baton.db.transaction() as session:
        found = list(session.scalars(select(Objective).order_by(Objective.number)))
        session.expunge_all()
    return found


def test_an_objective_gets_this_quarter_of_the_channel_by_default_and_the_next_number(
    chat: Chat, baton: Baton
) -> None:
    reply = chat.say(OBJECTIVE, channel="sales")
    assert "Added O-1 “Grow the service network” to #sales for 2026-Q4" in reply
    assert "1 Oct 2026 to 31 Dec 2026" in reply
    chat.say("/baton okr list", channel="nordics")  # Baton has seen #nordics
    reply = chat.say("/baton okr add objective Open the Nordic market period 2027-H1 #nordics")
    assert "Added O-2 “Open the Nordic market” to #nordics for 2027-H1" in reply
    chat.say("/baton okr add objective Fair season period 2027-03-01 to 2027-04-15")
    [first, second, third] = objectives(baton)
    assert (first.period, first.starts_on, first.ends_on) == (
        "2026-Q4",
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert (second.period, second.ends_on) == ("2027-H1", date(2027, 6, 30))
    assert (third.period, third.starts_on) == ("2027-03-01..2027-04-15", date(2027, 3, 1))


def test_a_title_that_says_period_keeps_it_when_no_period_follows(chat: Chat, baton: Baton) -> None:
    chat.say("/baton okr add objective Shorten the payment period")
    [objective] = objectives(baton)
    assert (objective.title, objective.period) == ("Shorten the payment period", "2026-Q4")


def test_key_results_of_every_kind_with_their_owner(chat: Chat, baton: Baton) -> None:
    chat.say(OBJECTIVE, channel="sales")
    assert (
        "Added K-1 “Service points live” to O-1: from 61 points to 125 points, owned by @anna"
        in (chat.say(SERVICE_POINTS, channel="sales"))
    )
    chat.say("/baton okr add kr O-1 Days to delivery from 20 to 14 unit days", channel="sales")
    chat.say("/baton okr add kr O-1 New CRM live milestone @carl", channel="sales")
    assert "0 so far, target 12" in chat.say(
        "/baton okr add kr O-1 Partner trainings tasks to 12", channel="sales"
    )
    points, days, crm, trainings = key_results(baton)
    assert (points.start_value, points.target_value, points.unit) == (61, 125, "points")
    assert (days.start_value, days.target_value, days.current_value) == (20, 14, 20)
    assert (crm.kind, crm.start_value, crm.target_value, crm.unit) == (
        KeyResultKind.MILESTONE,
        0,
        100,
        "%",
    )
    assert (trainings.kind, trainings.target_value) == (KeyResultKind.TASKS, 12)
    with baton.db.transaction() as session:
        owners = {m.id: m.name for m in session.scalars(select(Member))}
    assert [owners[kr.owner_id or 0] for kr in key_results(baton)] == ["anna", "bob", "carl", "bob"]


def test_a_check_in_replies_with_value_progress_expected_value_and_status(
    chat: Chat, baton: Baton
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    reply = chat.say(
        "/baton okr checkin K-1 87 at-risk supplier late", user="anna", channel="sales"
    )
    # 25 November, 10:00 Berlin: 55.46 of the quarter's 92.04 days (in Berlin) are gone, so
    # 61 + 64 × 0.6025 ≈ 99.6 points are expected.
    assert (
        "K-1 checked in: 87 points, target 125 points (40.6%), expected by today 99.6 points"
        in (reply)
    )
    assert "At risk" in reply
    [checkin] = _checkins(baton)
    assert (checkin.value, checkin.comment) == (87.0, "supplier late")


def test_a_check_in_without_confidence_gets_the_status_its_progress_suggests(
    chat: Chat, baton: Baton
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    assert "On track" in chat.say("/baton okr checkin K-1 98", user="anna", channel="sales")
    assert "Off track" in chat.say("/baton okr checkin K-1 70", user="anna", channel="sales")
    assert "Done" in chat.say("/baton okr checkin K-1 130", user="anna", channel="sales")


def test_numbers_and_percentages_are_written_in_the_readers_language(chat: Chat) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say("/baton okr add kr O-1 CRM live milestone", channel="sales")
    chat.say("/baton settings lang fr", channel="sales")
    reply = chat.say("/baton okr checkin K-1 87,5 %", channel="sales")
    assert "87,5\u00a0%" in reply
    assert "Point d’étape de K-1 enregistré" in reply


def test_a_channel_member_checks_in_for_the_owner_and_it_says_so(chat: Chat, baton: Baton) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    reply = chat.say("/baton okr checkin K-1 90", user="carl", channel="sales")
    assert "Recorded as your check-in for the owner, @anna." in reply
    [checkin] = _checkins(baton)
    with baton.db.transaction() as session:
        assert session.get_one(Member, checkin.by_id).name == "carl"


def test_someone_outside_the_channel_may_not_check_in_and_nothing_is_saved(
    chat: Chat, baton: Baton
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    reply = chat.say("/baton okr checkin K-1 90", user="dora", channel="general")
    assert "Only K-1's owner or a member of its objective's channel can check it in." in reply
    assert count(baton, CheckIn) == 0
    assert key_results(baton)[0].current_value == 61


def test_list_shows_the_channels_objectives_of_this_period_and_archived_ones_for_theirs(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    chat.say("/baton okr add objective Hire two trainers period 2027-Q1", channel="sales")
    chat.say("/baton okr add objective Someone else's goal", channel="general")
    listed = chat.say("/baton okr list", channel="sales")
    assert "Objectives of #sales for 2026-Q4" in listed
    assert "O-1 Grow the service network · 2026-Q4 · #sales" in listed
    assert "1 key result" in listed
    assert "O-2" not in listed
    assert "O-3" not in listed
    clock.set(datetime(2027, 1, 10, 9, 0, tzinfo=UTC))
    with baton.db.transaction() as session:
        graded = session.scalars(select(Objective).where(Objective.number == 1)).one()
        graded.state, graded.score = ObjectiveState.ARCHIVED, 0.7
    listed = chat.say("/baton okrs", channel="sales")
    assert "O-2 Hire two trainers" in listed
    assert "O-1" not in listed
    earlier = chat.say("/baton okr list 2026-Q4", channel="sales")
    assert "O-1 Grow the service network · 2026-Q4 · #sales" in earlier
    assert "archived · score 0.7" in earlier
    assert "#sales has no objectives for 2025" in chat.say("/baton okr list 2025", channel="sales")


def test_show_lists_key_results_status_owner_and_linked_work(chat: Chat) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    chat.say("/baton okr add kr O-1 Trainings tasks to 2", channel="sales")
    chat.say("/baton task add Train the Lyon partner for K-2", channel="sales")
    chat.say("/baton task add Train the Nice partner @carl for K-2", channel="sales")
    chat.say("/baton task done T-1", channel="sales")
    chat.say("/baton okr checkin K-1 100 on-track", user="anna", channel="sales")
    shown = chat.say("/baton okr show O-1", channel="sales")
    assert "O-1 Grow the service network · 2026-Q4 · #sales · 🟠 At risk" in shown
    assert "K-1 Service points live: 100 points, target 125 points · 60.9%" in shown
    assert "· 🟢 On track · @anna" in shown
    # Half done when 60 % of the quarter is gone: a little more than a tenth behind.
    assert "K-2 Trainings: 1, target 2 · 50% · expected 1.2 · 🟠 At risk · @bob" in shown
    assert "Linked work: T-1 Train the Lyon partner (done) · T-2 Train the Nice partner (open)" in (
        shown
    )


def test_the_objective_takes_its_weakest_key_results_status(chat: Chat) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    chat.say("/baton okr add kr O-1 CRM live milestone", channel="sales")
    chat.say("/baton okr checkin K-1 120 on-track", user="anna", channel="sales")
    chat.say("/baton okr checkin K-2 50 at-risk", channel="sales")
    assert "#sales · 🟠 At risk" in chat.say("/baton okr show O-1", channel="sales")


def test_chart_posts_the_objective_to_its_channel_with_one_line_per_key_result(
    chat: Chat, platform: FakePlatform, clock: SimulatedClock
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(SERVICE_POINTS, channel="sales")
    chat.say("/baton okr add kr O-1 CRM live milestone", channel="sales")
    chat.say("/baton okr checkin K-1 80", user="anna", channel="sales")
    first = clock.now()
    clock.advance(timedelta(days=7))
    chat.say("/baton okr checkin K-1 90", user="anna", channel="sales")
    reply = chat.say("/baton okr chart O-1", channel="general")
    assert "Posted the chart of O-1 to #sales." in reply
    posted = next(p for p in reversed(platform.messages) if p.message.charts)
    assert posted.where == "[#sales]"
    [chart] = posted.message.charts
    assert chart.name == "okr-O-1"
    assert chart.title == "O-1 Grow the service network · 2026-Q4"
    points, crm = chart.lines
    period_start = datetime(2026, 9, 30, 22, 0, tzinfo=UTC)  # 1 October, midnight in Berlin
    assert points.points == ((period_start, 61.0), (first, 80.0), (clock.now(), 90.0))
    assert (points.start, points.target, points.unit) == (61.0, 125.0, "points")
    assert (points.starts, points.ends) == (period_start, datetime(2026, 12, 31, 23, 0, tzinfo=UTC))
    assert crm.points == ((period_start, 0.0),)
    assert points.label == "K-1 Service points live"


def test_cadence_says_the_default_then_keeps_what_is_set(chat: Chat, baton: Baton) -> None:
    assert "#sales checks in every week on Monday at 09:00" in chat.say(
        "/baton okr cadence", channel="sales"
    )
    assert count(baton, OkrCadence) == 0
    reply = chat.say(
        "/baton okr cadence every 2 weeks on thursday at 10:30 cutoff 48h", channel="sales"
    )
    assert "every 2 weeks on Thursday at 10:30" in reply
    assert "after 48 h" in reply
    chat.say("/baton okr cadence at 8am", channel="sales")
    with baton.db.transaction() as session:
        row = session.scalars(select(OkrCadence)).one()
        assert (row.every, row.weekday, row.at, row.cutoff_hours) == ("biweekly", 3, "08:00", 48)
    chat.say("/baton okr cadence monthly on lundi", channel="sales")
    assert "every month (the first such day) on Monday at 08:00" in chat.say(
        "/baton okr cadence", channel="sales"
    )


def test_a_run_counts_toward_a_key_result_once_it_is_done(chat: Chat, baton: Baton) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say("/baton okr add kr O-1 Service points opened tasks to 5", channel="sales")
    chat.say(TINY, channel="sales")
    started = chat.say("/baton run tiny for Lyon for K-1 owner=@anna", channel="sales")
    assert "Started R-1 (tiny) for Lyon" in started
    assert "R-1 Lyon (active)" in chat.say("/baton okr show O-1", channel="sales")
    chat.say("/baton task done T-1", user="anna", channel="sales")
    chat.say("/baton task done T-2", user="anna", channel="sales")
    shown = chat.say("/baton okr show O-1", channel="sales")
    assert "R-1 Lyon (done)" in shown
    assert "K-1 Service points opened: 1, target 5" in shown
    assert key_results(baton)[0].current_value == 1


TINY = """/baton template import ```yaml
name: tiny
title: A tiny checklist
roles: [owner]
sections:
  - name: Only
    items:
      - {id: one, title: "First for {subject}", assignee: owner, due: start+1d}
      - {id: two, title: Second, assignee: owner, due: start+2d}
```"""


def _checkins(baton: Baton) -> list[CheckIn]:
    with baton.db.transaction() as session:
        found = list(session.scalars(select(CheckIn).order_by(CheckIn.at)))
        session.expunge_all()
    return found


def test_a_run_started_through_the_role_form_still_counts_toward_its_key_result(
    chat: Chat, baton: Baton, platform: FakePlatform
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say("/baton okr add kr O-1 Service points opened tasks to 5", channel="sales")
    chat.say(TINY, channel="sales")
    typed = Invocation(
        actor=chat.actor("bob", "sales"), text="run tiny for Nice for K-1", trigger_id="trigger-3"
    )
    chat.run(typed)
    _, form = platform.forms[-1]
    assert count(baton, Run) == 0
    values = {"subject": "Nice", "role_owner": "UANNA"}
    assert "Started R-1 (tiny) for Nice" in chat.submit(
        "run.start", values, context=form.context, channel="sales"
    )
    assert "R-1 Nice (active)" in chat.say("/baton okr show O-1", channel="sales")


def test_a_tasks_count_is_charted_up_to_now(
    chat: Chat, platform: FakePlatform, clock: SimulatedClock
) -> None:
    chat.say(OBJECTIVE, channel="sales")
    chat.say("/baton okr add kr O-1 Trainings tasks to 4", channel="sales")
    chat.say("/baton task add Train Lyon for K-1", channel="sales")
    chat.say("/baton task done T-1", channel="sales")
    chat.say("/baton okr chart O-1", channel="sales")
    posted = next(p for p in reversed(platform.messages) if p.message.charts)
    [line] = posted.message.charts[0].lines
    assert line.points[-1] == (clock.now(), 1.0)
