"""Dates in plain text, for summaries and lines that cannot carry a Moment."""

from __future__ import annotations

from datetime import datetime

from bot.core.scope import zone


def local_time(at: datetime, tz: str, *, with_time: bool = True) -> str:
    """`Fri 20 Dec 2026 17:00` in the zone `tz`."""
    local = at.astimezone(zone(tz))
    return local.strftime("%a %d %b %Y %H:%M" if with_time else "%a %d %b %Y")
