"""Tests for reading one-off date phrases (DESIGN.md "Commands", `<when>`)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.when import END_OF_WORKDAY, When, WhenError, parse_when

BERLIN = "Europe/Berlin"
NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)  # Wednesday, 11:00 in Berlin
FRIDAY_MORNING = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
FRIDAY_EVENING = datetime(2026, 11, 27, 17, 0, tzinfo=UTC)  # 18:00 in Berlin

Wall = tuple[int, int, int, int, int]


def local(tz: str, wall: Wall) -> datetime:
    """The UTC moment of wall-clock time `wall` (y, m, d, h, min) in `tz`."""
    return datetime(*wall, tzinfo=ZoneInfo(tz)).astimezone(UTC)


def check(
    text: str,
    wall: Wall,
    has_time: bool,
    *,
    tz: str = BERLIN,
    lang: str = "en",
    now: datetime = NOW,
) -> None:
    when = parse_when(text, now=now, tz=tz, lang=lang)
    assert when == When(at=local(tz, wall), has_time=has_time)
    assert when.at.tzinfo is UTC


@pytest.mark.parametrize(
    ("text", "wall", "has_time"),
    [
        ("friday", (2026, 11, 27, 17, 0), False),
        ("tomorrow 5pm", (2026, 11, 26, 17, 0), True),
        ("tomorrow at 17:00", (2026, 11, 26, 17, 0), True),
        ("in 3 days", (2026, 11, 28, 17, 0), False),
        ("2026-12-01", (2026, 12, 1, 17, 0), False),
        ("2026-12-01 14:30", (2026, 12, 1, 14, 30), True),
        ("next monday 9:00", (2026, 11, 30, 9, 0), True),
        ("dec 3", (2026, 12, 3, 17, 0), False),
        ("3 dec", (2026, 12, 3, 17, 0), False),
        ("monday", (2026, 11, 30, 17, 0), False),
        ("  FRIDAY  ", (2026, 11, 27, 17, 0), False),
        ("noon tomorrow", (2026, 11, 26, 12, 0), True),
        ("today", (2026, 11, 25, 17, 0), False),
        ("after-tomorrow", (2026, 11, 27, 17, 0), False),
        ("the day after tomorrow 9am", (2026, 11, 27, 9, 0), True),
        ("tonight", (2026, 11, 25, 20, 0), True),
        ("in 2 hours", (2026, 11, 25, 13, 0), True),
        ("in 30 minutes", (2026, 11, 25, 11, 30), True),
        ("in 2h", (2026, 11, 25, 13, 0), True),
        ("friday 4 dec", (2026, 12, 4, 17, 0), False),
        ("december", (2026, 12, 1, 17, 0), False),
        # A named zone wins over the user's; durations stay durations.
        ("friday 5pm EST", (2026, 11, 27, 23, 0), True),
        ("tomorrow 9:00 +0900", (2026, 11, 26, 1, 0), True),
        ("in 2 hours UTC", (2026, 11, 25, 13, 0), True),
        ("2026-12-01 UTC", (2026, 12, 1, 17, 0), False),
    ],
)
def test_english(text: str, wall: Wall, has_time: bool) -> None:
    check(text, wall, has_time)


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(
    ("text", "wall", "has_time"),
    [
        ("vendredi 17h", (2026, 11, 27, 17, 0), True),
        ("vendredi à 17h", (2026, 11, 27, 17, 0), True),
        ("demain 9h", (2026, 11, 26, 9, 0), True),
        ("demain 14h30", (2026, 11, 26, 14, 30), True),
        ("demain midi", (2026, 11, 26, 12, 0), True),
        ("lundi prochain", (2026, 11, 30, 17, 0), False),
        ("dans 3 jours", (2026, 11, 28, 17, 0), False),
        ("dans 2h", (2026, 11, 25, 13, 0), True),
        ("le 3 décembre", (2026, 12, 3, 17, 0), False),
        ("ce soir à 21h", (2026, 11, 25, 21, 0), True),
    ],
)
def test_french(text: str, wall: Wall, has_time: bool, lang: str) -> None:
    check(text, wall, has_time, lang=lang)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize(
    ("text", "wall", "has_time"),
    [
        ("morgen 17 Uhr", (2026, 11, 26, 17, 0), True),
        ("morgen um 9 Uhr", (2026, 11, 26, 9, 0), True),
        ("morgen 17.30 Uhr", (2026, 11, 26, 17, 30), True),
        ("morgen Mittag", (2026, 11, 26, 12, 0), True),
        ("Freitag 17 Uhr", (2026, 11, 27, 17, 0), True),
        ("am Freitag", (2026, 11, 27, 17, 0), False),
        ("übermorgen", (2026, 11, 27, 17, 0), False),
        ("in 3 Tagen", (2026, 11, 28, 17, 0), False),
        ("nächsten Montag", (2026, 11, 30, 17, 0), False),
        ("3.12.", (2026, 12, 3, 17, 0), False),
        ("3.12. 17 Uhr", (2026, 12, 3, 17, 0), True),
        ("03.12.2026", (2026, 12, 3, 17, 0), False),
        ("3. Dezember", (2026, 12, 3, 17, 0), False),
        ("heute 18 Uhr", (2026, 11, 25, 18, 0), True),
        ("heute Abend 20 Uhr", (2026, 11, 25, 20, 0), True),
    ],
)
def test_german(text: str, wall: Wall, has_time: bool, lang: str) -> None:
    check(text, wall, has_time, lang=lang)


@pytest.mark.parametrize(
    ("text", "tz", "wall", "has_time"),
    [
        ("friday", "America/New_York", (2026, 11, 27, 17, 0), False),
        ("tomorrow 9:00", "America/New_York", (2026, 11, 26, 9, 0), True),
        ("in 2 hours", "America/New_York", (2026, 11, 25, 7, 0), True),
        ("2026-12-01", "Asia/Tokyo", (2026, 12, 1, 17, 0), False),
        ("tomorrow", "Asia/Tokyo", (2026, 11, 26, 17, 0), False),
        ("morgen 9 Uhr", "Asia/Tokyo", (2026, 11, 26, 9, 0), True),
    ],
)
def test_other_zones(text: str, tz: str, wall: Wall, has_time: bool) -> None:
    check(text, wall, has_time, tz=tz)


@pytest.mark.parametrize("tz", ["Nope/Zone", "", "Europe", "../../etc/passwd"])
def test_unknown_zone_falls_back_to_utc(tz: str) -> None:
    check("tomorrow 9:00", (2026, 11, 26, 9, 0), True, tz="UTC")
    assert parse_when("tomorrow 9:00", now=NOW, tz=tz).at == local("UTC", (2026, 11, 26, 9, 0))


@pytest.mark.parametrize(
    ("lang", "wall"),
    [
        ("en", (2027, 3, 4, 17, 0)),
        ("fr", (2027, 4, 3, 17, 0)),
        ("de", (2027, 4, 3, 17, 0)),
        ("xx", (2027, 3, 4, 17, 0)),  # unknown setting: English
    ],
)
def test_language_decides_ambiguous_numeric_dates(lang: str, wall: Wall) -> None:
    check("03/04", wall, False, lang=lang)


@pytest.mark.parametrize(
    ("text", "now", "wall", "has_time"),
    [
        # Friday 10:00: today's 17:00 is still ahead.
        ("friday", FRIDAY_MORNING, (2026, 11, 27, 17, 0), False),
        ("vendredi", FRIDAY_MORNING, (2026, 11, 27, 17, 0), False),
        ("Freitag 17 Uhr", FRIDAY_MORNING, (2026, 11, 27, 17, 0), True),
        ("friday 9:00", FRIDAY_MORNING, (2026, 12, 4, 9, 0), True),
        ("next friday", FRIDAY_MORNING, (2026, 12, 4, 17, 0), False),
        ("vendredi prochain", FRIDAY_MORNING, (2026, 12, 4, 17, 0), False),
        # Friday 18:00: today's 17:00 is gone, so next week.
        ("friday", FRIDAY_EVENING, (2026, 12, 4, 17, 0), False),
        ("friday 19:00", FRIDAY_EVENING, (2026, 11, 27, 19, 0), True),
    ],
)
def test_weekday_on_that_weekday(text: str, now: datetime, wall: Wall, has_time: bool) -> None:
    check(text, wall, has_time, now=now)


@pytest.mark.parametrize(
    ("text", "tz", "now", "wall"),
    [
        # Berlin springs forward on 29 March 2026: 9:00 stays 9:00 on the wall.
        ("tomorrow 9:00", BERLIN, datetime(2026, 3, 28, 10, 0, tzinfo=UTC), (2026, 3, 29, 9, 0)),
        ("morgen 9 Uhr", BERLIN, datetime(2026, 3, 28, 10, 0, tzinfo=UTC), (2026, 3, 29, 9, 0)),
        # New York falls back on 1 November 2026.
        (
            "tomorrow 9:00",
            "America/New_York",
            datetime(2026, 10, 31, 16, 0, tzinfo=UTC),
            (2026, 11, 1, 9, 0),
        ),
    ],
)
def test_dst_keeps_wall_clock_time(text: str, tz: str, now: datetime, wall: Wall) -> None:
    check(text, wall, True, tz=tz, now=now)


@pytest.mark.parametrize("now", [datetime(2026, 3, 29, 0, 30, tzinfo=UTC), NOW])
def test_durations_are_exact_across_dst(now: datetime) -> None:
    # 01:30 CET + 2 h is 04:30 CEST, not 03:30: the clock skips an hour.
    when = parse_when("in 2 hours", now=now, tz=BERLIN)
    assert when.at == now + timedelta(hours=2)


def test_date_only_is_end_of_workday() -> None:
    when = parse_when("2026-12-01", now=NOW, tz="Asia/Tokyo")
    assert when.at.astimezone(ZoneInfo("Asia/Tokyo")).time() == END_OF_WORKDAY
    assert not when.has_time


@pytest.mark.parametrize(
    ("text", "tz", "now"),
    [
        ("yesterday", BERLIN, NOW),
        ("hier", BERLIN, NOW),
        ("gestern", BERLIN, NOW),
        ("today 9:00", BERLIN, NOW),
        ("2026-11-01", BERLIN, NOW),
        ("today", "Asia/Tokyo", NOW),  # 19:00 in Tokyo: today's 17:00 is gone
        ("this friday", BERLIN, FRIDAY_EVENING),
    ],
)
def test_past_is_refused_unless_allowed(text: str, tz: str, now: datetime) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, now=now, tz=tz)
    assert caught.value.code == "past"
    assert "in the past" in str(caught.value)
    assert parse_when(text, now=now, tz=tz, allow_past=True).at < now


def test_past_is_judged_to_the_minute() -> None:
    now = datetime(2026, 11, 25, 10, 0, 45, tzinfo=UTC)
    assert parse_when("today 11:00", now=now, tz=BERLIN).at == local(BERLIN, (2026, 11, 25, 11, 0))
    with pytest.raises(WhenError):
        parse_when("today 10:59", now=now, tz=BERLIN)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "xyz",
        "asap",
        "friday at 5",  # dateparser drops "friday" and reads the 5th
        "friday 3 dec",  # 3 December 2026 is a Thursday
        "the 5th",
        "every monday",  # recurring: not a one-off date
        "tomorrow\x00",
        "fri\x1bday",
        "tomorrow\u200b",
        "in 3 days " + "x" * 200,
        "9999-12-31 23:00",
        "in 1000000 years",
    ],
)
def test_unparseable(text: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, now=NOW, tz="America/New_York")
    assert caught.value.code == "unparseable"
    assert '"friday", "tomorrow 5pm", "in 3 days" or "2026-12-01"' in str(caught.value)


def test_unparseable_message_quotes_the_text() -> None:
    with pytest.raises(WhenError, match=r'^I couldn\'t read "xyz" as a date\. Try "friday"'):
        parse_when("xyz", now=NOW, tz=BERLIN)


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("friday", now=datetime(2026, 11, 25, 10, 0), tz=BERLIN)


DATE_WORDS = "friday tomorrow 5pm at 17:00 in 3 days 2026-12-01 next monday 9:00 dec 17h 9h"
DATE_WORDS += " demain lundi prochain dans jours morgen um Uhr nächsten 3.12. 03.12.2026 heute"
DATE_WORDS += " Dezember ago yesterday EST +0900 9999 0001 h . / : à week month 2h"


@settings(deadline=None, max_examples=300)
@given(
    text=st.one_of(st.text(), st.lists(st.sampled_from(DATE_WORDS.split())).map(" ".join)),
    tz=st.sampled_from([BERLIN, "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati", "?"]),
    lang=st.sampled_from(["en", "fr", "de"]),
)
def test_any_text_gives_a_future_moment_or_a_when_error(text: str, tz: str, lang: str) -> None:
    outcome: When | WhenError
    try:
        outcome = parse_when(text, now=NOW, tz=tz, lang=lang)
    except WhenError as error:  # any other exception fails the test
        outcome = error
    if isinstance(outcome, When):
        assert outcome.at.tzinfo is UTC
        assert outcome.at >= NOW
    else:
        assert outcome.code in ("unparseable", "past")
