"""Split what follows `remind me` into what to say and when, as Slack's /remind does.

"to call the agent at 3pm", "about the meeting in 2 hours", "to update the tracker every
weekday at 9am", and the other way round: "tomorrow at 9 to call the agent". The time is
read by `when.py` (one-off, English, French or German) or `every.py` (recurring, English).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.every import Every, EveryError, looks_recurring, parse_every
from bot.core.every_words import starts_recurrence
from bot.core.reader import zone
from bot.core.when import When, WhenError, parse_when

_LEADING = ("to", "about", "that")
_TRAILING = ("at", "on", "in", "by", "à", "um", "am")
MAX_WHAT = 500


class ReminderPhraseError(ValueError):
    """No time in the phrase, a past one, or no words of what to say; `code` says which."""

    def __init__(self, code: str, cause: WhenError | EveryError | None = None) -> None:
        super().__init__(str(cause) if cause else code)
        self.code = code
        self.cause = cause


@dataclass(frozen=True, slots=True)
class ReminderPhrase:
    what: str
    at: datetime
    every: Every | None


@dataclass
class _Misses:
    """Why tails that looked like times were not taken, for the reply when none is."""

    past: WhenError | None = None
    recurring: EveryError | None = None

    def note(self, error: ValueError) -> None:
        if isinstance(error, EveryError):
            self.recurring = self.recurring or error
        elif isinstance(error, WhenError) and error.code == "past":
            self.past = self.past or error


def split_reminder(phrase: str, *, now: datetime, tz: str, lang: str) -> ReminderPhrase:
    words = phrase.split()
    misses = _Misses()
    found = (
        _recurring_last(words, now, tz, misses)
        or _once_last(words, now, tz, lang, misses)
        or _said_first(words, now, tz, lang, misses)
    )
    if found is not None:
        return found
    if _is_time(phrase, now=now, tz=tz, lang=lang):
        raise ReminderPhraseError("no_what")
    if misses.past is not None:
        raise ReminderPhraseError("past", misses.past)
    if misses.recurring is not None:
        raise ReminderPhraseError("recurrence", misses.recurring)
    raise ReminderPhraseError("no_time")


def _recurring_last(
    words: list[str], now: datetime, tz: str, misses: _Misses
) -> ReminderPhrase | None:
    """From the last "every" that reads as a recurrence to the end."""
    for i in range(len(words) - 1, -1, -1):
        if not starts_recurrence(" ".join(words[i : i + 4])):
            continue
        try:
            every = parse_every(" ".join(words[i:]), now=now, tz=tz)
        except EveryError as error:
            misses.note(error)
            continue
        return ReminderPhrase(_what(words[:i]), every.first, every)
    return None


def _once_last(
    words: list[str], now: datetime, tz: str, lang: str, misses: _Misses
) -> ReminderPhrase | None:
    """The longest tail that reads as a date."""
    for i in range(1, len(words)):
        try:
            when = _when(" ".join(words[i:]), now=now, tz=tz, lang=lang)
        except WhenError as error:
            misses.note(error)
            continue
        return ReminderPhrase(_what(words[:i]), when.at, None)
    return None


def _said_first(
    words: list[str], now: datetime, tz: str, lang: str, misses: _Misses
) -> ReminderPhrase | None:
    """ "tomorrow at 9am to call the agent", "every monday to water the plants"."""
    for j, word in enumerate(words[1:], start=1):
        if word.lower() not in ("to", "about"):
            continue
        head, rest = " ".join(words[:j]), words[j:]
        try:
            if looks_recurring(head):
                every = parse_every(head, now=now, tz=tz)
                return ReminderPhrase(_what(rest), every.first, every)
            when = _when(head, now=now, tz=tz, lang=lang)
        except (EveryError, WhenError) as error:
            misses.note(error)
            continue
        return ReminderPhrase(_what(rest), when.at, None)
    return None


def _when(phrase: str, *, now: datetime, tz: str, lang: str) -> When:
    """A one-off time; a time of day already past today means that time tomorrow (Slack)."""
    try:
        return parse_when(phrase, now=now, tz=tz, lang=lang)
    except WhenError as error:
        if error.code != "past":
            raise
        was = parse_when(phrase, now=now, tz=tz, lang=lang, allow_past=True)
        place = zone(tz)
        local = was.at.astimezone(place)
        if not was.has_time or local.date() != now.astimezone(place).date():
            raise
        tomorrow = (local.replace(tzinfo=None) + timedelta(days=1)).replace(tzinfo=place)
        return When(at=tomorrow.astimezone(was.at.tzinfo), has_time=True)


def _is_time(phrase: str, *, now: datetime, tz: str, lang: str) -> bool:
    """Whether the whole phrase is a time, with nothing said of what to remind."""
    try:
        if looks_recurring(phrase):
            parse_every(phrase, now=now, tz=tz)
        else:
            parse_when(phrase, now=now, tz=tz, lang=lang, allow_past=True)
    except (EveryError, WhenError):
        return False
    return True


def _what(words: list[str]) -> str:
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    while words and words[-1].lower() in _TRAILING:
        words = words[:-1]
    what = " ".join(words).strip()
    if not what:
        raise ReminderPhraseError("no_what")
    if len(what) > MAX_WHAT:
        raise ReminderPhraseError("too_long")
    return what
