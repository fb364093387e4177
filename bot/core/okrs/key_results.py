"""Key results: a metric going up or down from a start to a target, a milestone (0 to 100 %),
or a count of the tasks and runs done that are linked to it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.errors import UserError
from bot.core.numbering import next_number
from bot.core.scope import Scope
from storage.models import KeyResult, KeyResultKind, Member, Objective, ObjectiveState, Workspace

MAX_UNIT = 32
MILESTONE_UNIT = "%"


@dataclass(frozen=True)
class Measure:
    """How a key result is measured: its kind, where it starts, where it should get to."""

    kind: KeyResultKind
    start: float
    target: float
    unit: str = ""


def milestone() -> Measure:
    return Measure(KeyResultKind.MILESTONE, 0.0, 100.0, MILESTONE_UNIT)


def tasks_done(target: float) -> Measure:
    return Measure(KeyResultKind.TASKS, 0.0, target)


def add_key_result(
    scope: Scope, objective: Objective, title: str, measure: Measure, owner: Member
) -> KeyResult:
    """Adds a key result to an active objective; a target equal to the start is refused."""
    if objective.state is not ObjectiveState.ACTIVE:
        raise UserError("okr.error.objective_closed", number=objective.number)
    _check_measure(measure)
    key_result = KeyResult(
        workspace_id=scope.workspace.id,
        number=next_number(scope, Workspace.key_result_seq),
        objective_id=objective.id,
        title=title,
        kind=measure.kind,
        start_value=measure.start,
        target_value=measure.target,
        current_value=measure.start,
        unit=measure.unit,
        owner_id=owner.id,
        owner=owner,
        status=None,
        created_at=scope.now,
    )
    scope.session.add(key_result)
    scope.session.flush()
    return key_result


def give_to(objective: Objective, key_result: KeyResult, owner: Member) -> None:
    """Makes `owner` the one who checks `key_result` in from its next round on (a check-in
    already asked of the former owner stays theirs to answer)."""
    if objective.state is not ObjectiveState.ACTIVE:
        raise UserError("okr.error.owner_archived", kr=key_result.number, number=objective.number)
    key_result.owner_id = owner.id


def _check_measure(measure: Measure) -> None:
    if measure.target == measure.start:
        raise UserError("okr.error.target_is_start")
    if len(measure.unit) > MAX_UNIT:
        raise UserError("okr.error.unit_too_long", limit=MAX_UNIT)
    if measure.kind is KeyResultKind.TASKS and (
        measure.target < 1 or measure.target != int(measure.target)
    ):
        raise UserError("okr.error.tasks_target")
