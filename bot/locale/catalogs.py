"""Loads the translations of one language, once per process.

The `.po` files are the source: they are compiled in memory on first use, so a fresh clone
needs no build step. A `.mo` that `make catalogs` compiled is used instead when it is at least
as new as its `.po` (an installed package can ship them and skip the compiling).
"""

from __future__ import annotations

from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "baton"
LOCALE_DIR = Path(__file__).parent
SOURCE_LANGUAGE = "en"


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=8)
def translations(lang: str) -> NullTranslations:
    """The translations of `lang`; English, and any language without a catalog, translate
    nothing (every text falls back to its English source)."""
    po = po_path(lang)
    if lang == SOURCE_LANGUAGE or not po.is_file():
        return NullTranslations()
    mo = po.with_suffix(".mo")
    if mo.is_file() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as compiled:
            return Translations(compiled, domain=DOMAIN)
    return Translations(BytesIO(compile_po(po)), domain=DOMAIN)


def compile_po(po: Path) -> bytes:
    """The `.mo` bytes of a `.po` file (fuzzy entries left out, as `pybabel compile` does)."""
    with po.open("rb") as source:
        catalog = read_po(source, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    return compiled.getvalue()
