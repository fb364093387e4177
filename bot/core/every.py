"""Read a recurring schedule typed in chat ("every weekday at 9am") as an RRULE.

The sibling of `when.py`, which reads one-off dates. English phrases, as Slack's /remind
takes them; the time may be said the French or German way too ("à 9h", "um 9 Uhr"). What
comes out is the rule Baton stores (see `recurrence.py`) and the words to repeat it back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Literal

from dateutil.rrule import DAILY, MONTHLY, WEEKLY, YEARLY, rrule, weekday
from dateutil.rrule import weekdays as rrule_weekdays

from bot.core.every_words import in_english, starts_recurrence
from bot.core.reader import zone
from bot.core.recurrence import as_text, next_after

DEFAULT_TIME = time(9, 0)
"""When a recurrence says no time: the start of a working day."""

EXAMPLES = (
    "`every day at 9am`, `every weekday`, `every monday, tuesday and friday at 11:00`, "
    "`every other wednesday`, `every month on the 1st`"
)

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DAY_WORDS = {
    **{name.lower(): i for i, name in enumerate(_DAY_NAMES)},
    **{name.lower() + "s": i for i, name in enumerate(_DAY_NAMES)},
    **{name[:3].lower(): i for i, name in enumerate(_DAY_NAMES)},
    "tues": 1,
    "weds": 2,
    "thur": 3,
    "thurs": 3,
}
Frequency = Literal[0, 1, 2, 3, 4, 5, 6]
"""dateutil's YEARLY … SECONDLY."""
_UNITS: dict[str, Frequency] = {"day": DAILY, "week": WEEKLY, "month": MONTHLY, "year": YEARLY}
_UNIT_NAMES = {DAILY: "day", WEEKLY: "week", MONTHLY: "month", YEARLY: "year"}
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}

_TIME = re.compile(
    r"(?:^|\s)(?:at|à|a|um|@)?\s*(?P<h>[0-9]{1,2})(?:[:.h](?P<m>[0-9]{2}))?\s*"
    r"(?P<suffix>am|pm|a\.m\.|p\.m\.|h|uhr)?$",
    re.IGNORECASE,
)
_NAMED_TIME = re.compile(
    r"(?:^|\s)(?:at\s+)?(?P<name>noon|midday|midnight|mittag|midi)$", re.IGNORECASE
)
_NAMED = {"noon": time(12), "midday": time(12), "mittag": time(12), "midi": time(12)}
_ORDINAL = re.compile(r"^(?P<n>[0-9]{1,2})(?:st|nd|rd|th|\.)?$", re.IGNORECASE)


class EveryError(ValueError):
    """A recurring phrase Baton cannot express; str(e) says what it can, in English, and
    `key` with `params` the catalog text that says it in the reader's language."""

    def __init__(self, message: str, phrase: str) -> None:
        super().__init__(message)
        self.key = "every.unreadable"
        self.params = {"phrase": phrase}


@dataclass(frozen=True, slots=True)
class Every:
    """A recurrence read from a phrase: the rule to store, its zone and how to say it."""

    rule: str
    tz: str
    said: str
    """English words for it, with its time: "every weekday at 09:00"."""
    first: datetime
    """The first occurrence, in UTC."""


def looks_recurring(phrase: str) -> bool:
    return starts_recurrence(phrase)


def parse_every(phrase: str, *, now: datetime, tz: str) -> Every:
    """Reads "every …" in the zone `tz`; the first occurrence is the first one after `now`.

    Raises:
        EveryError: when the phrase is no recurrence Baton can express.
    """
    read = read_every(phrase)
    if read is None:
        raise _cannot(phrase)
    (freq, interval, days, monthday, said), at = read
    local_now = now.astimezone(zone(tz)).replace(tzinfo=None)
    first_local = _first(freq, days, monthday, at, local_now)
    if first_local is None:
        raise _cannot(phrase)
    rule = rrule(
        freq,
        interval=interval,
        dtstart=first_local,
        byweekday=days or None,
        bymonthday=monthday,
        byhour=at.hour,
        byminute=at.minute,
        bysecond=0,
    )
    stored = as_text(rule)
    first = next_after(stored, tz, now)
    if first is None:
        raise _cannot(phrase)
    return Every(rule=stored, tz=tz, said=f"{said} at {at:%H:%M}", first=first)


def read_every(phrase: str) -> tuple[Spec, time] | None:
    """What a recurring phrase says: its frequency, interval, weekdays, day of month, English
    words and time of day; None when it says no recurrence Baton can express."""
    lowered = in_english(phrase)
    if not lowered.startswith("every "):
        return None
    body, at = _split_time(lowered.removeprefix("every ").strip())
    if at is None:
        return None
    spec = _body(body)
    return None if spec is None else (spec, at)


