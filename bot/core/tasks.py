"""Tasks: finding them, listing them, and logging who changed what and when."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import Session, joinedload

from bot.core.errors import UserError
from bot.core.formats import local_time
from bot.core.nudges import plan_nudges
from bot.core.scope import Scope
from storage.models import (
    Channel,
    Member,
    Task,
    TaskComment,
    TaskEvent,
    TaskStatus,
)

# Everything a task card shows, loaded with the task in one query.
LOADED = (
    joinedload(Task.assignee),
    joinedload(Task.creator),
    joinedload(Task.channel),
    joinedload(Task.completed_by),
)


def get_task(scope: Scope, number: int, *, for_update: bool = False) -> Task:
    """The task `T-number` of this workspace; deleted and foreign tasks do not exist.

    With `for_update`, the row stays locked until the transaction ends and is read afresh,
    so two people changing one task at once act one after the other (on PostgreSQL; SQLite
    lets one writer at a time anyway). A task this transaction has locked already is not read
    again: nobody else can have changed it since.
    """
    locked: dict[int, Task] = scope.session.info.setdefault(LOCKED, {})
    task = locked.get(number) if for_update else None
    if task is None:
        query = TASK_FOR_UPDATE if for_update else TASK
        params = {"workspace_id": scope.workspace.id, "number": number}
        task = scope.session.scalars(query, params).one_or_none()
    if task is None or task.status == TaskStatus.DELETED:
        raise _missing(scope, number)
    if for_update:
        locked[number] = task
    return task


LOCKED = "tasks.locked"
"""The session's key for the tasks its transaction holds locked, by number."""
# Built once: a statement costs more to build than to run.
TASK = (
    select(Task)
    .options(*LOADED)
    .where(
        Task.workspace_id == bindparam("workspace_id"),
        Task.number == bindparam("number"),
        Task.status != TaskStatus.DELETED,
    )
)
TASK_FOR_UPDATE = TASK.with_for_update(of=Task).execution_options(populate_existing=True)


def _missing(scope: Scope, number: int) -> UserError:
    """Why `T-number` is not there: never made, or deleted (by whom and when)."""
    deleted = scope.session.execute(
        select(TaskEvent.at, Member.name)
        .join(Task, Task.id == TaskEvent.task_id)
        .outerjoin(Member, Member.id == TaskEvent.actor_id)
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.number == number,
            Task.status == TaskStatus.DELETED,
            TaskEvent.kind == "deleted",
        )
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())
        .limit(1)
    ).first()
    if deleted is None:
        return UserError("error.no_such_task", number=number)
    at, name = deleted
    when = local_time(at, scope.reader.tz, scope.reader.lang)
    return UserError(
        "error.task_deleted", number=number, who=f"@{name}" if name else "Baton", when=when
    )


def get_deleted_task(scope: Scope, number: int) -> Task:
    """The deleted task `T-number`, to bring back."""
    query = (
        select(Task)
        .options(*LOADED)
        .where(Task.workspace_id == scope.workspace.id, Task.number == number)
        .with_for_update(of=Task)
        .execution_options(populate_existing=True)
    )
    task = scope.session.scalars(query).one_or_none()
    if task is None:
        raise UserError("error.no_such_task", number=number)
    if task.status is not TaskStatus.DELETED:
        raise UserError("error.task_not_deleted", number=number)
    return task


def list_tasks(
    scope: Scope,
    *,
    assignee: Member | None = None,
    channel: Channel | None = None,
    overdue: bool = False,
    done: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Task], int]:
    """A page of tasks (soonest due first; for done ones, latest first) and how many there are."""
    return query_tasks(
        scope.session,
        scope.workspace.id,
        scope.now,
        assignee_id=assignee.id if assignee else None,
        channel_id=channel.id if channel else None,
        overdue=overdue,
        done=done,
        limit=limit,
        offset=offset,
    )


def query_tasks(
    session: Session,
    workspace_id: int,
    now: datetime,
    *,
    assignee_id: int | None = None,
    channel_id: int | None = None,
    overdue: bool = False,
    done: bool = False,
    limit: int = 20,
    offset: int = 0,
) -> tuple[list[Task], int]:
    """`list_tasks` for callers without a scope, such as the outbox building a home page."""
    status = TaskStatus.DONE if done else TaskStatus.OPEN
    where = [Task.workspace_id == workspace_id, Task.status == status]
    if assignee_id is not None:
        where.append(Task.assignee_id == assignee_id)
    if channel_id is not None:
        where.append(Task.channel_id == channel_id)
    if overdue:
        where.append(Task.due_at < now)
    order = (
        (Task.completed_at.desc(),) if done else (Task.due_at.is_(None), Task.due_at, Task.number)
    )
    tasks = session.scalars(
        select(Task).options(*LOADED).where(*where).order_by(*order).limit(limit).offset(offset)
    ).all()
    total = offset + len(tasks)
    if len(tasks) == limit or (offset and not tasks):
        total = session.scalar(select(func.count()).select_from(Task).where(*where)) or 0
    return list(tasks), total


def comments_of(scope: Scope, task: Task, limit: int = 10) -> list[TaskComment]:
    query = (
        select(TaskComment)
        .options(joinedload(TaskComment.author))
        .where(TaskComment.task_id == task.id)
        .order_by(TaskComment.created_at.desc(), TaskComment.id.desc())
        .limit(limit)
    )
    return list(reversed(scope.session.scalars(query).all()))


def events_of(scope: Scope, task: Task, limit: int = 10) -> list[TaskEvent]:
    query = (
        select(TaskEvent)
        .options(joinedload(TaskEvent.actor))
        .where(TaskEvent.task_id == task.id)
        .order_by(TaskEvent.at.desc(), TaskEvent.id.desc())
        .limit(limit)
    )
    return list(reversed(scope.session.scalars(query).all()))


def log(scope: Scope, task: Task, kind: str, detail: str = "", actor: Member | None = None) -> None:
    """Adds a line to the task's activity log."""
    who = actor if actor is not None else scope.person
    scope.session.add(
        TaskEvent(
            workspace_id=scope.workspace.id,
            task_id=task.id,
            actor_id=who.id if who else None,
            kind=kind,
            detail=detail[:1000],
            at=scope.now,
        )
    )


NUDGING_CHANGES = frozenset({"completed", "reopened", "deleted", "assigned", "due", "handover"})
"""Changes of a task's status, due date or assignee: its nudges are planned again."""


def touch(scope: Scope, task: Task, kind: str, detail: str = "") -> None:
    """Marks `task` changed now and logs the change."""
    task.updated_at = scope.now
    task.version += 1
    log(scope, task, kind, detail)
    if kind in NUDGING_CHANGES:
        plan_nudges(scope, task)


def reassign(scope: Scope, task: Task, assignee: Member, *, kind: str, detail: str) -> None:
    """Gives `task` to `assignee`, logging it as `kind` (an assignment or a handover)."""
    task.assignee_id = assignee.id
    task.assignee = assignee
    touch(scope, task, kind, detail)
