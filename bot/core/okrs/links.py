"""Tasks and runs that count toward a key result (`task add … for K-5`, `run … for K-5`).

A key result of the `tasks` kind takes its value from them: the number of its linked tasks
and runs that are done. That value is computed when it is read (`refresh_counts`, which every
OKR view and check-in job calls first) and written back, so `current_value` is as fresh as the
last time anyone looked; tasks and runs need not know about key results.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select, update

from bot.core.errors import UserError
from bot.core.okrs.refs import key_result_by_number, objective_of
from bot.core.scope import Scope
from storage.models import (
    KeyResult,
    KeyResultKind,
    ObjectiveState,
    Run,
    RunStatus,
    Task,
    TaskStatus,
)


def key_result_to_link(scope: Scope, number: int) -> KeyResult:
    """The key result K-`number` that new work may count toward (its objective is active)."""
    key_result = key_result_by_number(scope, number)
    objective = objective_of(scope, key_result)
    if objective.state is not ObjectiveState.ACTIVE:
        raise UserError("okr.error.objective_archived", kr=number, number=objective.number)
    return key_result


def link_run(scope: Scope, run_id: int, key_result: KeyResult) -> None:
    """Makes the run `run_id` count toward `key_result`."""
    scope.session.execute(
        update(Run)
        .where(Run.workspace_id == scope.workspace.id, Run.id == run_id)
        .values(key_result_id=key_result.id)
    )


def linked_tasks(scope: Scope, key_results: Sequence[KeyResult]) -> list[Task]:
    ids = [each.id for each in key_results]
    if not ids:
        return []
    query = (
        select(Task)
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.key_result_id.in_(ids),
            Task.status != TaskStatus.DELETED,
        )
        .order_by(Task.number)
    )
    return list(scope.session.scalars(query))


def linked_runs(scope: Scope, key_results: Sequence[KeyResult]) -> list[Run]:
    ids = [each.id for each in key_results]
    if not ids:
        return []
    query = (
        select(Run)
        .where(Run.workspace_id == scope.workspace.id, Run.key_result_id.in_(ids))
        .order_by(Run.number)
    )
    return list(scope.session.scalars(query))


def refresh_counts(scope: Scope, key_results: Sequence[KeyResult]) -> None:
    """Sets each `tasks`-kind key result's value to its linked tasks and runs done."""
    counting = [each for each in key_results if each.kind is KeyResultKind.TASKS]
    if not counting:
        return
    ids = [each.id for each in counting]
    done: dict[int, int] = dict.fromkeys(ids, 0)
    tasks = (
        select(Task.key_result_id, func.count())
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.key_result_id.in_(ids),
            Task.status == TaskStatus.DONE,
        )
        .group_by(Task.key_result_id)
    )
    runs = (
        select(Run.key_result_id, func.count())
        .where(
            Run.workspace_id == scope.workspace.id,
            Run.key_result_id.in_(ids),
            Run.status == RunStatus.DONE,
        )
        .group_by(Run.key_result_id)
    )
    for statement in (tasks, runs):
        for key_result_id, count in scope.session.execute(statement):
            if key_result_id is not None:
                done[key_result_id] += int(count)
    for each in counting:
        if each.current_value != done[each.id]:
            each.current_value = float(done[each.id])
