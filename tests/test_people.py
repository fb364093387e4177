"""Workload, handover and back, agendas and personal settings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.app import Baton
from bot.core.clock import SimulatedClock
from tests.support.chat import Chat


def test_workload_counts_open_and_overdue_per_person(chat: Chat, clock: SimulatedClock) -> None:
    chat.say("/baton task add Book the booth @anna due tomorrow", channel="fair")
    chat.say("/baton task add Print flyers @anna due 2026-12-10", channel="fair")
    chat.say("/baton task add Order badges @carl", channel="fair")
    chat.say("/baton task add Renew certificate @carl", channel="ops")
    clock.advance(timedelta(days=3))
    everywhere = chat.say("/baton workload")
    assert "@anna: 2 open, 1 overdue" in everywhere
    assert "@carl: 2 open, 0 overdue" in everywhere
    fair = chat.say("/baton workload #fair")
    assert "@carl: 1 open, 0 overdue" in fair
    assert "Renew certificate" not in fair
    chat.say("/baton agenda", channel="quiet")
    assert "Nobody has open tasks in #quiet." in chat.say("/baton workload #quiet")


def test_workload_for_an_unknown_channel(chat: Chat) -> None:
    assert "I can't find the channel `#nowhere`" in chat.say("/baton workload #nowhere")


def test_handover_and_back_at_the_end_date(chat: Chat, baton: Baton, clock: SimulatedClock) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton task add Print flyers @anna")
    chat.say("/baton task add Order badges @anna")
    chat.say("/baton task done T-3", user="anna")

    handed = chat.say("/baton handover @anna to @carl until 2026-12-20")
    assert "Handed 2 open tasks of @anna over to @carl until Sun 20 Dec 2026." in handed
    assert chat.dms("carl")
    assert chat.dms("anna")
    assert "2 tasks" in chat.say("/baton task list", user="carl")

    chat.say("/baton task done T-2", user="carl")
    chat.say("/baton task assign T-1 @dora")
    chat.say("/baton task assign T-1 @carl")  # back with Carl: will be handed back

    clock.set(clock.now() + timedelta(days=30))
    baton.tick()
    back = "\n".join(chat.lines[-12:])
    assert "Handed 1 task back to @anna from @carl." in back
    anna = chat.say("/baton task list", user="anna")
    assert "T-1 Book the booth" in anna
    assert "Print flyers" not in anna
    shown = chat.say("/baton task show T-1")
    assert "handed over from @anna to @carl" in shown
    assert "Baton handed back from @carl to @anna" in shown


def test_handover_back_leaves_tasks_reassigned_during_the_leave(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton task add Print flyers @anna")
    chat.say("/baton task add Order badges @anna")
    chat.say("/baton task add Renew certificate @dora")
    chat.say("/baton handover @anna to @carl until 2026-12-20", channel="fair")
    chat.say("/baton handover @dora to @carl until 2027-01-10")

    chat.say("/baton task assign T-1 @bob")  # someone else takes it over meanwhile
    chat.say("/baton task add Plan the stand party @carl")  # Carl's own, never handed over

    clock.set(clock.now() + timedelta(days=30))
    baton.tick()
    back = "\n".join(chat.lines[-12:])
    assert "[#fair] Handed 2 tasks back to @anna from @carl." in back, "where it was said"
    assert "Assignee: @bob" in chat.say("/baton task show T-1")
    for number in (2, 3):
        assert "Assignee: @anna" in chat.say(f"/baton task show T-{number}")
    carl = chat.say("/baton task list", user="carl")
    assert "T-4 Renew certificate" in carl, "Dora is still away"
    assert "T-5 Plan the stand party" in carl
    assert "Book the booth" not in carl


def test_handover_refusals(chat: Chat) -> None:
    assert "@anna has no open tasks to hand over." in chat.say("/baton handover @anna to @carl")
    assert "Hand over to someone else than @anna." in chat.say("/baton handover @anna to @anna")
    assert "I can't find `@zed`" in chat.say("/baton handover @zed to @anna")
    chat.say("/baton task add Book the booth @anna")
    assert "in the past" in chat.say("/baton handover @anna to @carl until 2020-01-01")
    assert "Assignee: @anna" in chat.say("/baton task show T-1")


def test_agenda_per_channel(chat: Chat) -> None:
    chat.say("/baton agenda add Budget for the fair", channel="fair")
    chat.say("/baton agenda add Booth layout", channel="fair", user="anna")
    chat.say("/baton agenda add Unrelated", channel="ops")
    listed = chat.say("/baton agenda list", channel="fair")
    assert "1. Budget for the fair · @bob" in listed
    assert "2. Booth layout · @anna" in listed
    assert "Unrelated" not in listed
    asked = chat.say("/baton agenda clear", channel="fair")
    assert "Others added topics to the agenda of #fair. Clear them all?" in asked
    assert "Cleared 2 topics" in chat.click("Clear the agenda", channel="fair")
    assert "is empty" in chat.say("/baton agenda", channel="fair")
    chat.say("/baton agenda add Mine alone", channel="fair")
    assert "Cleared 1 topic" in chat.say("/baton agenda clear", channel="fair")
    assert "Unrelated" in chat.say("/baton agenda", channel="ops")


def test_settings(chat: Chat) -> None:
    assert "Europe/Vienna" in chat.say("/baton settings tz europe/vienna")
    assert "not a time zone I know" in chat.say("/baton settings tz Mars/Olympus")
    assert "Deutsch" in chat.say("/baton settings lang de")
    shown = chat.say("/baton settings")
    assert "Europe/Vienna" in shown
    assert "Deutsch" in shown


def test_help(chat: Chat) -> None:
    assert "/baton task add <title>" in chat.say("/baton help")
    assert "vendredi 17h" in chat.say("/baton help dates")
    assert "There is no help on `payroll`" in chat.say("/baton help payroll")


def test_agenda_topics_are_removed_one_by_one_and_posted_for_the_meeting(chat: Chat) -> None:
    for topic in ("Budget", "Booth layout", "Staff plan"):
        chat.say(f"/baton agenda add {topic}", channel="fair")
    assert "Removed from the agenda of #fair: Booth layout" in chat.say(
        "/baton agenda remove 2", channel="fair"
    )
    assert "There is no topic 5: the agenda has 2" in chat.say(
        "/baton agenda remove 5", channel="fair"
    )
    posted = chat.say("/baton agenda post", channel="fair")
    assert "[#fair] Agenda of #fair" in posted, "posted for everyone, not only the asker"
    assert "2. Staff plan · @bob" in posted


def test_work_given_to_someone_on_leave_goes_to_their_stand_in_and_back(
    chat: Chat, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton handover @anna to @dora until 2026-12-20", user="anna")
    added = chat.say("/baton task add Order flyers @anna")
    assert "@anna is away until Sun 20 Dec 2026 17:00: T-2 goes to @dora, who stands in" in added
    assert "Assignee: @dora" in chat.say("/baton task show T-2")
    chat.say("/baton task add Print badges")
    assert "T-3 goes to @dora" in chat.say("/baton task assign T-3 @anna")
    clock.advance(timedelta(days=30))
    chat.baton.tick()
    for number in (1, 2, 3):
        assert "Assignee: @anna" in chat.say(f"/baton task show T-{number}"), number


@pytest.mark.parametrize("command", ['/baton help " "', "/baton help '  '", '/baton help "\t"'])
def test_help_on_a_blank_topic_shows_the_overview(chat: Chat, command: str) -> None:
    reply = chat.say(command)
    assert "/baton task add <title>" in reply
    assert "/baton handover @from to @to" in reply
    assert "went wrong" not in reply
