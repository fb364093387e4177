"""Daily digests: on workdays at the channel's time in its zone, never empty, never doubled."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Baton
from bot.core.clock import SimulatedClock
from tests.support.chat import Chat
from tests.support.time_travel import advance

# The clock starts on Wednesday 25 November 2026, 10:00 in Berlin.


def digests(chat: Chat, where: str = "[#general] Daily digest") -> list[str]:
    return [line for line in chat.lines if line.startswith(where)]


def test_a_channel_digest_lists_due_today_overdue_blocked_and_newly_assigned(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    reply = chat.say("/baton digest on")
    assert "The daily digest of #general is on: workdays at 09:00 Europe/Berlin" in reply
    assert "next Thu 26 Nov 2026" in reply
    chat.say("/baton task add Book the booth @anna due tomorrow")
    chat.say("/baton task add Print flyers @carl due 2026-11-25 11:00")
    chat.say("/baton task add Call the printer @anna after T-2")
    advance(baton, clock, timedelta(hours=22, minutes=59))  # Thu 08:59 Berlin
    assert digests(chat) == []
    advance(baton, clock, timedelta(minutes=1))
    assert digests(chat) == ["[#general] Daily digest of #general · Thu 26 Nov 2026"]
    shown = "\n".join(chat.lines[chat.lines.index(digests(chat)[0]) :])
    for section in ("Due today (1)", "Overdue (1)", "Blocked (1)", "Newly assigned (3)"):
        assert section in shown
    assert "T-1 Book the booth · @anna" in shown


def test_no_digest_on_days_with_nothing_to_say_nor_on_weekends(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton digest on")
    advance(baton, clock, timedelta(days=2))
    assert digests(chat) == [], "nothing to report"
    chat.say("/baton task add Book the booth @anna due 2026-11-30")
    advance(baton, clock, timedelta(days=3))  # Friday 10:00 to Monday 10:00
    assert len(digests(chat)) == 1, "Monday only: the weekend has none, Friday's was empty"


def test_digest_at_a_time_in_the_channels_zone_and_off(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton settings channel tz America/New_York")
    assert "workdays at 08:30 America/New_York" in chat.say("/baton digest at 8:30")
    chat.say("/baton task add Book the booth @anna due 2026-11-26 18:00")
    advance(baton, clock, timedelta(hours=4, minutes=29))  # Wed 08:29 in New York
    assert digests(chat) == []
    advance(baton, clock, timedelta(minutes=1))  # 08:30 in New York
    assert len(digests(chat)) == 1
    assert "is off" in chat.say("/baton digest off")
    advance(baton, clock, timedelta(days=2))
    assert len(digests(chat)) == 1


def test_a_personal_digest_by_direct_message_and_now(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    assert "Nothing to report for you" in chat.say("/baton digest me now", user="anna")
    chat.say("/baton task add Book the booth @anna due tomorrow")
    assert "Here comes the digest for you" in chat.say("/baton digest me now", user="anna")
    assert "The daily digest for you is on" in chat.say("/baton digest me on", user="anna")
    advance(baton, clock, timedelta(days=1))
    mine = [line for line in chat.dms("anna") if "Your daily digest" in line]
    assert len(mine) == 2


def test_digest_usage(chat: Chat) -> None:
    assert "Usage: `/baton digest [me] on|off|now|at 9:00`" in chat.say("/baton digest at noonish")
    assert "was not on" in chat.say("/baton digest off")


def test_a_channel_that_changes_its_zone_gets_its_digest_at_the_same_local_time(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton digest on")  # 09:00 Berlin
    chat.say("/baton task add Book the booth @anna due 2026-11-27")
    chat.say("/baton settings channel tz America/New_York")  # 04:00 there: 09:00 is ahead
    advance(baton, clock, timedelta(hours=4, minutes=59))
    assert digests(chat) == []
    advance(baton, clock, timedelta(minutes=1))
    assert digests(chat) == ["[#general] Daily digest of #general · Wed 25 Nov 2026"]
    advance(baton, clock, timedelta(days=2))  # Thursday has nothing new; Friday T-1 is due
    assert digests(chat)[1:] == ["[#general] Daily digest of #general · Fri 27 Nov 2026"]


def test_a_digest_lists_the_check_ins_waiting_until_they_are_answered(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton okr add objective Grow the partner network period 2026-Q4")
    chat.say("/baton okr add kr O-1 Partners signed from 12 to 40 @anna")
    chat.say("/baton digest me at 9:30", user="anna")
    chat.say("/baton digest at 9:30")
    advance(baton, clock, timedelta(days=4, hours=23, minutes=30))  # Monday 09:30, asked at 09:00
    mine = "\n".join(chat.lines[chat.lines.index(chat.dms("anna")[-1]) :])
    assert mine.startswith("[DM @anna] Your daily digest · Mon 30 Nov 2026")
    assert "Check-ins waiting (1)" in mine
    assert "K-1 Partners signed · answer before Tue 01 Dec 2026 09:00" in mine
    channel = "\n".join(chat.lines[chat.lines.index(digests(chat)[-1]) :])
    assert "K-1 Partners signed · answer before" in channel
    chat.say("/baton okr checkin K-1 20", user="anna")
    assert "Nothing to report for you" in chat.say("/baton digest me now", user="anna")
