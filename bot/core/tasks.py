"""Tasks: create, find, change and complete them, logging who did what and when."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, joinedload

from bot.core.errors import UserError
from bot.core.scope import Scope
from bot.core.similarity import SimilarTitle, find_similar
from bot.core.when import END_OF_WORKDAY, When
from storage.models import (
    Channel,
    Member,
    Task,
    TaskComment,
    TaskDependency,
    TaskEvent,
    TaskStatus,
    Workspace,
)

SIMILAR_SCAN_LIMIT = 5000
"""How many of the newest open tasks a new title is compared with."""

# Everything a task card shows, loaded with the task in one query.
LOADED = (
    joinedload(Task.assignee),
    joinedload(Task.creator),
    joinedload(Task.channel),
    joinedload(Task.completed_by),
)


@dataclass
class Added:
    """The new task, or (when `task` is None) the similar open tasks that stopped its creation."""

    task: Task | None
    similar: list[SimilarTitle] = field(default_factory=list)


@dataclass
class Completed:
    task: Task
    unblocked: list[Task]
    """Tasks that waited for this one and now wait for nothing."""


def get_task(scope: Scope, number: int) -> Task:
    """The task `T-number` of this workspace; deleted and foreign tasks do not exist."""
    task = scope.session.scalars(
        select(Task)
        .options(*LOADED)
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.number == number,
            Task.status != TaskStatus.DELETED,
        )
    ).one_or_none()
    if task is None:
        raise UserError("error.no_such_task", number=number)
    return task


def blockers_of(scope: Scope, task: Task) -> list[Task]:
    """The tasks `task` waits for, open or done."""
    return list(
        scope.session.scalars(
            select(Task)
            .join(TaskDependency, TaskDependency.blocker_id == Task.id)
            .where(TaskDependency.task_id == task.id, Task.status != TaskStatus.DELETED)
            .order_by(Task.number)
        )
    )


def add_task(
    scope: Scope,
    title: str,
    *,
    assignee: Member | None = None,
    due: When | None = None,
    after: tuple[int, ...] = (),
    notes: str = "",
    force: bool = False,
) -> Added:
    """Creates a task unless a similar one is open (and `force` is not set)."""
    blockers = [_open_blocker(scope, number) for number in after]
    if not force:
        similar = find_similar(title, _open_titles(scope))
        if similar:
            return Added(task=None, similar=similar)
    task = Task(
        workspace_id=scope.workspace.id,
        number=_next_number(scope),
        title=title,
        notes=notes,
        status=TaskStatus.OPEN,
        version=1,
        creator_id=scope.member.id,
        creator=scope.member,
        assignee_id=assignee.id if assignee else None,
        assignee=assignee,
        channel_id=scope.channel.id if scope.channel else None,
        channel=scope.channel,
        due_at=due.at if due else None,
        due_has_time=due.has_time if due else False,
        completed_by=None,
        created_at=scope.now,
        updated_at=scope.now,
    )
    scope.session.add(task)
    scope.session.flush()
    for blocker in blockers:
        scope.session.add(
            TaskDependency(task_id=task.id, blocker_id=blocker.id, workspace_id=scope.workspace.id)
        )
    log(scope, task, "created")
    return Added(task=task)


def complete(scope: Scope, number: int) -> Completed:
    task = get_task(scope, number)
    if task.status == TaskStatus.DONE:
        raise UserError("error.task_done", number=number)
    waiting_for = [b for b in blockers_of(scope, task) if b.status == TaskStatus.OPEN]
    if waiting_for:
        names = ", ".join(f"T-{b.number}" for b in waiting_for)
        raise UserError("error.blocked", number=number, blockers=names)
    task.status = TaskStatus.DONE
    task.completed_by_id = scope.member.id
    task.completed_by = scope.member
    task.completed_at = scope.now
    _touch(scope, task, "completed")
    return Completed(task=task, unblocked=_newly_unblocked(scope, task))


def reopen(scope: Scope, number: int) -> Task:
    task = get_task(scope, number)
    if task.status != TaskStatus.DONE:
        raise UserError("error.task_open", number=number)
    task.status = TaskStatus.OPEN
    task.completed_by_id = None
    task.completed_by = None
    task.completed_at = None
    _touch(scope, task, "reopened")
    return task


def delete(scope: Scope, number: int) -> Task:
    task = get_task(scope, number)
    task.status = TaskStatus.DELETED
    _touch(scope, task, "deleted")
    return task


def assign(scope: Scope, number: int, assignee: Member) -> Task:
    task = get_task(scope, number)
    reassign(scope, task, assignee, kind="assigned", detail=f"@{assignee.name}")
    return task


def set_due(scope: Scope, number: int, due: When) -> Task:
    task = get_task(scope, number)
    task.due_at = due.at
    task.due_has_time = due.has_time
    _touch(scope, task, "due", due.at.isoformat())
    return task


def snooze(scope: Scope, number: int, days: int) -> Task:
    """Moves the due date `days` later, keeping the local wall-clock time across DST changes."""
    task = get_task(scope, number)
    if task.status != TaskStatus.OPEN:
        raise UserError("error.task_done", number=number)
    tz = scope.tz
    local = task.due_at.astimezone(tz) if task.due_at else _end_of_today(scope)
    base = max(local, scope.now.astimezone(tz)) if task.due_at else local
    moved = (base.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=tz)
    task.due_at = moved.astimezone(scope.now.tzinfo)
    _touch(scope, task, "due", task.due_at.isoformat())
    return task


def comment(scope: Scope, number: int, body: str) -> Task:
    task = get_task(scope, number)
    scope.session.add(
        TaskComment(
            workspace_id=scope.workspace.id,
            task_id=task.id,
            author_id=scope.member.id,
            body=body,
            created_at=scope.now,
        )
    )
    _touch(scope, task, "commented", body[:200])
    return task


def block(scope: Scope, number: int, blocker_number: int) -> tuple[Task, Task]:
    """Makes `T-number` wait for `T-blocker_number`."""
    if number == blocker_number:
        raise UserError("error.block_self")
    task = get_task(scope, number)
    blocker = _open_blocker(scope, blocker_number)
    if _waits_for(scope, blocker.id, task.id):
        raise UserError("error.block_cycle", number=number, blocker=blocker_number)
    exists = scope.session.get(TaskDependency, (task.id, blocker.id))
    if exists is None:
        scope.session.add(
            TaskDependency(task_id=task.id, blocker_id=blocker.id, workspace_id=scope.workspace.id)
        )
        _touch(scope, task, "blocked", f"T-{blocker_number}")
    return task, blocker


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
    who = actor if actor is not None else (None if scope.by_baton else scope.member)
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


def _touch(scope: Scope, task: Task, kind: str, detail: str = "") -> None:
    task.updated_at = scope.now
    task.version += 1
    log(scope, task, kind, detail)


def reassign(scope: Scope, task: Task, assignee: Member, *, kind: str, detail: str) -> None:
    """Gives `task` to `assignee`, logging it as `kind` (an assignment or a handover)."""
    task.assignee_id = assignee.id
    task.assignee = assignee
    _touch(scope, task, kind, detail)


def _next_number(scope: Scope) -> int:
    """Takes the next task number; the row lock makes concurrent creators wait their turn."""
    number = scope.session.execute(
        update(Workspace)
        .where(Workspace.id == scope.workspace.id)
        .values(task_seq=Workspace.task_seq + 1)
        .returning(Workspace.task_seq)
    ).scalar_one()
    return int(number)


def _open_titles(scope: Scope) -> list[tuple[int, str]]:
    rows = scope.session.execute(
        select(Task.number, Task.title)
        .where(Task.workspace_id == scope.workspace.id, Task.status == TaskStatus.OPEN)
        .order_by(Task.number.desc())
        .limit(SIMILAR_SCAN_LIMIT)
    )
    return [(number, title) for number, title in rows]


def _open_blocker(scope: Scope, number: int) -> Task:
    blocker = get_task(scope, number)
    if blocker.status == TaskStatus.DONE:
        raise UserError("error.block_done", blocker=number)
    return blocker


def _waits_for(scope: Scope, task_id: int, other_id: int) -> bool:
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


def _newly_unblocked(scope: Scope, done: Task) -> list[Task]:
    """Open tasks that waited for `done` and wait for no other open task."""
    waiting = list(
        scope.session.scalars(
            select(Task)
            .options(*LOADED)
            .join(TaskDependency, TaskDependency.task_id == Task.id)
            .where(TaskDependency.blocker_id == done.id, Task.status == TaskStatus.OPEN)
        ).unique()
    )
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


def _end_of_today(scope: Scope) -> datetime:
    local = scope.now.astimezone(scope.tz)
    return datetime.combine(local.date(), END_OF_WORKDAY, tzinfo=scope.tz)


def list_tasks(
    scope: Scope,
    *,
    assignee: Member | None = None,
    channel: Channel | None = None,
    overdue: bool = False,
    done: bool = False,
    limit: int = 20,
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
        select(Task).options(*LOADED).where(*where).order_by(*order).limit(limit)
    ).all()
    total = len(tasks)
    if total == limit:
        total = session.scalar(select(func.count()).select_from(Task).where(*where)) or 0
    return list(tasks), total
