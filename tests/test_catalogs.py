"""The translation catalogs: complete, faithful to their placeholders, and up to date with the
English texts in `bot/core/catalog.py` (`make catalogs` refreshes them; README in bot/locale)."""

from __future__ import annotations

import os
import string
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from bot.core.catalog import EN, Plural, text
from bot.locale.catalogs import DOMAIN, LOCALE_DIR, compile_po, po_path, translations

TRANSLATED = ("fr", "de")
ROOT = Path(__file__).resolve().parents[1]
HOW = "run `make catalogs` and fill in the msgstr (see bot/locale/README.md)"

MessageKey = tuple[str | None, str, str | None]
"""Context, message id and plural id: what identifies a message to a translator."""


def _read(path: Path) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, domain=DOMAIN)


def _key(message: Message) -> MessageKey:
    if isinstance(message.id, tuple | list):
        return message.context, str(message.id[0]), str(message.id[1])
    return message.context, str(message.id), None


def _messages(catalog: Catalog) -> dict[MessageKey, Message]:
    return {_key(m): m for m in catalog if m.id}


def _extracted() -> set[MessageKey]:
    """What `pybabel extract` would find in the code now."""
    with (LOCALE_DIR / "babel.cfg").open() as mapping:
        method_map, options_map = parse_mapping_cfg(mapping)  # type: ignore[no-untyped-call]
    found: set[MessageKey] = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT / "bot"), method_map, options_map
    ):
        if isinstance(message, tuple):
            found.add((context, message[0], message[1]))
        else:
            found.add((context, message, None))
    return found


def _fields(template: str) -> list[str]:
    """The `{…}` fields of a text as written, sorted (format specs and conversions count)."""
    return sorted(
        f"{name}!{conversion}:{spec}"
        for _literal, name, spec, conversion in string.Formatter().parse(template)
        if name is not None
    )


def test_the_template_lists_exactly_the_texts_of_the_code() -> None:
    in_template = set(_messages(_read(LOCALE_DIR / f"{DOMAIN}.pot")))
    extracted = _extracted()
    assert extracted, "the extraction method found no texts"
    assert extracted - in_template == set(), f"texts missing from baton.pot: {HOW}"
    assert in_template - extracted == set(), f"texts no longer in the code: {HOW}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_each_language_has_every_text_of_the_code_and_no_other(lang: str) -> None:
    in_catalog = set(_messages(_read(po_path(lang))))
    extracted = _extracted()
    assert extracted - in_catalog == set(), f"texts missing from the {lang} catalog: {HOW}"
    assert in_catalog - extracted == set(), f"texts no longer in the code: {HOW}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_text_is_translated_and_none_is_left_fuzzy(lang: str) -> None:
    catalog = _read(po_path(lang))
    untranslated = [
        m.context
        for m in catalog
        if m.id and not all(m.string if isinstance(m.string, tuple) else (m.string,))
    ]
    fuzzy = [m.context for m in catalog if m.id and m.fuzzy]
    assert untranslated == [], f"no {lang} translation for these keys: {HOW}"
    assert fuzzy == [], f"the English of these changed; check their {lang} text, then unmark fuzzy"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders_of_the_english(lang: str) -> None:
    wrong: list[str] = []
    for message in _read(po_path(lang)):
        if not message.id or not message.context:
            continue
        entry = EN[message.context]
        if isinstance(entry, Plural):
            english = _fields(entry.other)
            counted = [f for f in english if f.startswith(f"{entry.n}!")]
            assert isinstance(message.string, tuple), message.context
            for form in message.string:
                fields = _fields(form)
                # A form may spell its number out ("eine Aufgabe"), never drop anything else.
                if fields not in (english, sorted(set(english) - set(counted))):
                    wrong.append(f"{message.context}: {form!r}")
        elif _fields(str(message.string)) != _fields(str(message.id)):
            wrong.append(f"{message.context}: {message.string!r}")
    assert wrong == [], f"placeholders differ from the English in {lang}"


def test_the_plural_forms_follow_each_languages_grammar() -> None:
    assert text("task.list_title", "en", label="Open", count=0) == "Open: 0 tasks"
    assert text("task.list_title", "en", label="Open", count=1) == "Open: 1 task"
    assert text("task.list_title", "fr", label="Ouvertes", count=0) == "Ouvertes : 0 tâche"
    assert text("task.list_title", "fr", label="Ouvertes", count=2) == "Ouvertes : 2 tâches"
    assert text("task.list_title", "de", label="Offen", count=0) == "Offen: 0 Aufgaben"
    assert text("task.list_title", "de", label="Offen", count=1) == "Offen: 1 Aufgabe"
    assert text("task.list_title", "de", label="Offen", count=1234) == "Offen: 1.234 Aufgaben"


def test_a_key_without_translation_falls_back_to_english() -> None:
    assert text("task.field.due", "xx") == "Due"
    assert translations("en").pgettext("task.field.due", "Due") == "Due"
    assert translations("de").pgettext("no.such.key", "Anything") == "Anything"


def test_list_parameters_are_joined_as_each_language_joins_lists() -> None:
    blockers = ["T-1", "T-2", "T-5"]
    assert "T-1, T-2 and T-5" in text("error.blocked", "en", number=7, blockers=blockers)
    assert "T-1, T-2 et T-5" in text("error.blocked", "fr", number=7, blockers=blockers)
    assert "T-1, T-2 und T-5" in text("error.blocked", "de", number=7, blockers=blockers)


def test_a_compiled_catalog_says_what_the_po_file_says() -> None:
    compiled = Translations(BytesIO(compile_po(po_path("de"))), domain=DOMAIN)
    assert compiled.pgettext("task.field.due", "Due") == "Fällig"
    assert compiled.npgettext("task.list_title", "{label}: {count} task", "", 3) == (
        "{label}: {count} Aufgaben"
    )


def test_a_compiled_catalog_newer_than_its_po_file_is_used_and_an_older_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "de" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    po = folder / f"{DOMAIN}.po"
    po.write_bytes(po_path("de").read_bytes())
    compiled = po_path("de").read_text().replace('msgstr "Fällig"', 'msgstr "Fällig (mo)"')
    source = tmp_path / "compiled.po"
    source.write_text(compiled)
    mo = folder / f"{DOMAIN}.mo"
    mo.write_bytes(compile_po(source))
    monkeypatch.setattr("bot.locale.catalogs.LOCALE_DIR", tmp_path)

    def due_in_german() -> str:
        translations.cache_clear()
        try:
            return str(translations("de").pgettext("task.field.due", "Due"))
        finally:
            translations.cache_clear()

    os.utime(po, (1_000_000, 1_000_000))
    assert due_in_german() == "Fällig (mo)", "the compiled catalog, newer than the .po"
    os.utime(mo, (999_000, 999_000))
    assert due_in_german() == "Fällig", "the .po, edited since it was compiled"
