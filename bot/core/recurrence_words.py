"""A recurrence said back in the reader's language: `jeden Montag und Freitag um 09:00`,
`chaque lundi et vendredi à 09 h 00`.

Reminders keep the English words they were set with ("every Monday and Friday at 09:00");
they are read again here and said with the catalog's texts and Babel's day names.
"""

from __future__ import annotations

from datetime import datetime, time

from babel.dates import format_datetime, get_day_names
from dateutil.rrule import DAILY, MONTHLY, WEEKLY, weekday

from bot.core.catalog import text
from bot.core.every import read_every
from bot.core.formats import listing, locale_of

_TIME = {"en": "HH:mm", "fr": "HH 'h' mm", "de": "HH:mm"}


def said_in(said: str, lang: str) -> str:
    """`said` (English, as stored) in `lang`; as it is when Baton cannot read it again."""
    read = None if lang == "en" or not said else read_every(said)
    if read is None:
        return said
    (freq, interval, days, monthday, _), at = read
    clock = _clock(at, lang)
    if freq == DAILY and days:
        return text("every.weekday", lang, time=clock)
    if freq == DAILY:
        return text("every.days_n", lang, count=interval, time=clock)
    if freq == WEEKLY and days:
        named = _days(days, lang)
        if interval == 1:
            return text("every.on_days", lang, days=named, time=clock)
        if interval == 2:
            return text("every.other_days", lang, days=named, time=clock)
        return text("every.weeks_n_on", lang, count=interval, days=named, time=clock)
    if freq == WEEKLY:
        return text("every.weeks_n", lang, count=interval, time=clock)
    if freq == MONTHLY and monthday is not None:
        day = _ordinal(monthday, lang)
        return text("every.months_n_on", lang, count=interval, day=day, time=clock)
    if freq == MONTHLY:
        return text("every.months_n", lang, count=interval, time=clock)
    return text("every.years_n", lang, count=interval, time=clock)


def _clock(at: time, lang: str) -> str:
    moment = datetime.combine(datetime(2000, 1, 1).date(), at)  # noqa: DTZ001 - a time of day
    return format_datetime(moment, _TIME.get(lang, "HH:mm"), locale=locale_of(lang))


def _days(days: tuple[weekday, ...], lang: str) -> str:
    names = get_day_names("wide", locale=locale_of(lang))
    return listing([str(names[day.weekday]) for day in days], lang)


def _ordinal(day: int, lang: str) -> str:
    if lang == "de":
        return f"{day}."
    if lang == "fr":
        return "1er" if day == 1 else str(day)
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"
