"""Dates, numbers, lists and language names as each language writes them, with Babel."""

from __future__ import annotations

from babel import Locale

LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE"}
"""British English writes "Fri 4 Dec", day before month, as Baton always did."""


def babel_locale(lang: str) -> str:
    """The Babel locale of one of Baton's languages (English for any other)."""
    return LOCALES.get(lang, LOCALES["en"])


def language_name(code: str, lang: str) -> str:
    """The language `code` named in `lang`: `de` is "German" in English, "Deutsch" in German."""
    name = Locale.parse(code).get_display_name(babel_locale(lang)) or code
    return name[:1].upper() + name[1:] if lang != "fr" else name
