"""Dates, numbers and lists written as each of Baton's languages writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.core import formats
from bot.core.message import Message, Moment, Number, Section
from bot.handlers.console.render import render_lines
from bot.handlers.mattermost.render import markdown

FRIDAY_5PM_BERLIN = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)


def test_a_moment_reads_as_each_language_writes_dates_and_times() -> None:
    at, tz = FRIDAY_5PM_BERLIN, "Europe/Berlin"
    assert formats.moment(at, tz, "en") == "Fri 4 Dec, 17:00"
    assert formats.moment(at, tz, "de") == "Fr., 4. Dez., 17:00"
    assert formats.moment(at, tz, "fr") == "ven. 4 déc., 17 h 00"
    assert formats.moment(at, tz, "de", with_time=False, with_year=True) == "Fr., 4. Dez. 2026"


def test_a_moment_is_shown_in_the_readers_zone() -> None:
    assert formats.moment(FRIDAY_5PM_BERLIN, "America/New_York", "en") == "Fri 4 Dec, 11:00"


def test_zone_labels_are_short_in_every_language() -> None:
    assert formats.zone_label(FRIDAY_5PM_BERLIN, "Europe/Berlin", "de") == "MEZ"
    assert formats.zone_label(FRIDAY_5PM_BERLIN, "Europe/Berlin", "fr") == "CET"
    assert formats.zone_label(FRIDAY_5PM_BERLIN, "America/New_York", "en") == "EST"


def test_numbers_percentages_and_lists_follow_the_language() -> None:
    assert formats.number(1234.5, "en") == "1,234.5"
    assert formats.number(1234.5, "de") == "1.234,5"
    assert formats.percent(0.875, "de") == "87,5\xa0%"
    assert formats.percent(0.875, "fr") == "87,5\xa0%"
    assert formats.percent(0.875, "en") == "87.5%"
    assert formats.join(["Anna", "Carl", "Fin"], "de") == "Anna, Carl und Fin"
    assert formats.join(["Anna", "Carl", "Fin"], "fr") == "Anna, Carl et Fin"


def test_relative_phrases_say_how_far_ahead_or_behind() -> None:
    assert formats.relative(timedelta(days=3), "de") == "in 3 Tagen"
    assert formats.relative(timedelta(days=3), "fr") == "dans 3 jours"
    assert formats.relative(timedelta(hours=-2), "en") == "2 hours ago"


def test_renderers_write_the_values_of_a_message_for_its_language() -> None:
    text = (Moment(at=FRIDAY_5PM_BERLIN), " · ", Number(value=0.875, percent=True))
    message = Message(summary="s", blocks=(Section(text=text),), tz="Europe/Berlin", lang="de")
    assert render_lines(message) == ["Fr., 4. Dez., 17:00 · 87,5\xa0%"]
    assert markdown(message) == "Fr., 4. Dez., 17:00 MEZ · 87,5\xa0%"
    english = message.model_copy(update={"lang": "en"})
    assert render_lines(english) == ["Fri 4 Dec, 17:00 · 87.5%"]
