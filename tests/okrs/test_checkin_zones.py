"""Rounds keep 09:00 local time for each owner across daylight saving changes, and follow the
channel's cadence: weekly, every 2 weeks, monthly."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.okrs.rounds import Cadence, cadence_rule, plan_checkins
from bot.core.recurrence import next_after
from storage.models import CheckInRequest, OkrCadence
from tests.okrs.builders import KeyResultSpec, acting, add_objective, channel_row
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.time_travel import advance

Q1 = ("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))


def asks(chat: Chat, user: str) -> int:
    return len([line for line in chat.dms(user) if "Time to check in" in line])


def at(baton: Baton, clock: SimulatedClock, moment: datetime) -> None:
    advance(baton, clock, moment - clock.now())


def test_new_york_and_berlin_are_each_asked_at_nine_local_across_the_dst_changes(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    platform.add_person("nina", tz="America/New_York")
    clock.set(datetime(2027, 3, 2, 12, tzinfo=UTC))
    add_objective(
        chat,
        "Open the Lyon office",
        [KeyResultSpec("Desks rented", "anna", 0, 12), KeyResultSpec("Hires", "nina", 0, 5)],
        period=Q1,
    )
    # Monday 8 March: New York is on EST (UTC-5), Berlin on CET (UTC+1).
    at(baton, clock, datetime(2027, 3, 8, 7, 59, tzinfo=UTC))
    assert (asks(chat, "anna"), asks(chat, "nina")) == (0, 0)
    at(baton, clock, datetime(2027, 3, 8, 8, 0, tzinfo=UTC))
    assert (asks(chat, "anna"), asks(chat, "nina")) == (1, 0)
    at(baton, clock, datetime(2027, 3, 8, 13, 59, tzinfo=UTC))
    assert asks(chat, "nina") == 0
    at(baton, clock, datetime(2027, 3, 8, 14, 0, tzinfo=UTC))
    assert asks(chat, "nina") == 1
    # Monday 15 March: New York moved to EDT (UTC-4) on the 14th; Berlin has not yet.
    at(baton, clock, datetime(2027, 3, 15, 12, 59, tzinfo=UTC))
    assert (asks(chat, "anna"), asks(chat, "nina")) == (2, 1)
    at(baton, clock, datetime(2027, 3, 15, 13, 0, tzinfo=UTC))
    assert asks(chat, "nina") == 2
    # Monday 29 March: Berlin moved to CEST (UTC+2) on the 28th.
    at(baton, clock, datetime(2027, 3, 29, 6, 59, tzinfo=UTC))
    assert asks(chat, "anna") == 3
    at(baton, clock, datetime(2027, 3, 29, 7, 0, tzinfo=UTC))
    assert asks(chat, "anna") == 4


def test_an_owner_who_moves_to_another_zone_is_asked_at_nine_there_from_the_next_round(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    add_objective(chat, "Grow", [KeyResultSpec("Partners signed", "anna", 0, 40)])
    at(baton, clock, datetime(2026, 11, 30, 8, tzinfo=UTC))
    assert asks(chat, "anna") == 1
    chat.say("/baton settings tz Asia/Tokyo", user="anna", channel="sales")
    # The round planned in Berlin's time still comes (Monday 7 December, 08:00 UTC)...
    at(baton, clock, datetime(2026, 12, 7, 8, 0, tzinfo=UTC))
    assert asks(chat, "anna") == 2
    # ...and the next one is at 09:00 in Tokyo: Monday 14 December, 00:00 UTC.
    at(baton, clock, datetime(2026, 12, 13, 23, 59, tzinfo=UTC))
    assert asks(chat, "anna") == 2
    at(baton, clock, datetime(2026, 12, 14, 0, 0, tzinfo=UTC))
    assert asks(chat, "anna") == 3


def set_cadence(chat: Chat, every: str, weekday: int, clock_at: str) -> None:
    with acting(chat, "bob") as scope:
        channel = channel_row(scope, "sales")
        scope.session.add(
            OkrCadence(
                workspace_id=scope.workspace.id,
                channel_id=channel.id,
                every=every,
                weekday=weekday,
                at=clock_at,
                cutoff_hours=24,
                created_at=scope.now,
            )
        )
        scope.session.flush()
        plan_checkins(scope, channel)


@pytest.mark.parametrize(
    ("every", "weekday", "expected"),
    [
        # Every 2 weeks on Wednesday at 10:30, counted from the week it was set (Wednesday
        # 25 November, 10:00 in Berlin: its first round is half an hour later).
        ("biweekly", 2, ["2026-11-25", "2026-12-09", "2026-12-23"]),
        # The first Friday of each month.
        ("monthly", 4, ["2026-12-04"]),
    ],
)
def test_rounds_follow_the_channels_cadence(
    chat: Chat, baton: Baton, clock: SimulatedClock, every: str, weekday: int, expected: list[str]
) -> None:
    add_objective(chat, "Grow", [KeyResultSpec("Partners signed", "anna", 0, 40)])
    set_cadence(chat, every, weekday, "10:30")
    advance(baton, clock, timedelta(days=35))
    with baton.db.transaction() as session:
        rounds = session.scalars(select(CheckInRequest.round).order_by(CheckInRequest.id)).all()
    assert list(rounds) == expected
    assert asks(chat, "anna") == len(expected)


def test_setting_the_cadence_by_command_moves_the_next_round(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton okr add objective Grow period 2026-Q4", channel="sales")
    chat.say("/baton okr add kr O-1 Partners signed from 0 to 40 @anna", channel="sales")
    reply = chat.say("/baton okr cadence every 2 weeks on thursday at 10:30", channel="sales")
    assert "Thursday" in reply
    advance(baton, clock, timedelta(days=21))
    with baton.db.transaction() as session:
        rounds = session.scalars(select(CheckInRequest.round).order_by(CheckInRequest.id)).all()
    # Set on Wednesday 25 November: that week's Thursday, then every other one.
    assert list(rounds) == ["2026-11-26", "2026-12-10"]


@given(
    every=st.sampled_from(["weekly", "biweekly", "monthly"]),
    weekday=st.integers(0, 6),
    hour=st.integers(0, 23),
    minute=st.sampled_from([0, 15, 30, 45]),
    tz=st.sampled_from(["Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"]),
    days=st.integers(0, 400),
)
def test_every_round_falls_on_the_cadences_weekday_at_its_local_time(
    every: str, weekday: int, hour: int, minute: int, tz: str, days: int
) -> None:
    now = datetime(2026, 11, 25, 9, tzinfo=UTC) + timedelta(days=days)
    cadence = Cadence(every, weekday, time(hour, minute), timedelta(hours=24), None)
    rule = cadence_rule(cadence, now, tz)
    first = next_after(rule, tz, now)
    assert first is not None
    second = next_after(rule, tz, first)
    assert second is not None
    for moment in (first, second):
        local = moment.astimezone(ZoneInfo(tz))
        assert local.weekday() == weekday
        if (local.hour, local.minute) != (hour, minute):  # a wall time that DST skips
            assert (local - timedelta(hours=1)).hour == hour
        if every == "monthly":
            assert local.day <= 7, "the first such weekday of the month"
    gap = (second - first).days
    expected = {"weekly": range(6, 8), "biweekly": range(13, 15), "monthly": range(27, 36)}
    assert gap in expected[every]
