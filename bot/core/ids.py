"""Per-workspace ids as people type them: `T-12` for a task (later `R-3`, `O-2`, `K-5`)."""

from __future__ import annotations

import re

from bot.core.errors import UserError

TASK_PREFIX = "T"
_ID = re.compile(r"^#?([A-Za-z])-?(\d{1,9})$")


def task_ref(number: int) -> str:
    return f"{TASK_PREFIX}-{number}"


def parse_task_ref(text: str) -> int:
    """`T-12`, `t12` or `#T-12` -> 12; anything else is a UserError."""
    match = _ID.match(text.strip())
    if not match or match.group(1).upper() != TASK_PREFIX or int(match.group(2)) == 0:
        raise UserError("error.bad_task_id", given=text[:40])
    return int(match.group(2))


def looks_like_task_ref(text: str) -> bool:
    match = _ID.match(text.strip())
    return bool(match and match.group(1).upper() == TASK_PREFIX)
