"""Snoozing a reminder or a nudge: the choices Baton offers and when each one ends."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from bot.core.reader import zone

CHOICES = ("20m", "1h", "3h", "tomorrow", "week")
"""In the order the buttons show them."""
MORNING = time(9, 0)


def snooze_until(choice: str, now: datetime, tz: str) -> datetime | None:
    """When a snooze of `choice` ends, said in the zone `tz`; None for an unknown choice."""
    if choice == "20m":
        return now + timedelta(minutes=20)
    if choice == "1h":
        return now + timedelta(hours=1)
    if choice == "3h":
        return now + timedelta(hours=3)
    place = zone(tz)
    today = now.astimezone(place).date()
    if choice == "tomorrow":
        day = today + timedelta(days=1)
    elif choice == "week":  # next Monday, as Slack's "next week"
        day = today + timedelta(days=7 - today.weekday())
    else:
        return None
    return datetime.combine(day, MORNING, tzinfo=place).astimezone(now.tzinfo)
