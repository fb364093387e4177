"""Reading a key result's value as people type it: `87`, `87.5`, `87,5`, `87 %`, `1.2k`, `3M`.

A comma is a decimal comma (French and German write `87,5`), never a thousands separator; `k`
and `M` multiply by a thousand and a million; a percent sign only says the unit (`87 %` is 87).
"""

from __future__ import annotations

import math
import re

from bot.core.errors import UserError

_VALUE = re.compile(
    r"^(?P<sign>[-+\u2212]?)\s*(?P<whole>[0-9]{1,15})(?:[.,](?P<fraction>[0-9]{1,6}))?"
    r"\s*(?:(?P<scale>[kKM])|(?P<percent>%))?$"
)
_SCALES = {"": 1.0, "k": 1_000.0, "K": 1_000.0, "M": 1_000_000.0}
ACCEPTED = "`87`, `87.5`, `87,5`, `87 %`, `1.2k`, `3M`, `-4`"
"""The forms a value may take, as the error tells them."""


def parse_value(given: str) -> float:
    """The number `given` stands for; a UserError telling the accepted forms otherwise."""
    match = _VALUE.match(given.strip().replace("\u00a0", " ").replace("\u202f", " "))
    if match is None:
        raise UserError("okr.error.bad_value", given=given.strip()[:40], accepted=ACCEPTED)
    magnitude = float(f"{match['whole']}.{match['fraction'] or '0'}")
    value = magnitude * _SCALES[match["scale"] or ""]
    if match["sign"] in ("-", "\u2212"):
        value = -value
    if not math.isfinite(value):
        raise UserError("okr.error.bad_value", given=given.strip()[:40], accepted=ACCEPTED)
    return value + 0.0  # no negative zero: `-0` is 0


def looks_like_value(given: str) -> bool:
    """Whether `given` reads as a value (the grammar uses it to tell a value from words)."""
    try:
        parse_value(given)
    except UserError:
        return False
    return True
