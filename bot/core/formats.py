"""Dates, numbers, lists and language names as each language writes them, with Babel."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from babel import Locale
from babel.dates import (
    format_datetime,
    format_skeleton,
    format_time,
    format_timedelta,
    get_datetime_format,
    get_timezone_name,
)
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}
"""British English writes "Fri 4 Dec", day before month, as Baton always did."""


def babel_locale(lang: str) -> str:
    """The Babel locale of one of Baton's languages (English for any other)."""
    return LOCALES.get(lang, LOCALES["en"])


def language_name(code: str, lang: str) -> str:
    """The language `code` named in `lang`: `de` is "German" in English, "Deutsch" in German,
    "allemand" in French."""
    return Locale.parse(code).get_display_name(babel_locale(lang)) or code


def moment(
    at: datetime, tz: str, lang: str, *, with_time: bool = True, with_year: bool = False
) -> str:
    """`Fri 4 Dec, 17:00` / `Fr., 4. Dez., 17:00` / `ven. 4 déc., 17 h 00` in the zone `tz`;
    the year only when asked (a date of another year than now)."""
    locale = babel_locale(lang)
    local = at.astimezone(zone(tz))
    day = format_skeleton("yMMMEd" if with_year else "MMMEd", local, locale=locale)
    if not with_time:
        return day
    clock = format_time(local, _TIME.get(lang, "HH:mm"), locale=locale)
    return str(get_datetime_format("medium", locale=locale)).format(clock, day)


_TIME = {"fr": "HH 'h' mm"}
"""French business writing puts the hours as "17 h 00" (CLDR's default is "17:00")."""


def zone_label(at: datetime, tz: str, lang: str) -> str:
    """A short name of the zone at that moment: `MEZ` in German, `CET` otherwise, `EST`;
    the UTC offset where neither Babel nor the zone database has an abbreviation."""
    local = at.astimezone(zone(tz))
    named = get_timezone_name(local, "short", locale=babel_locale(lang))
    if named and " " not in named and named[0] not in "+-":
        return named
    abbreviation = local.tzname() or ""
    if abbreviation.isalpha():
        return abbreviation
    return format_datetime(local, "xxx", locale=babel_locale(lang))


def number(value: float | Decimal, lang: str) -> str:
    """`1,234.5` / `1 234,5` / `1.234,5`."""
    return format_decimal(value, locale=babel_locale(lang), decimal_quantization=False)


def percent(ratio: float | Decimal, lang: str) -> str:
    """A ratio as a percentage: 0.875 is `87.5%` / `87,5 %` / `87,5 %`."""
    return format_percent(ratio, locale=babel_locale(lang), decimal_quantization=False)


def join(items: Iterable[str], lang: str) -> str:
    """`Anna, Carl and Fin` / `Anna, Carl et Fin` / `Anna, Carl und Fin`."""
    return format_list(list(items), locale=babel_locale(lang))


def relative(delta: timedelta, lang: str) -> str:
    """`in 3 days` / `dans 3 jours` / `in 3 Tagen`; `2 hours ago` for a past delta."""
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=babel_locale(lang))


def zone(name: str) -> ZoneInfo:
    """The zone named `name`; UTC for a name no zone has."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")
