"""A Babel extractor for the catalog: `pybabel extract -F babel.cfg` reads bot/core/catalog.py
through it, one message per key, with the key as context (msgctxt) and the English as msgid.

Texts live in a dict rather than in `_()` calls, so Babel's Python extractor would find none.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

from bot.core.catalog import COUNTED, EN, USAGE_CONTEXT

_KEY_LINE = re.compile(rb'^\s*"([a-z0-9_.\-]+)":')

Extracted = tuple[int, str, str | tuple[str, ...], list[str]]


def extract_catalog(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any] | Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Every text of EN as `pgettext(key, english)`, of COUNTED as `npgettext`, and every
    feature's usage line as `pgettext("usage", line)`."""
    from bot.features import FEATURES  # the features import the catalog: not at import time

    lines: dict[str, int] = {}
    for number, line in enumerate(fileobj, start=1):
        found = _KEY_LINE.match(line)
        if found:
            lines.setdefault(found.group(1).decode(), number)
    for key, english in EN.items():
        yield lines.get(key, 0), "pgettext", (key, english), []
    for key, (singular, plural) in COUNTED.items():
        yield lines.get(key, 0), "npgettext", (key, singular, plural), []
    for feature in FEATURES:
        for usage in feature.usage.values():
            yield 0, "pgettext", (USAGE_CONTEXT, usage), []
