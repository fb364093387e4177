"""Read a one-off date phrase typed in chat ("friday", "demain 9h", "morgen 17 Uhr") as UTC.

dateparser does the parsing. This module only rewrites the few shapes it misreads,
resolves its naive result in the user's zone and applies Baton's rules: a bare date
means END_OF_WORKDAY, a weekday means the next one still ahead, the past is refused.
Recurring schedules ("every weekday at 9am") belong in a sibling module, which can
share the rewrites and zone lookup below; this one reads them as unparseable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateparser.date import DateDataParser

END_OF_WORKDAY: time = time(17, 0)

_MAX_LEN = 200
_EXAMPLES = '"friday", "tomorrow 5pm", "in 3 days" or "2026-12-01"'
# dateparser keeps the base's microseconds only in pure offsets ("in 2 hours"): this
# marker tells them apart from clock times, as offsets must not follow DST wall time.
_MARK = 424_242
# Every language is always tried, the user's first so that "di" or "mar" read as theirs.
_LANGS = {"en": ["en", "fr", "de"], "fr": ["fr", "en", "de"], "de": ["de", "en", "fr"]}
_SETTINGS: dict[str, Any] = {
    "TIMEZONE": "UTC",  # naive in, naive out: never consult the host's zone
    "PREFER_DATES_FROM": "future",
    "PREFER_DAY_OF_MONTH": "first",  # "december" is 1 December, not today's day number
    "RETURN_TIME_AS_PERIOD": True,  # period "time" means the user gave a time
}

_WEEKDAY_NAMES = (
    "monday mon lundi montag",
    "tuesday tue tues mardi dienstag",
    "wednesday wed mercredi mittwoch",
    "thursday thu thur thurs jeudi donnerstag",
    "friday fri vendredi freitag",
    "saturday sat samedi samstag sonnabend",
    "sunday sun dimanche sonntag",
)
_WEEKDAYS = {name: day for day, names in enumerate(_WEEKDAY_NAMES) for name in names.split()}
_DAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_NEXT_DE = r"nächste[nmrs]?|kommende[nmrs]?"


def _ci(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_WEEKDAY_RE = _ci(rf"\b(?:{_DAY})\b")
_NEXT_RE = _ci(rf"\b(?:next|prochaine?|{_NEXT_DE})\b")
_DOTTED_RE = re.compile(r"\b([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4}|[0-9]{2})?(?![0-9])")


def _clock(match: re.Match[str]) -> str:
    if match.groupdict().get("offset"):  # "in 2h", "dans 2h": durations, read right already
        return match[0]
    return f"{int(match['h'])}:{match['m'] or '00'}"


# What dateparser 1.5 misreads or rejects, rewritten into what it reads right.
_REWRITES: tuple[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]], ...] = (
    # "after tomorrow" reads as tomorrow: people who write it mean the day after.
    (_ci(r"\b(?:the\s+)?(?:day\s+)?after[\s-]+tomorrow\b"), "in 2 days"),
    (_ci(r"^am\s+"), ""),  # "am Freitag" fails, "Freitag" works
    (_ci(r"\b(?:ce soir|heute abend)\b"), "tonight"),
    (_ci(r"\bmittags?\b"), "12:00"),
    # Only English "next" is known; "next monday" is the coming Monday anyway.
    (_ci(rf"\b({_DAY})\s+prochaine?\b"), r"\1"),
    (_ci(rf"\b(?:{_NEXT_DE})\s+({_DAY})\b"), r"\1"),
    # "17 Uhr" and "um 9 Uhr" lose their hour.
    (_ci(r"(?:\bum\s+)?\b(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-9]{2}))?\s*uhr\b"), _clock),
    # "vendredi 17h" reads as the 17th, "demain 9h" as 20:00.
    (
        _ci(
            r"(?P<offset>\b(?:in|dans)\s+)?(?:\bà\s+)?"
            r"\b(?P<h>[0-9]{1,2})\s?h(?:\s?(?P<m>[0-9]{2}))?\b"
        ),
        _clock,
    ),
)


class WhenError(ValueError):
    """A phrase that can't be used as a date.

    `code` is "unparseable" or "past"; str(e) is a short English explanation, and `key` with
    `params` the catalog text that says it in the reader's language (`at` and `tz`, the past
    moment, are for the caller to show).
    """

    def __init__(
        self,
        code: Literal["unparseable", "past"],
        message: str,
        key: str = "when.unreadable",
        params: dict[str, str] | None = None,
        at: datetime | None = None,
        tz: str = "UTC",
    ) -> None:
        super().__init__(message)
        self.code: str = code
        self.key = key
        self.params = params or {}
        self.at = at
        self.tz = tz


@dataclass(frozen=True, slots=True)
class When:
    """A resolved phrase: `at` is aware UTC; without a time it is END_OF_WORKDAY local."""

    at: datetime
    has_time: bool


def parse_when(
    text: str, *, now: datetime, tz: str, lang: str = "en", allow_past: bool = False
) -> When:
    """Resolve a date phrase typed by a user.

    Args:
        text: What the user typed, in English, French or German.
        now: The current time, aware.
        tz: The user's IANA zone; an unknown one counts as UTC.
        lang: The user's language: only decides whether "03/04" is day first.
        allow_past: Accept moments before `now` (to the minute).

    Raises:
        WhenError: "unparseable" if the text is no date, "past" if it is before `now`.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    phrase = " ".join(unicodedata.normalize("NFKC", text[: _MAX_LEN + 1]).split())
    if not phrase or len(text) > _MAX_LEN:
        raise _unreadable(phrase)
    if any(unicodedata.category(char).startswith("C") for char in phrase):
        raise _unreadable("".join(c for c in phrase if unicodedata.category(c)[0] != "C"))

    zone = _zone(tz)
    try:
        resolved = _resolve(phrase, lang, now.astimezone(zone), now)
    except OverflowError:  # dateparser or zone arithmetic at the edge of datetime's range
        resolved = None
    if resolved is None:
        raise _unreadable(phrase)
    at, has_time = resolved
    if not allow_past and _is_past(at, now):
        shown = at.astimezone(zone).strftime("%a %d %b %Y %H:%M")
        message = f'"{phrase}" is in the past ({shown} {zone.key}).'
        raise WhenError("past", message, "when.past", {"phrase": phrase}, at=at, tz=zone.key)
    return When(at=at, has_time=has_time)


