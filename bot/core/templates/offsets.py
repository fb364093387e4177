"""Due offsets of template items: `start`, `start-5d`, `start+2w`, `start+3 workdays`,
`start+1d 10:00`, and the due date each gives for a run's start day in its time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot.core.when import END_OF_WORKDAY

PATTERN = (
    r"^start(\s*[+-]\s*[0-9]{1,4}\s*(d|days?|w|weeks?|workdays?))?"
    r"(\s+[0-9]{1,2}:[0-9]{2})?$"
)
"""What JSON Schema says about an offset (editors check it as you type)."""

_OFFSET = re.compile(
    r"^start(?:\s*(?P<sign>[+-])\s*(?P<amount>[0-9]{1,4})\s*(?P<unit>[a-z]+))?"
    r"(?:\s+(?P<hour>[0-9]{1,2}):(?P<minute>[0-9]{2}))?$"
)
_UNITS = {
    "d": "d",
    "day": "d",
    "days": "d",
    "w": "w",
    "week": "w",
    "weeks": "w",
    "workday": "workdays",
    "workdays": "workdays",
}
MAX_DAYS = 3660
"""About ten years either way: further than any checklist plans."""
EXAMPLES = "start, start-5d, start+2w, start+3 workdays or start+1d 10:00"


class OffsetError(ValueError):
    """Text that is not a due offset; str(e) says what is wrong."""


@dataclass(frozen=True, slots=True)
class Offset:
    """`amount` days, weeks or workdays from the start day, due at `at` (None: end of day)."""

    amount: int = 0
    unit: str = "d"
    at: time | None = None

    def __str__(self) -> str:
        text = "start"
        if self.amount:
            unit = " workdays" if self.unit == "workdays" else self.unit
            text += f"{self.amount:+d}{unit}"
        if self.at is not None:
            text += f" {self.at:%H:%M}"
        return text

    @property
    def days(self) -> int:
        """Roughly how many days from the start (workdays count as 7/5 of a day)."""
        if self.unit == "w":
            return self.amount * 7
        if self.unit == "workdays":
            return self.amount * 7 // 5
        return self.amount

    def day(self, start: date) -> date:
        """The day this offset falls on for a run starting on `start`."""
        if self.unit == "workdays":
            return add_workdays(start, self.amount)
        return start + timedelta(days=self.days)

    def due(self, start: date, tz: ZoneInfo) -> tuple[datetime, bool]:
        """The due moment in UTC for a run starting on `start` in zone `tz`, and whether it
        has a time of day (without one it is the end of the workday, as for tasks).

        Raises:
            OverflowError: the day is outside the calendar.
        """
        wall = datetime.combine(self.day(start), self.at or END_OF_WORKDAY, tzinfo=tz)
        return wall.astimezone(UTC), self.at is not None


@lru_cache(maxsize=1024)
def parse_offset(text: str) -> Offset:
    """Reads an offset; raises OffsetError saying what a good one looks like (a bulk start
    reads each item's offset once per run, hence the cache)."""
    found = _OFFSET.match(" ".join(text.strip().lower().split()))
    if found is None:
        raise OffsetError(f"`{text[:60]}` is not a due offset: write {EXAMPLES}")
    amount = 0
    unit = "d"
    if found["sign"]:
        unit_word = found["unit"]
        if unit_word not in _UNITS:
            raise OffsetError(
                f"`{unit_word}` in `{text[:60]}` is no unit: use d, w or workdays ({EXAMPLES})"
            )
        unit = _UNITS[unit_word]
        amount = int(found["amount"]) * (-1 if found["sign"] == "-" else 1)
    at = None
    if found["hour"] is not None:
        hour, minute = int(found["hour"]), int(found["minute"])
        if hour > 23 or minute > 59:
            raise OffsetError(f"`{text[:60]}`: {hour}:{minute:02d} is not a time of day")
        at = time(hour, minute)
    offset = Offset(amount, unit, at)
    if abs(offset.days) > MAX_DAYS:
        raise OffsetError(f"`{text[:60]}` is more than ten years from the start")
    return offset


def add_workdays(start: date, amount: int) -> date:
    """`amount` workdays (Monday to Friday) after `start`, or before it when negative.

    A start on a weekend first moves to the next workday (the previous one going back), so
    `start+0 workdays` is the first workday from the start.
    """
    step = 1 if amount >= 0 else -1
    day = start
    while day.weekday() >= 5:
        day += timedelta(days=step)
    weeks, rest = divmod(abs(amount), 5)
    day += timedelta(days=7 * weeks * step)  # whole weeks keep the weekday
    for _ in range(rest):
        day += timedelta(days=step)
        while day.weekday() >= 5:
            day += timedelta(days=step)
    return day
