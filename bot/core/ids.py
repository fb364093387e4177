"""Per-workspace ids as people type them: `T-12` for a task, `R-3` for a run (later `O-2`,
`K-5`)."""

from __future__ import annotations

import re

from bot.core.errors import UserError

TASK_PREFIX = "T"
RUN_PREFIX = "R"
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


def run_ref(number: int) -> str:
    return f"{RUN_PREFIX}-{number}"


def parse_run_ref(text: str) -> int:
    """`R-3`, `r3` or `#R-3` -> 3; anything else is a UserError."""
    match = _ID.match(text.strip())
    if not match or match.group(1).upper() != RUN_PREFIX or int(match.group(2)) == 0:
        raise UserError("error.bad_run_id", given=text[:40])
    return int(match.group(2))


def looks_like_run_ref(text: str) -> bool:
    match = _ID.match(text.strip())
    return bool(match and match.group(1).upper() == RUN_PREFIX)
