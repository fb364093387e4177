"""The shipped gettext catalogs (bot/locale/<lang>/LC_MESSAGES/baton.po), read through Babel.

Each `.po` file is compiled to `.mo` in memory the first time its language is asked for, so a
translation edited in Poedit or Weblate shows as soon as Baton restarts, without a build step.
"""

from __future__ import annotations

import functools
from gettext import NullTranslations
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

DOMAIN = "baton"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> NullTranslations:
    """The catalog of `lang`; an empty one for English and for a language Baton does not ship."""
    path = po_path(lang)
    if lang == "en" or not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)
