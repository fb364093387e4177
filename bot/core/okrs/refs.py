"""Objectives and key results by the ids people type (`O-2`, `K-5`), in this workspace only.

Ids are per workspace, so another workspace's `K-5` is simply not found here.
"""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.core.errors import UserError
from bot.core.scope import Scope
from storage.models import KeyResult, Objective

OBJECTIVE_PREFIX = "O"
KEY_RESULT_PREFIX = "K"
_ID = re.compile(r"^#?([A-Za-z])-?(\d{1,9})$")


def objective_ref(number: int) -> str:
    return f"{OBJECTIVE_PREFIX}-{number}"


def key_result_ref(number: int) -> str:
    return f"{KEY_RESULT_PREFIX}-{number}"


def _number(given: str, prefix: str) -> int | None:
    match = _ID.match(given.strip())
    if not match or match.group(1).upper() != prefix or int(match.group(2)) == 0:
        return None
    return int(match.group(2))


def parse_objective_ref(given: str) -> int:
    """`O-2`, `o2` or `#O-2` -> 2; anything else is a UserError."""
    number = _number(given, OBJECTIVE_PREFIX)
    if number is None:
        raise UserError("okr.error.bad_objective_id", given=given.strip()[:40])
    return number


def parse_key_result_ref(given: str) -> int:
    """`K-5`, `k5` or `#K-5` -> 5; anything else is a UserError."""
    number = _number(given, KEY_RESULT_PREFIX)
    if number is None:
        raise UserError("okr.error.bad_key_result_id", given=given.strip()[:40])
    return number


def looks_like_objective_ref(given: str) -> bool:
    return _number(given, OBJECTIVE_PREFIX) is not None


def looks_like_key_result_ref(given: str) -> bool:
    return _number(given, KEY_RESULT_PREFIX) is not None


def objective_by_number(scope: Scope, number: int) -> Objective:
    objective = scope.session.scalars(
        select(Objective).where(
            Objective.workspace_id == scope.workspace.id, Objective.number == number
        )
    ).one_or_none()
    if objective is None:
        raise UserError("okr.error.no_such_objective", number=number)
    return objective


def key_result_by_number(scope: Scope, number: int) -> KeyResult:
    key_result = scope.session.scalars(
        select(KeyResult).where(
            KeyResult.workspace_id == scope.workspace.id, KeyResult.number == number
        )
    ).one_or_none()
    if key_result is None:
        raise UserError("okr.error.no_such_key_result", number=number)
    return key_result


def objective_by_ref(scope: Scope, given: str) -> Objective:
    """The objective `given` (`O-2`) names in this workspace; a UserError otherwise."""
    return objective_by_number(scope, parse_objective_ref(given))


def key_result_by_ref(scope: Scope, given: str) -> KeyResult:
    """The key result `given` (`K-5`) names in this workspace; a UserError otherwise."""
    return key_result_by_number(scope, parse_key_result_ref(given))


def objective_of(scope: Scope, key_result: KeyResult) -> Objective:
    """The objective `key_result` belongs to (the relationship is not loaded lazily)."""
    return scope.session.scalars(
        select(Objective).where(
            Objective.id == key_result.objective_id,
            Objective.workspace_id == scope.workspace.id,
        )
    ).one()
