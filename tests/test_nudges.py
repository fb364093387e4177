"""Task nudges: the right person, at the right local time, outside their quiet hours."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Baton
from bot.core.clock import SimulatedClock
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.time_travel import advance

# The clock starts on Wednesday 25 November 2026, 10:00 in Berlin.


def nudges(chat: Chat, user: str) -> list[str]:
    return [line for line in chat.dms(user) if "⏰" in line]


def test_the_assignee_is_nudged_at_nine_their_time_on_the_due_day(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    platform.add_person("nora", tz="America/New_York")
    chat.say("/baton task add Ship the samples @nora due 2026-11-27")
    # 09:00 in New York is 14:00 UTC on Friday.
    advance(baton, clock, timedelta(days=2, hours=4, minutes=59))
    assert nudges(chat, "nora") == []
    advance(baton, clock, timedelta(minutes=1))
    assert nudges(chat, "nora") == ["[DM @nora] ⏰ T-1 Ship the samples is due Fri 27 Nov 2026."]
    assert str(clock.now()) == "2026-11-27 14:00:00+00:00"


def test_a_due_time_is_nudged_an_hour_before(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Call the dealer @anna due tomorrow 15:00")
    advance(baton, clock, timedelta(hours=27, minutes=59))  # Thu 13:59 Berlin
    assert nudges(chat, "anna") == []
    advance(baton, clock, timedelta(minutes=1))
    assert nudges(chat, "anna") == [
        "[DM @anna] ⏰ T-1 Call the dealer is due Thu 26 Nov 2026 15:00."
    ]


def test_overdue_nudges_come_once_a_workday_and_not_on_weekends(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna due tomorrow")  # Thu 17:00
    advance(baton, clock, timedelta(days=6))  # to Tue 1 Dec 10:00
    overdue = [line for line in nudges(chat, "anna") if "overdue" in line]
    # Thu 17:00 when it fell overdue, Fri 09:00, Mon 09:00, Tue 09:00: nothing on the weekend.
    assert len(overdue) == 4
    assert len(nudges(chat, "anna")) == 5, "and the due-day nudge on Thursday morning"


def test_quiet_hours_and_weekend_settings_move_nudges(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    assert "No nudges from 20:00 to 10:30" in chat.say(
        "/baton settings quiet 20:00-10:30", user="anna"
    )
    chat.say("/baton task add Book the booth @anna due tomorrow")
    advance(baton, clock, timedelta(hours=24, minutes=29))  # Thu 10:29 Berlin
    assert nudges(chat, "anna") == []
    advance(baton, clock, timedelta(minutes=1))
    assert len(nudges(chat, "anna")) == 1
    assert "Nudges may come on weekends too" in chat.say(
        "/baton settings weekends off", user="anna"
    )
    advance(baton, clock, timedelta(days=3))  # Thu 17:00, Fri, Sat, Sun at 10:30
    assert len(nudges(chat, "anna")) == 5
    assert "Quiet hours: 20:00-10:30 · Nudges: all" in chat.say("/baton settings", user="anna")


def test_nudge_settings_due_only_and_off(chat: Chat, baton: Baton, clock: SimulatedClock) -> None:
    chat.say("/baton settings nudges due-only", user="anna")
    chat.say("/baton settings nudges off", user="carl")
    chat.say("/baton task add Book the booth @anna due tomorrow")
    chat.say("/baton task add Print flyers @carl due tomorrow")
    advance(baton, clock, timedelta(days=5))
    assert len(nudges(chat, "anna")) == 1
    assert nudges(chat, "carl") == []


def test_completing_redating_reassigning_and_deleting_move_or_cancel_nudges(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna due tomorrow")
    chat.say("/baton task add Print flyers @anna due tomorrow")
    chat.say("/baton task add Rent a van @anna due tomorrow")
    chat.say("/baton task add Order badges @anna due tomorrow")
    chat.say("/baton task done T-1")
    chat.say("/baton task due T-2 2026-12-02")
    chat.say("/baton task assign T-3 @carl")
    chat.say("/baton task delete T-4 confirm")
    advance(baton, clock, timedelta(days=1))
    assert nudges(chat, "anna") == []
    assert nudges(chat, "carl") == ["[DM @carl] ⏰ T-3 Rent a van is due Thu 26 Nov 2026."]
    advance(baton, clock, timedelta(days=6))
    assert "[DM @anna] ⏰ T-2 Print flyers is due Wed 02 Dec 2026." in nudges(chat, "anna")


def test_a_handover_sends_the_nudges_to_the_stand_in(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna due tomorrow")
    chat.say("/baton handover @anna to @dora until 2026-12-20")
    advance(baton, clock, timedelta(days=1))
    assert nudges(chat, "anna") == []
    assert nudges(chat, "dora") == ["[DM @dora] ⏰ T-1 Book the booth is due Thu 26 Nov 2026."]


def test_nudges_carry_complete_and_snooze_buttons_that_work(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth @anna due tomorrow")
    advance(baton, clock, timedelta(days=1))
    labels = [b.label for b in chat.last_with_buttons().message.buttons]
    assert labels == ["Complete", "1 hour", "3 hours", "Tomorrow 9:00", "Next week"]
    snoozed = chat.click("1 hour", user="anna")
    assert "I will nudge you about T-1 again on Thu 26 Nov 2026 11:00" in snoozed
    advance(baton, clock, timedelta(hours=1))
    assert len(nudges(chat, "anna")) == 2
    assert "✅ T-1 Book the booth" in chat.click("Complete", user="anna")
    advance(baton, clock, timedelta(days=3))
    assert len(nudges(chat, "anna")) == 2
