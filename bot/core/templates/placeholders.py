"""`{subject}` and `{field}` in item titles and descriptions, filled in when a run starts.

Only `{name}` with a lower-case name is a placeholder; other braces are kept as typed. Texts
are never handed to `str.format`, so a title cannot reach into Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

SUBJECT = "subject"
_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]{0,39})\}")


def names_in(text: str) -> list[str]:
    """The placeholder names in `text`, in order, each once."""
    return list(dict.fromkeys(_PLACEHOLDER.findall(text)))


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with each placeholder replaced by its value (left as is when there is none)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def field_name(column: str) -> str:
    """A CSV column or `key=value` key as a placeholder name: `Go-live date` -> `go_live_date`."""
    return re.sub(r"[^a-z0-9]+", "_", column.strip().lower()).strip("_")[:40]