def _first(
    freq: Frequency, days: tuple[weekday, ...], monthday: int | None, at: time, local_now: datetime
) -> datetime | None:
    """The first matching moment after now: an "every other" rule counts its weeks from it."""
    start = datetime.combine(local_now.date(), at)
    probe = rrule(
        freq,
        dtstart=start,
        byweekday=days or None,
        bymonthday=monthday,
        byhour=at.hour,
        byminute=at.minute,
        bysecond=0,
    )
    found = probe.after(local_now, inc=False)
    if found is None:
        return None
    if freq == DAILY and not days and found - local_now > timedelta(days=1):
        return None
    return found


Spec = tuple[Frequency, int, tuple[weekday, ...], int | None, str]


def _body(body: str) -> Spec | None:
    """Frequency, interval, weekdays, day of month and words for what follows "every"."""
    words = [w for w in body.split() if w != "on"] if body else []
    if not words:
        return None
    head = words[0]
    if words in (["day"], ["morning"]):
        return DAILY, 1, (), None, "every day"
    if words in (["weekday"], ["weekdays"], ["workday"], ["workdays"], ["business", "day"]):
        return DAILY, 1, tuple(rrule_weekdays[:5]), None, "every weekday"
    if head == "other" and len(words) >= 2:
        return _interval(2, words[1:], "every other")
    if head.isdigit() or head in _NUMBERS:
        count = int(head) if head.isdigit() else _NUMBERS[head]
        if not 1 <= count <= 99 or len(words) < 2:
            return None
        return _interval(count, words[1:], f"every {count}")
    if head in _UNITS:
        return _interval(1, words, "every")
    days = _weekdays(words)
    if days is None:
        return None
    return WEEKLY, 1, days, None, "every " + _said_days(days)


def _interval(count: int, words: list[str], said: str) -> Spec | None:
    unit = words[0].removesuffix("s")
    rest = words[1:]
    if unit in _UNITS:
        freq = _UNITS[unit]
        name = _UNIT_NAMES[freq] if count in (1, 2) and said != f"every {count}" else unit + "s"
        prefix = f"{said} {name}"
        if not rest:
            return freq, count, (), None, prefix
        if freq == WEEKLY and (days := _weekdays(rest)):
            return freq, count, days, None, f"{prefix} on {_said_days(days)}"
        if freq == MONTHLY and (day := _monthday(rest)) is not None:
            return freq, count, (), day, f"{prefix} on the {_ordinal(day)}"
        return None
    days = _weekdays(words)
    if days is None:
        return None
    return WEEKLY, count, days, None, f"{said} {_said_days(days)}"


def _weekdays(words: list[str]) -> tuple[weekday, ...] | None:
    found: list[int] = []
    for word in words:
        if word in (",", "and"):
            continue
        day = _DAY_WORDS.get(word)
        if day is None:
            return None
        if day not in found:
            found.append(day)
    if not found:
        return None
    return tuple(rrule_weekdays[d] for d in sorted(found))


def _said_days(days: tuple[weekday, ...]) -> str:
    names = [_DAY_NAMES[d.weekday] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _monthday(words: list[str]) -> int | None:
    words = [w for w in words if w not in ("the", "of", "month")]
    if len(words) != 1 or not (match := _ORDINAL.match(words[0])):
        return None
    day = int(match["n"])
    return day if 1 <= day <= 31 else None


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _split_time(body: str) -> tuple[str, time | None]:
    """The body and the time said at its end (09:00 when none is said); None: a bad time."""
    if named := _NAMED_TIME.search(body):
        word = named["name"].lower()
        return body[: named.start()].strip(), _NAMED.get(word, time(0))
    match = _TIME.search(body)
    if match is None or _monthday_only(body, match):
        return body, DEFAULT_TIME
    hour, minute = int(match["h"]), int(match["m"] or 0)
    suffix = (match["suffix"] or "").lower().replace(".", "")
    if suffix in ("am", "pm"):
        if not 1 <= hour <= 12:
            return body, None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return body, None
    return body[: match.start()].strip(), time(hour, minute)


def _monthday_only(body: str, match: re.Match[str]) -> bool:
    """ "month on the 1st" ends in a day number, not a time."""
    before = body[: match.start()].split()
    said_at = re.match(r"\s*(?:at|à|a|um|@)\b", match[0], re.IGNORECASE)
    return bool(before) and before[-1] in ("the", "on") and not said_at and not match["suffix"]


def _cannot(phrase: str) -> EveryError:
    shown = phrase if len(phrase) <= 60 else phrase[:59] + "…"
    return EveryError(f'I can\'t read "{shown}" as a recurrence. Try {EXAMPLES}.', shown)
