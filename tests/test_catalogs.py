"""The gettext catalogs: complete, consistent with the code, and read by `text()`."""

from __future__ import annotations

import string
from datetime import UTC, datetime, timedelta

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot.core.catalog import COUNTED, EN, USAGE_CONTEXT, text
from bot.core.formats import language_name, listing, local_time, number, percent, relative
from bot.core.translations import LOCALE_DIR, po_path
from bot.features import FEATURES

LANGS = ("fr", "de")


def _read(path: str, lang: str | None = None) -> Catalog:
    with open(path, "rb") as po:
        return read_po(po, locale=lang)


def _catalog(lang: str) -> Catalog:
    return _read(str(po_path(lang)), lang)


def _code_texts() -> set[tuple[str, str | tuple[str, ...]]]:
    texts: set[tuple[str, str | tuple[str, ...]]] = {(k, v) for k, v in EN.items() if v}
    texts |= set(COUNTED.items())
    texts |= {(USAGE_CONTEXT, line) for f in FEATURES for line in f.usage.values()}
    return texts


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _strings(message: Message) -> tuple[str, ...]:
    found = message.string
    if found is None or isinstance(found, str):
        return (found or "",)
    return tuple(str(s) for s in found)


def _entries(catalog: Catalog) -> set[tuple[str, str | tuple[str, ...]]]:
    found: set[tuple[str, str | tuple[str, ...]]] = set()
    for message in catalog:
        if message.id:
            assert message.context, f"{message.id!r} has no key (msgctxt)"
            english = message.id if isinstance(message.id, str) else tuple(map(str, message.id))
            found.add((message.context, english))
    return found


FILES = ("baton.pot", "fr/LC_MESSAGES/baton.po", "de/LC_MESSAGES/baton.po")


@pytest.mark.parametrize("name", FILES)
def test_catalog_files_hold_every_text_of_the_code_and_nothing_else(name: str) -> None:
    catalog = _read(str(LOCALE_DIR / name))
    assert not catalog.obsolete, "obsolete entries: run `make catalogs`"
    assert _entries(catalog) == _code_texts(), "out of date with the code: run `make catalogs`"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_are_the_same_in_every_language(lang: str) -> None:
    wrong = []
    for message in _catalog(lang):
        if not message.id or not message.string:
            continue
        ids = (message.id,) if isinstance(message.id, str) else tuple(map(str, message.id))
        least, most = _fields(ids[0]), _fields(ids[-1])  # a singular may leave out {count}
        for translated in _strings(message):
            if translated and not least <= _fields(translated) <= most:
                wrong.append(f"{message.context}: {translated!r}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_has_a_translation(lang: str) -> None:
    missing = []
    for message in _catalog(lang):
        if not message.id:
            continue
        if not all(_strings(message)) or message.fuzzy:
            missing.append(str(message.context))
    assert not missing, f"{len(missing)} texts without a {lang} translation: {missing[:20]}"


def test_a_translated_text_is_read_from_the_catalog_and_filled() -> None:
    assert text("run.late_items_n", "de", count=2) == "2 Punkte überfällig"
    assert text("run.late_items_n", "fr", count=2) == "2 étapes en retard"


def test_usage_lines_keep_their_command_words_and_translate_the_rest() -> None:
    line = "/baton task add <title> [@assignee] [due <when>] [after T-n]"
    assert text("error.usage", "en", usage=line) == f"Usage: `{line}`"
    assert "/baton task add <Titel> [@Zuständige] [due <wann>]" in text(
        "error.usage", "de", usage=line
    )


def test_an_unknown_language_falls_back_to_english() -> None:
    assert text("task.created", "xx", number=3) == "Created T-3"


def test_counted_texts_follow_each_language_plural_rule() -> None:
    assert text("run.late_items_n", "en", count=1) == "1 item late"
    assert text("run.late_items_n", "en", count=0) == "0 items late"
    assert text("run.late_items_n", "fr", count=0) == "0 étape en retard"
    assert text("run.late_items_n", "fr", count=1) == "1 étape en retard"
    assert text("run.late_items_n", "de", count=1) == "1 Punkt überfällig"
    assert text("run.late_items_n", "de", count=0) == "0 Punkte überfällig"


def test_numbers_percentages_lists_and_dates_are_written_the_readers_way() -> None:
    at = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert local_time(at, "Europe/Berlin", "en") == "Fri 04 Dec 2026 17:00"
    assert local_time(at, "Europe/Berlin", "de") == "Fr. 4. Dez. 2026, 17:00"
    assert local_time(at, "Europe/Paris", "fr") == "ven. 4 déc. 2026, 17 h 00"
    assert number(5.75, "de") == "5,8"
    assert percent(0.875, "de") == "87,5\u00a0%"
    assert percent(0.875, "en") == "87.5%"
    assert listing(["Anna", "Carl", "Fin"], "de") == "Anna, Carl und Fin"
    assert listing(["Anna", "Carl", "Fin"], "fr") == "Anna, Carl et Fin"
    assert relative(timedelta(days=3), "de") == "in 3 Tagen"
    assert relative(timedelta(days=3), "fr") == "dans 3 jours"
    assert language_name("de", "fr") == "allemand"
