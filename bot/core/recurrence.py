"""Recurrences stored as RFC 5545 text: a DTSTART in local wall time and an RRULE.

The zone is kept beside the rule (a job's `tz`), and every occurrence is computed in local
wall time, then placed in the zone: "every day at 09:00 Europe/Berlin" stays at 09:00 on
both sides of a DST change. A wall time that a spring-forward skips (02:30) happens once,
an hour later on the clock; one that a fall-back repeats happens once, the first time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from dateutil.rrule import rrule, rrulestr

from bot.core.reader import zone


class RecurrenceError(ValueError):
    """A stored rule that dateutil cannot read."""


@lru_cache(maxsize=1024)
def _rule(text: str) -> rrule:
    try:
        rule = rrulestr(text)
    except (ValueError, TypeError) as error:
        raise RecurrenceError(str(error)) from None
    if not isinstance(rule, rrule):  # an RRULE set: Baton writes single rules only
        raise RecurrenceError("one RRULE expected")
    return rule


def as_text(rule: rrule) -> str:
    """The rule as stored: `DTSTART:…\\nRRULE:…`, its DTSTART naive (local wall time)."""
    stored = str(rule)
    if "TZID" in stored or stored.split("\n", 1)[0].endswith("Z"):
        raise ValueError("a stored rule keeps local wall time: give a naive DTSTART")
    return stored


def next_after(text: str, tz: str, after: datetime) -> datetime | None:
    """The first occurrence strictly after `after` (aware), in UTC; None once the rule ends."""
    place = zone(tz)
    local_after = after.astimezone(place).replace(tzinfo=None)
    rule = _rule(text)
    candidate = rule.after(local_after, inc=False)
    while candidate is not None:
        at = candidate.replace(tzinfo=place).astimezone(UTC)
        # A fall-back hour happens twice: its second pass is not a new occurrence.
        if at > after:
            return at
        candidate = rule.after(candidate, inc=False)
    return None


def first_at_or_after(text: str, tz: str, start: datetime) -> datetime | None:
    """The first occurrence at `start` or later, in UTC."""
    place = zone(tz)
    local = start.astimezone(place).replace(tzinfo=None)
    candidate = _rule(text).after(local, inc=True)
    if candidate is None:
        return None
    at = candidate.replace(tzinfo=place).astimezone(UTC)
    return at if at >= start else next_after(text, tz, start)
