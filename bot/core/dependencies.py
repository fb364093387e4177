"""Dependencies: a task waits for others until they are done."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from bot.core.errors import UserError
from bot.core.scope import Scope
from bot.core.tasks import LOADED, get_task, touch
from storage.models import Task, TaskDependency, TaskStatus

# Built once: a statement costs more to build than to run.
BLOCKERS = (
    select(Task)
    .join(TaskDependency, TaskDependency.blocker_id == Task.id)
    .where(TaskDependency.task_id == bindparam("task_id"), Task.status != TaskStatus.DELETED)
    .order_by(Task.number)
)
OPEN_BLOCKERS = (
    select(TaskDependency.task_id, Task)
    .join(Task, Task.id == TaskDependency.blocker_id)
    .where(
        TaskDependency.task_id.in_(bindparam("task_ids", expanding=True)),
        Task.status == TaskStatus.OPEN,
    )
    .order_by(Task.number)
)


def blockers_of(scope: Scope, task: Task) -> list[Task]:
    """The tasks `task` waits for, open or done."""
    return list(scope.session.scalars(BLOCKERS, {"task_id": task.id}))


def open_blockers(session: Session, task_ids: Collection[int]) -> dict[int, list[Task]]:
    """The open tasks each of `task_ids` waits for, in one query; a task that waits for
    none is left out."""
    waiting: dict[int, list[Task]] = {}
    for task_id, blocker in session.execute(OPEN_BLOCKERS, {"task_ids": list(task_ids)}):
        waiting.setdefault(task_id, []).append(blocker)
    return waiting


def open_blocker(scope: Scope, number: int) -> Task:
    """`T-number`, which must be open to block anything."""
    blocker = get_task(scope, number)
    if blocker.status == TaskStatus.DONE:
        raise UserError("error.block_done", blocker=number)
    return blocker


def block(scope: Scope, number: int, blocker_number: int) -> tuple[Task, Task]:
    """Makes `T-number` wait for `T-blocker_number`."""
    if number == blocker_number:
        raise UserError("error.block_self")
    task = get_task(scope, number, for_update=True)
    if task.status is not TaskStatus.OPEN:
        raise UserError("error.block_finished", number=number)
    blocker = open_blocker(scope, blocker_number)
    if waits_for(scope, blocker.id, task.id):
        raise UserError("error.block_cycle", number=number, blocker=blocker_number)
    exists = scope.session.get(TaskDependency, (task.id, blocker.id))
    if exists is None:
        scope.session.add(
            TaskDependency(task_id=task.id, blocker_id=blocker.id, workspace_id=scope.workspace.id)
        )
        touch(scope, task, "blocked", f"T-{blocker_number}")
    return task, blocker


def unblock(scope: Scope, number: int, blocker_number: int | None) -> tuple[Task, list[int]]:
    """`T-number` waits no more for `T-blocker_number` (for any task, without one); returns the
    task and the numbers it waited for."""
    task = get_task(scope, number, for_update=True)
    query = (
        select(TaskDependency, Task.number)
        .join(Task, Task.id == TaskDependency.blocker_id)
        .where(TaskDependency.task_id == task.id)
    )
    if blocker_number is not None:
        query = query.where(Task.number == blocker_number)
    rows = scope.session.execute(query).all()
    if not rows:
        if blocker_number is None:
            raise UserError("error.not_blocked", number=number)
        raise UserError("error.not_blocked_by", number=number, blocker=blocker_number)
    for dependency, _ in rows:
        scope.session.delete(dependency)
    numbers = sorted(n for _, n in rows)
    touch(scope, task, "unblocked", ", ".join(f"T-{n}" for n in numbers))
    return task, numbers


def waits_for(scope: Scope, task_id: int, other_id: int) -> bool:
    """Whether `task_id` waits, directly or through others, for `other_id`."""
    seen: set[int] = set()
    frontier = {task_id}
    while frontier:
        if other_id in frontier:
            return True
        seen |= frontier
        rows = scope.session.scalars(
            select(TaskDependency.blocker_id).where(TaskDependency.task_id.in_(frontier))
        )
        frontier = set(rows) - seen
    return False


def newly_unblocked(scope: Scope, done: Task) -> list[Task]:
    """Open tasks that waited for `done` and wait for no other open task."""
    waiting = list(scope.session.scalars(WAITING_FOR, {"blocker_id": done.id}).unique())
    if not waiting:
        return []
    still_blocked = set(
        scope.session.scalars(
            select(TaskDependency.task_id)
            .join(Task, Task.id == TaskDependency.blocker_id)
            .where(
                TaskDependency.task_id.in_([t.id for t in waiting]),
                Task.status == TaskStatus.OPEN,
                Task.id != done.id,
            )
        )
    )
    return [t for t in waiting if t.id not in still_blocked]


# Built once: asked on every completion, and a statement costs more to build than to run.
WAITING_FOR = (
    select(Task)
    .options(*LOADED)
    .join(TaskDependency, TaskDependency.task_id == Task.id)
    .where(TaskDependency.blocker_id == bindparam("blocker_id"), Task.status == TaskStatus.OPEN)
)
