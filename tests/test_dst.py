"""Recurring reminders keep their local wall time across DST changes, and fire once each."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.app import Baton
from bot.core.clock import SimulatedClock
from tests.support.chat import Chat
from tests.support.time_travel import advance


def watch(chat: Chat, clock: SimulatedClock) -> list[str]:
    """Records, for each reminder Bob gets, the time it went out (UTC)."""
    times: list[str] = []
    write = chat.platform.write

    def record(line: str) -> None:
        if line.startswith("[DM @bob] ⏰"):
            times.append(f"{clock.now():%Y-%m-%d %H:%M}")
        write(line)

    chat.platform.write = record
    return times


def test_every_day_at_9am_berlin_fires_at_nine_local_on_both_2027_change_days(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    clock.set(datetime(2027, 3, 26, 12, 0, tzinfo=UTC))
    assert "every day at 09:00 Europe/Berlin" in chat.say(
        "/baton remind me to open the shop every day at 9am"
    )
    sent = watch(chat, clock)
    advance(baton, clock, timedelta(days=3))
    # 09:00 CET is 08:00 UTC; from Sunday 28 March, 09:00 CEST is 07:00 UTC.
    assert sent == ["2027-03-27 08:00", "2027-03-28 07:00", "2027-03-29 07:00"]
    clock.set(datetime(2027, 10, 30, 12, 0, tzinfo=UTC))
    baton.tick()  # the seven months missed meanwhile go off once, not two hundred times
    assert sent[3:] == ["2027-10-30 12:00"]
    sent.clear()
    advance(baton, clock, timedelta(days=2))
    assert sent == ["2027-10-31 08:00", "2027-11-01 08:00"], "back to CET on Sunday 31 October"


def test_a_reminder_at_0230_on_the_spring_forward_day_fires_once(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    clock.set(datetime(2027, 3, 27, 12, 0, tzinfo=UTC))
    chat.say("/baton remind me to check the heating on 2027-03-28 at 02:30")
    chat.say("/baton remind me to read the meter every day at 02:30")
    sent = watch(chat, clock)
    advance(baton, clock, timedelta(days=2))
    # 02:30 does not exist that night in Berlin: both go off once, at 03:30 CEST (01:30 UTC).
    assert sent == ["2027-03-28 01:30", "2027-03-28 01:30", "2027-03-29 00:30"]
    assert sum("check the heating" in line for line in chat.dms("bob")) == 1
