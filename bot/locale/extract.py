"""The Babel extraction method for `bot/core/catalog.py`, named in `babel.cfg`.

Every entry of the English dict `EN` becomes one message: its key is the message context
(`msgctxt "error.usage"`) and its English text the message id, so a translator sees both.
A `Plural(one, other)` entry becomes a message with a plural. The file is read as source, not
imported: extraction must not depend on the application importing cleanly.
"""

from __future__ import annotations

import ast
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

CATALOG_NAME = "EN"
PLURAL = "Plural"

Extracted = tuple[int, str, tuple[str, ...], list[str]]


def extract_catalog(
    fileobj: IO[bytes],
    keywords: Collection[str],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[Extracted]:
    """Yields `(line, function, (context, msgid[, msgid_plural]), comments)` as Babel expects,
    with the functions `pgettext` and `npgettext` whose default keyword specs read the first
    argument as the context."""
    tree = ast.parse(fileobj.read().decode(options.get("encoding") or "utf-8"))
    for node in ast.walk(tree):
        catalog = _catalog_dict(node)
        if catalog is None:
            continue
        for key, value in zip(catalog.keys, catalog.values, strict=True):
            if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
                raise ValueError(f"line {value.lineno}: catalog keys must be plain strings")
            yield _message(key.value, value)


def _catalog_dict(node: ast.AST) -> ast.Dict | None:
    target: ast.expr
    value: ast.expr | None
    if isinstance(node, ast.AnnAssign):
        target, value = node.target, node.value
    elif isinstance(node, ast.Assign) and len(node.targets) == 1:
        target, value = node.targets[0], node.value
    else:
        return None
    if isinstance(target, ast.Name) and target.id == CATALOG_NAME and isinstance(value, ast.Dict):
        return value
    return None


def _message(key: str, value: ast.expr) -> Extracted:
    if isinstance(value, ast.Constant) and isinstance(value.value, str):
        return value.lineno, "pgettext", (key, value.value), []
    if (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id == PLURAL
        and len(value.args) == 2
        and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in value.args)
    ):
        one, other = (a.value for a in value.args if isinstance(a, ast.Constant))
        return value.lineno, "npgettext", (key, str(one), str(other)), []
    raise ValueError(f"line {value.lineno}: {key!r} is neither a string nor Plural(one, other)")