def _resolve(
    phrase: str, lang: str, local_now: datetime, now: datetime
) -> tuple[datetime, bool] | None:
    """Parse `phrase` with dateparser and apply Baton's rules.

    Returns:
        The moment in UTC and whether the phrase gave a time, or None if unreadable.
    """
    base = local_now.replace(tzinfo=None, microsecond=_MARK)
    rewritten, day_first = _normalise(phrase)
    order = "DMY" if day_first or lang in ("fr", "de") else "MDY"
    settings = {**_SETTINGS, "DATE_ORDER": order, "RELATIVE_BASE": base}
    # Constructing a parser costs ~10 µs (dateparser caches locale data), far less than a
    # parse, and is the only way to give each call its own RELATIVE_BASE.
    languages = _LANGS.get(lang, _LANGS["en"])
    parser = DateDataParser(languages, use_given_order=True, settings=settings)
    data = parser.get_date_data(rewritten)
    found = data.date_obj
    # A lone number ("the 5th", "friday at 5") reads as a day or even a month, dropping
    # words, and a bare day isn't moved to the future. (`parts` is new in dateparser 1.5.)
    parts = getattr(data, "parts", ())
    if found is None or parts == ("day",) or (len(parts) == 1 and re.search("[0-9]", phrase)):
        return None
    has_time = data.period in ("time", "part_of_day")
    zoned = found.tzinfo is not None  # the user named a zone: "5pm EST"
    if zoned:
        found = found.astimezone(UTC).replace(tzinfo=None)
    at: datetime | None
    if has_time and found.microsecond == _MARK:  # an offset: "in 2 hours" (or "... EST",
        at = now + (found - base)  # for which dateparser took the base as UTC: same delta)
    elif zoned and has_time:
        at = found.replace(tzinfo=UTC)
    else:
        at = _place(phrase, found, has_time, local_now, now)
    # Keep a day's margin inside datetime's range so `at` shows in any zone.
    if at is None or not 1 < at.year < 9999:
        return None
    return at, has_time


def _place(
    phrase: str, found: datetime, has_time: bool, local_now: datetime, now: datetime
) -> datetime | None:
    """Place dateparser's naive local wall time in the user's zone, as UTC.

    Returns:
        The moment, or None if the phrase names a weekday the date isn't on.
    """

    def utc(moment: datetime) -> datetime:
        wall = moment if has_time else datetime.combine(moment.date(), END_OF_WORKDAY)
        return wall.replace(tzinfo=local_now.tzinfo).astimezone(UTC)

    words = (word.casefold() for word in _WEEKDAY_RE.findall(phrase))
    named = {_WEEKDAYS[word] for word in words if word in _WEEKDAYS}
    if named and found.weekday() not in named:  # "friday 3 dec", 3 Dec being a Thursday
        return None
    # dateparser reads today's weekday as next week's even when today's moment is ahead.
    if named and not _NEXT_RE.search(phrase) and found.date() == local_now.date() + timedelta(7):
        earlier = utc(found - timedelta(7))
        if not _is_past(earlier, now):
            return earlier
    return utc(found)


def _normalise(phrase: str) -> tuple[str, bool]:
    """Rewrite `phrase` into a form dateparser reads right.

    Returns:
        The rewritten phrase, and whether it holds a dotted, hence day-first, date.
    """
    for pattern, replacement in _REWRITES:
        phrase = pattern.sub(replacement, phrase)
    # "3.12." reads as 03:12; dotted dates are day first in every language we speak.
    rewritten = _DOTTED_RE.sub(lambda m: "/".join(g for g in m.groups() if g), phrase)
    return rewritten, rewritten != phrase


@lru_cache(maxsize=128)
def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # a bad setting must not break dates
        return ZoneInfo("UTC")


def _is_past(at: datetime, now: datetime) -> bool:
    return at.replace(second=0, microsecond=0) < now.replace(second=0, microsecond=0)


def _unreadable(phrase: str) -> WhenError:
    if not phrase:
        return WhenError("unparseable", f"No date given. Try {_EXAMPLES}.", "when.none")
    shown = phrase if len(phrase) <= 40 else phrase[:39] + "…"
    message = f'I couldn\'t read "{shown}" as a date. Try {_EXAMPLES}.'
    return WhenError("unparseable", message, "when.unreadable", {"phrase": shown})
