"""Due offsets: what a template may say, and the day each gives, weekends skipped for workdays."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.templates.offsets import Offset, OffsetError, add_workdays, parse_offset


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("start", Offset()),
        ("start-5d", Offset(-5, "d")),
        ("start + 2 weeks", Offset(2, "w")),
        ("start+3 workdays", Offset(3, "workdays")),
        ("start+1d 10:00", Offset(1, "d", time(10, 0))),
        ("Start 9:30", Offset(0, "d", time(9, 30))),
    ],
)
def test_offsets_are_read_and_written_back_the_same(text: str, offset: Offset) -> None:
    assert parse_offset(text) == offset
    assert parse_offset(str(offset)) == offset


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("tomorrow", "is not a due offset"),
        ("start+5x", r"`x` in `start\+5x` is no unit"),
        ("start+1d 25:00", "is not a time of day"),
        ("start+600w", "more than ten years"),
    ],
)
def test_bad_offsets_say_what_a_good_one_looks_like(text: str, why: str) -> None:
    with pytest.raises(OffsetError, match=why):
        parse_offset(text)


def test_workdays_skip_saturdays_and_sundays() -> None:
    friday = date(2026, 11, 27)
    assert add_workdays(friday, 1) == date(2026, 11, 30)  # Monday
    assert add_workdays(friday, 6) == date(2026, 12, 7)
    assert add_workdays(date(2026, 11, 28), 0) == date(2026, 11, 30)  # Saturday -> Monday
    assert add_workdays(date(2026, 11, 30), -1) == friday


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)), st.integers(-300, 300))
def test_n_workdays_away_is_a_workday_n_workdays_away(start: date, amount: int) -> None:
    day = add_workdays(start, amount)
    assert day.weekday() < 5
    if start.weekday() < 5:  # from a weekend, counting starts at the nearest workday
        step = 1 if amount >= 0 else -1
        between, current = 0, start
        while current != day:
            current = date.fromordinal(current.toordinal() + step)
            between += current.weekday() < 5
        assert between == abs(amount)


def test_a_due_date_is_the_days_end_of_work_in_the_runs_zone_unless_it_has_a_time() -> None:
    berlin = ZoneInfo("Europe/Berlin")
    assert Offset(2, "d").due(date(2026, 12, 1), berlin) == (
        datetime(2026, 12, 3, 16, 0, tzinfo=UTC),
        False,
    )
    assert Offset(0, "d", time(9, 0)).due(date(2026, 7, 1), berlin) == (
        datetime(2026, 7, 1, 7, 0, tzinfo=UTC),
        True,
    )
