"""Recurring phrases: what they mean, what they refuse, and never anything else."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.every import EveryError, parse_every
from bot.core.quiet import read_clock
from bot.core.recurrence import next_after
from bot.core.recurrence_words import said_in

NOW = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)  # Wednesday, 10:00 in Berlin
BERLIN = ZoneInfo("Europe/Berlin")


@pytest.mark.parametrize(
    ("phrase", "said", "first"),
    [
        ("every weekday at 9am", "every weekday at 09:00", "Thu 26 Nov 09:00"),
        ("every other wednesday", "every other Wednesday at 09:00", "Wed 02 Dec 09:00"),
        (
            "every monday, tuesday and friday at 11:00",
            "every Monday, Tuesday and Friday at 11:00",
            "Fri 27 Nov 11:00",
        ),
        ("every month on the 1st", "every month on the 1st at 09:00", "Tue 01 Dec 09:00"),
        ("every day at noon", "every day at 12:00", "Wed 25 Nov 12:00"),
        ("every 2 weeks on friday at 3pm", "every 2 weeks on Friday at 15:00", "Fri 27 Nov 15:00"),
        ("every day à 9h", "every day at 09:00", "Thu 26 Nov 09:00"),
        ("every monday um 9 Uhr", "every Monday at 09:00", "Mon 30 Nov 09:00"),
    ],
)
def test_recurring_phrases_and_their_first_time(phrase: str, said: str, first: str) -> None:
    every = parse_every(phrase, now=NOW, tz="Europe/Berlin")
    assert every.said == said
    assert every.first.astimezone(BERLIN).strftime("%a %d %b %H:%M") == first


def test_every_other_wednesday_skips_a_week() -> None:
    every = parse_every("every other wednesday", now=NOW, tz="Europe/Berlin")
    second = next_after(every.rule, "Europe/Berlin", every.first)
    assert second is not None
    assert second.astimezone(BERLIN).strftime("%a %d %b") == "Wed 16 Dec"


@pytest.mark.parametrize(
    "phrase",
    ["every blue moon", "every day at 25:00", "every", "every 0 days", "every month on the 40th"],
)
def test_what_cannot_be_expressed_is_refused_with_examples(phrase: str) -> None:
    with pytest.raises(EveryError, match="Try `every day at 9am`"):
        parse_every(phrase, now=NOW, tz="Europe/Berlin")


WORDS = [
    "every",
    "other",
    "day",
    "days",
    "weekday",
    "week",
    "month",
    "on",
    "the",
    "1st",
    "31st",
    "monday",
    "mon",
    ",",
    "and",
    "friday",
    "at",
    "9am",
    "13pm",
    "25:00",
    "noon",
    "2",
    "0",
    "99",
    "100",
    "à",
    "9h",
    "um",
    "uhr",
    "year",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=9).map(" ".join) | st.text(max_size=60))
def test_any_phrase_is_a_recurrence_or_a_refusal(phrase: str) -> None:
    try:
        every = parse_every(phrase, now=NOW, tz="Europe/Berlin")
    except EveryError:
        return
    assert every.first > NOW
    assert every.said.startswith("every ")


def test_clock_times_for_quiet_hours_and_digests() -> None:
    said = ["20:00", "7", "7.30", "19h", "8:30am", "7pm", "25:00", "13pm", "x"]
    read = [read_clock(s) for s in said]
    shown = [f"{t:%H:%M}" if t else None for t in read]
    assert shown == ["20:00", "07:00", "07:30", "19:00", "08:30", "19:00", None, None, None]


@pytest.mark.parametrize(
    ("phrase", "said", "first"),
    [
        ("jeden Montag um 9 Uhr", "every Monday at 09:00", "Mon 30 Nov 09:00"),
        ("tous les lundis à 9h", "every Monday at 09:00", "Mon 30 Nov 09:00"),
        ("jeden Werktag", "every weekday at 09:00", "Thu 26 Nov 09:00"),
        ("werktags um 8:30", "every weekday at 08:30", "Thu 26 Nov 08:30"),
        ("chaque jour à 8h", "every day at 08:00", "Thu 26 Nov 08:00"),
        ("tous les jours ouvrés à 9h", "every weekday at 09:00", "Thu 26 Nov 09:00"),
        ("un mercredi sur deux", "every other Wednesday at 09:00", "Wed 02 Dec 09:00"),
        ("jeden zweiten Mittwoch", "every other Wednesday at 09:00", "Wed 02 Dec 09:00"),
        ("tous les mois le 1er", "every month on the 1st at 09:00", "Tue 01 Dec 09:00"),
        ("jeden Monat am 1.", "every month on the 1st at 09:00", "Tue 01 Dec 09:00"),
        (
            "tous les lundis, mardis et vendredis à 11h",
            "every Monday, Tuesday and Friday at 11:00",
            "Fri 27 Nov 11:00",
        ),
        ("montags und freitags um 15 Uhr", "every Monday and Friday at 15:00", "Fri 27 Nov 15:00"),
        (
            "alle 2 Wochen am Freitag um 15 Uhr",
            "every 2 weeks on Friday at 15:00",
            "Fri 27 Nov 15:00",
        ),
    ],
)
def test_french_and_german_recurrences(phrase: str, said: str, first: str) -> None:
    every = parse_every(phrase, now=NOW, tz="Europe/Berlin")
    assert every.said == said
    assert every.first.astimezone(BERLIN).strftime("%a %d %b %H:%M") == first


@pytest.mark.parametrize(
    ("said", "lang", "shown"),
    [
        ("every weekday at 09:00", "de", "jeden Werktag um 09:00"),
        ("every Monday and Friday at 11:00", "de", "jeden Montag und Freitag um 11:00"),
        ("every Monday and Friday at 11:00", "fr", "chaque lundi et vendredi à 11 h 00"),
        ("every month on the 1st at 09:00", "fr", "tous les mois le 1er à 09 h 00"),
        ("every 3 days at 08:00", "de", "alle 3 Tage um 08:00"),
        ("every weekday at 09:00", "en", "every weekday at 09:00"),
    ],
)
def test_a_recurrence_is_said_back_in_the_readers_language(
    said: str, lang: str, shown: str
) -> None:
    assert said_in(said, lang) == shown
