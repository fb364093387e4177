"""Reading `/baton okr cadence weekly on monday at 09:00 cutoff 24h` into a CadenceChange.

How often: `weekly` (`every week`), `every 2 weeks` (`biweekly`, `every other week`), `monthly`
(`every month`); then in any order `on <weekday>`, `at <HH:MM>` (`9am`, `14h`), `cutoff <N>h`.
Weekdays may be written in English, French or German.
"""

from __future__ import annotations

import re

from bot.core.errors import UserError
from bot.core.okrs.cadences import BIWEEKLY, MONTHLY, WEEKLY, CadenceChange

MAX_CUTOFF_HOURS = 7 * 24
_EVERY = {
    ("weekly",): WEEKLY,
    ("every", "week"): WEEKLY,
    ("biweekly",): BIWEEKLY,
    ("fortnightly",): BIWEEKLY,
    ("every", "2", "weeks"): BIWEEKLY,
    ("every", "two", "weeks"): BIWEEKLY,
    ("every", "other", "week"): BIWEEKLY,
    ("monthly",): MONTHLY,
    ("every", "month"): MONTHLY,
}
_WEEKDAYS = (
    ("monday", "mon", "lundi", "montag"),
    ("tuesday", "tue", "tues", "mardi", "dienstag"),
    ("wednesday", "wed", "mercredi", "mittwoch"),
    ("thursday", "thu", "thurs", "jeudi", "donnerstag"),
    ("friday", "fri", "vendredi", "freitag"),
    ("saturday", "sat", "samedi", "samstag"),
    ("sunday", "sun", "dimanche", "sonntag"),
)
_DAY = {name: number for number, names in enumerate(_WEEKDAYS) for name in names}
_TIME = re.compile(r"^(?P<hour>\d{1,2})(?:[:h.](?P<minute>\d{2})?)?\s*(?P<half>am|pm)?$")
_CUTOFF = re.compile(r"^(?P<hours>\d{1,3})\s*(?:h|hours?|std|heures?)?$")


def parse_cadence(words: list[str]) -> CadenceChange:
    """The change `words` ask for; a UserError showing the usage for anything else."""
    lowered = [word.lower().strip(",") for word in words]
    every, rest = _every(lowered)
    options: dict[str, object] = {}
    i = 0
    while i < len(rest):
        word = rest[i]
        if word not in ("on", "at", "cutoff") or word in options or i + 1 >= len(rest):
            raise UserError("okr.error.bad_cadence", given=" ".join(words)[:80])
        value, i = rest[i + 1], i + 2
        if word == "cutoff" and i < len(rest) and rest[i] in ("h", "hours", "hour"):
            value, i = value + "h", i + 1
        if word == "at" and i < len(rest) and rest[i] in ("am", "pm"):
            value, i = value + rest[i], i + 1
        options[word] = value
    if every is None and not options:
        raise UserError("okr.error.bad_cadence", given=" ".join(words)[:80])
    return CadenceChange(
        every=every,
        weekday=_weekday(str(options["on"])) if "on" in options else None,
        at=_time(str(options["at"])) if "at" in options else None,
        cutoff_hours=_cutoff(str(options["cutoff"])) if "cutoff" in options else None,
    )


def _every(words: list[str]) -> tuple[str | None, list[str]]:
    for phrase, every in _EVERY.items():
        if tuple(words[: len(phrase)]) == phrase:
            return every, words[len(phrase) :]
    return None, words


def _weekday(word: str) -> int:
    day = _DAY.get(word, _DAY.get(word.removesuffix("s")))  # `mondays`, `lundis`
    if day is None:
        raise UserError("okr.error.bad_weekday", given=word[:40])
    return day


def _time(word: str) -> str:
    match = _TIME.match(word)
    if match is None:
        raise UserError("okr.error.bad_time", given=word[:40])
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if match["half"]:
        if not 1 <= hour <= 12:
            raise UserError("okr.error.bad_time", given=word[:40])
        hour = hour % 12 + (12 if match["half"] == "pm" else 0)
    if hour > 23 or minute > 59:
        raise UserError("okr.error.bad_time", given=word[:40])
    return f"{hour:02d}:{minute:02d}"


def _cutoff(word: str) -> int:
    match = _CUTOFF.match(word)
    hours = int(match["hours"]) if match else 0
    if not 1 <= hours <= MAX_CUTOFF_HOURS:
        raise UserError("okr.error.bad_cutoff", given=word[:40], most=MAX_CUTOFF_HOURS)
    return hours
