"""Lists of runs: active, done, or late (an open item past its due date)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import exists, func, select

from bot.core.runs.progress import Counts, counts
from bot.core.scope import Scope
from storage.models import Run, RunStatus, Task, TaskStatus, Template


class Which(StrEnum):
    ACTIVE = "active"
    DONE = "done"
    LATE = "late"


@dataclass(frozen=True)
class Listed:
    run: Run
    template: str
    counts: Counts
    next_due: datetime | None
    """The soonest due date of its open items."""
    late: int
    """Open items past due."""


def list_runs(scope: Scope, which: Which, *, limit: int) -> tuple[list[Listed], int]:
    """A page of runs (newest first for done ones) and how many there are."""
    where = [Run.workspace_id == scope.workspace.id]
    order: tuple[Any, ...]
    if which is Which.DONE:
        where.append(Run.status == RunStatus.DONE)
        order = (Run.finished_at.desc(), Run.number.desc())
    else:
        where.append(Run.status == RunStatus.ACTIVE)
        order = (Run.number,)
    if which is Which.LATE:
        where.append(
            exists().where(
                Task.run_id == Run.id,
                Task.status == TaskStatus.OPEN,
                Task.due_at < scope.now,
            )
        )
    rows = scope.session.execute(
        select(Run, Template.name)
        .join(Template, Template.id == Run.template_id)
        .where(*where)
        .order_by(*order)
        .limit(limit)
    ).all()
    total = len(rows)
    if total == limit:
        total = scope.session.scalar(select(func.count()).select_from(Run).where(*where)) or 0
    ids = [run.id for run, _ in rows]
    done_counts = counts(scope, ids)
    late = func.count(Task.id).filter(Task.due_at < scope.now)
    open_rows = scope.session.execute(
        select(Task.run_id, func.min(Task.due_at), late)
        .where(Task.run_id.in_(ids), Task.status == TaskStatus.OPEN)
        .group_by(Task.run_id)
    ).all()
    soonest = {run_id: (due, int(late or 0)) for run_id, due, late in open_rows}
    listed = [
        Listed(
            run=run,
            template=name,
            counts=done_counts.get(run.id, Counts(0, 0)),
            next_due=soonest.get(run.id, (None, 0))[0],
            late=soonest.get(run.id, (None, 0))[1],
        )
        for run, name in rows
    ]
    return listed, int(total)
