"""Mattermost's documented payloads, as JSON copied from its documentation and API reference."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent


@cache
def _load(name: str) -> dict[str, Any]:
    data = json.loads((_HERE / f"{name}.json").read_text())
    data.pop("_source", None)
    return dict(data)


def payload(kind: str, **changes: Any) -> dict[str, Any]:
    """A fresh copy of payload `kind` with `changes` applied to its top-level fields."""
    data = copy.deepcopy(_load(kind))
    data.update(changes)
    return data
