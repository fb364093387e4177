"""Dates, numbers and lists as each of Baton's languages writes them, through Babel.

`Fri 04 Dec 2026 17:00` in English, `Fr. 4. Dez. 2026, 17:00` in German, `ven. 4 déc. 2026,
17 h 00` in French; `87,5 %`; `Anna, Carl und Fin`; `in 3 Tagen`. A language Baton does not
speak is written as English.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Literal

from babel import Locale
from babel.dates import format_datetime, format_timedelta
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from bot.core.reader import zone

LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}
_DATE = {"en": "EEE dd MMM yyyy", "fr": "EEE d MMM yyyy", "de": "EEE d. MMM yyyy"}
_DATE_TIME = {
    "en": "EEE dd MMM yyyy HH:mm",
    "fr": "EEE d MMM yyyy, HH 'h' mm",
    "de": "EEE d. MMM yyyy, HH:mm",
}
_TIME = {"en": "HH:mm", "fr": "HH 'h' mm", "de": "HH:mm"}


def locale_of(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def _known(lang: str) -> str:
    return lang if lang in LOCALES else "en"


def local_time(
    at: datetime, tz: str, lang: str, *, with_time: bool = True, zone_name: bool = False
) -> str:
    """`at` in the zone `tz`, as `lang` writes a day (and a time) with its weekday."""
    local = at.astimezone(zone(tz))
    lang = _known(lang)
    pattern = (_DATE_TIME if with_time else _DATE)[lang]
    shown = format_datetime(local, pattern, locale=locale_of(lang))
    if with_time and zone_name:
        shown = f"{shown} {local.tzname()}"
    return shown


def time_of_day(at: datetime, tz: str, lang: str) -> str:
    """`17:00`, or `17 h 00` in French."""
    local = at.astimezone(zone(tz))
    return format_datetime(local, _TIME[_known(lang)], locale=locale_of(lang))


def number(value: float, lang: str) -> str:
    """`1,234.5` / `1.234,5` / `1 234,5`: a measure (days), with one decimal."""
    return format_decimal(value, format="#,##0.0", locale=locale_of(lang))


def percent(ratio: float, lang: str) -> str:
    """`87.5%` / `87,5 %`: a ratio (0.875) as each language writes a percentage."""
    return format_percent(round(ratio, 3), locale=locale_of(lang), decimal_quantization=False)


def listing(items: Sequence[str], lang: str, *, alternatives: bool = False) -> str:
    """`Anna, Carl and Fin` / `Anna, Carl und Fin` / `Anna, Carl et Fin`."""
    if not items:
        return ""
    style: Literal["standard", "or"] = "or" if alternatives else "standard"
    return format_list(list(items), style=style, locale=locale_of(lang))


def relative(delta: timedelta, lang: str) -> str:
    """`in 3 days` / `in 3 Tagen` / `dans 3 jours`; `3 days ago` for a negative `delta`."""
    return format_timedelta(delta, add_direction=True, locale=locale_of(lang))


def language_name(lang: str, in_lang: str) -> str:
    """The name of the language `lang` in the language `in_lang`: `Deutsch`, `allemand`."""
    return Locale.parse(lang).get_display_name(locale_of(in_lang)) or lang
