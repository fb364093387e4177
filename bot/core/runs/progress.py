"""Where runs stand: finding one, its items with what they wait for, done and total counts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased, joinedload

from bot.core.errors import UserError
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from storage.models import Run, Task, TaskDependency, TaskStatus, Template, TemplateVersion


@dataclass(frozen=True)
class Item:
    """A run's task, and the numbers of the open tasks it waits for."""

    task: Task
    waits_for: tuple[int, ...]

    @property
    def actionable(self) -> bool:
        return self.task.status == TaskStatus.OPEN and not self.waits_for


@dataclass(frozen=True)
class Counts:
    done: int
    total: int
    """Items that count: all but deleted ones."""


def get_run(scope: Scope, number: int, *, for_update: bool = False) -> Run:
    """The run `R-number` of this workspace; a UserError when there is none."""
    query = (
        select(Run)
        .options(joinedload(Run.started_by), joinedload(Run.channel))
        .where(Run.workspace_id == scope.workspace.id, Run.number == number)
    )
    if for_update:
        query = query.with_for_update(of=Run).execution_options(populate_existing=True)
    run = scope.session.scalars(query).one_or_none()
    if run is None:
        raise UserError("error.no_such_run", number=number)
    return run


def run_by_id(scope: Scope, run_id: int) -> Run | None:
    return scope.session.scalars(
        select(Run)
        .options(joinedload(Run.started_by), joinedload(Run.channel))
        .where(Run.id == run_id, Run.workspace_id == scope.workspace.id)
    ).one_or_none()


def template_of(scope: Scope, run: Run) -> tuple[Template, TemplateVersion]:
    row = scope.session.execute(
        select(Template, TemplateVersion)
        .join(TemplateVersion, TemplateVersion.template_id == Template.id)
        .where(TemplateVersion.id == run.template_version_id)
    ).one()
    return row[0], row[1]


def items_of(scope: Scope, run: Run) -> list[Item]:
    """The run's items (not deleted ones) in order, each with the open tasks it waits for."""
    tasks = list(
        scope.session.scalars(
            select(Task)
            .options(*LOADED)
            .where(
                Task.workspace_id == scope.workspace.id,
                Task.run_id == run.id,
                Task.status != TaskStatus.DELETED,
            )
            .order_by(Task.number)
        ).unique()
    )
    blocker = aliased(Task)
    waits: dict[int, list[int]] = {}
    rows = scope.session.execute(
        select(TaskDependency.task_id, blocker.number)
        .join(blocker, blocker.id == TaskDependency.blocker_id)
        .where(
            TaskDependency.task_id.in_([task.id for task in tasks]),
            blocker.status == TaskStatus.OPEN,
        )
        .order_by(blocker.number)
    )
    for task_id, number in rows:
        waits.setdefault(task_id, []).append(number)
    return [Item(task, tuple(waits.get(task.id, ()))) for task in tasks]


def counts(scope: Scope, run_ids: Iterable[int]) -> dict[int, Counts]:
    """Done and total items of each run, by run id."""
    ids = list(run_ids)
    if not ids:
        return {}
    done = func.sum(case((Task.status == TaskStatus.DONE, 1), else_=0))
    rows = scope.session.execute(
        select(Task.run_id, done, func.count())
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.run_id.in_(ids),
            Task.status != TaskStatus.DELETED,
        )
        .group_by(Task.run_id)
    )
    return {run_id: Counts(int(d or 0), int(total)) for run_id, d, total in rows}
