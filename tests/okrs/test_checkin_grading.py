"""The end of a period: each key result graded, the objective's average, the grades posted to
the channel, the objective archived and no longer checked in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.okrs.checkins import record_checkin
from bot.core.okrs.refs import key_result_by_number
from storage.models import JobState, KeyResult, Objective, ObjectiveState, OkrStatus, ScheduledJob
from tests.okrs.builders import KeyResultSpec, acting, add_objective
from tests.support.chat import Chat
from tests.support.time_travel import advance

# The quarter ends at midnight in Berlin, the channel's zone: 23:00 UTC on 31 December.
QUARTER_OVER = datetime(2026, 12, 31, 23, 0, tzinfo=UTC)


@pytest.fixture
def quarter(chat: Chat) -> int:
    return add_objective(
        chat,
        "Grow the partner network",
        [KeyResultSpec("Partners signed", "anna", 0, 40), KeyResultSpec("Churn", "bob", 10, 5)],
    )


def check_in(chat: Chat, number: int, value: float, user: str) -> None:
    with acting(chat, user) as scope:
        key_result = key_result_by_number(scope, number)
        record_checkin(scope, key_result, value, OkrStatus.ON_TRACK, "", scope.member)


def test_the_grades_are_posted_at_the_end_of_the_period_and_the_objective_archived(
    chat: Chat, baton: Baton, clock: SimulatedClock, quarter: int
) -> None:
    check_in(chat, 1, 30, "anna")  # 0.75 of the way
    check_in(chat, 2, 8, "bob")  # 10 -> 8 of 10 -> 5: 0.4
    advance(baton, clock, QUARTER_OVER - timedelta(minutes=1) - clock.now())
    assert not [line for line in chat.lines if "is over" in line]
    advance(baton, clock, timedelta(minutes=1))
    start = next(i for i, line in enumerate(chat.lines) if "is over" in line)
    grading = "\n".join(chat.lines[start : start + 3])
    assert (
        "[#sales] O-1 Grow the partner network (2026-Q4) is over: graded 0.57 and archived."
        in grading
    )
    assert "K-1 Partners signed: 0.75 (30 of 40)" in grading
    assert "K-2 Churn: 0.40 (8 of 5)" in grading
    [posted] = [p for p in chat.platform.messages if "is over" in p.message.summary]
    [chart] = posted.message.charts
    assert [line.points[-1][1] for line in chart.lines] == [30, 8]
    with baton.db.transaction() as session:
        objective = session.scalars(select(Objective)).one()
        assert objective.state is ObjectiveState.ARCHIVED
        assert objective.score == pytest.approx(0.575)
        assert objective.graded_at == QUARTER_OVER
        scores = session.scalars(select(KeyResult.score).order_by(KeyResult.number)).all()
        assert [round(score or 0, 6) for score in scores] == [0.75, 0.4]
        pending = session.scalars(
            select(ScheduledJob.kind).where(ScheduledJob.state == JobState.PENDING)
        ).all()
        assert not [kind for kind in pending if kind.startswith("okr_checkin.")]


def test_an_archived_objective_gets_no_more_check_in_messages(
    chat: Chat, baton: Baton, clock: SimulatedClock, quarter: int
) -> None:
    advance(baton, clock, QUARTER_OVER + timedelta(days=21) - clock.now())
    asked_after = [
        line
        for line in chat.lines[next(i for i, x in enumerate(chat.lines) if "is over" in x) :]
        if "Time to check in" in line
    ]
    assert asked_after == []


def test_an_objective_that_has_not_started_is_not_asked_about(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    add_objective(
        chat,
        "Open the Lyon office",
        [KeyResultSpec("Desks rented", "anna", 0, 12)],
        period=("2027-Q1", date(2027, 1, 1), date(2027, 3, 31)),
    )
    advance(baton, clock, timedelta(days=14))
    assert not [line for line in chat.dms("anna") if "Time to check in" in line]
    advance(baton, clock, datetime(2027, 1, 4, 8, tzinfo=UTC) - clock.now())
    assert [line for line in chat.dms("anna") if "Time to check in K-1" in line]
