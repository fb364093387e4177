"""Quiet hours: when a person gets no nudges (by default 19:00-08:00 and weekends, local)."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta

from bot.core.reader import zone
from storage.models import Member

_CLOCK = re.compile(r"^([01]?[0-9]|2[0-3])(?:[:.h]([0-5][0-9]))?\s*(am|pm|h)?$")


def read_clock(text: str) -> time | None:
    """`20:00`, `7`, `7.30`, `19h`, `8:30am`, `7pm` -> a time of day; None when it is none."""
    match = _CLOCK.match(text.strip().lower())
    if match is None:
        return None
    hour, minute, suffix = int(match[1]), int(match[2] or 0), match[3]
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    return time(hour, minute)


def _window(member: Member) -> tuple[time, time]:
    start = read_clock(member.quiet_from) or time(19)
    end = read_clock(member.quiet_until) or time(8)
    return start, end


def _in_window(moment: time, start: time, end: time) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def is_quiet(member: Member, at: datetime) -> bool:
    local = at.astimezone(zone(member.tz))
    if member.quiet_weekends and local.weekday() >= 5:
        return True
    start, end = _window(member)
    return _in_window(local.time(), start, end)


def next_allowed(member: Member, at: datetime) -> datetime:
    """`at`, or the end of the quiet time it falls in."""
    place = zone(member.tz)
    start, end = _window(member)
    local = at.astimezone(place)
    for _ in range(8):  # a weekend, then a night: a few steps at most
        if member.quiet_weekends and local.weekday() >= 5:
            monday = local.date() + timedelta(days=7 - local.weekday())
            local = datetime.combine(monday, time(0), tzinfo=place)
            continue
        if _in_window(local.time(), start, end):
            day = local.date() if local.time() < end else local.date() + timedelta(days=1)
            local = datetime.combine(day, end, tzinfo=place)
            continue
        break
    return local.astimezone(at.tzinfo)
