"""What a change means for other people: cards updated in place, direct messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import literal, select
from sqlalchemy.orm import Session

from bot.core import dependencies
from bot.core.message import Message
from bot.core.outbox import OutboxKind, enqueue
from bot.core.scope import Scope
from bot.views.tasks import task_card
from storage.models import (
    Member,
    OutboxMessage,
    OutboxState,
    Task,
    TaskMessage,
    TaskStatus,
    UtcDateTime,
    Workspace,
)
from storage.upsert import insert_from_select_if_absent


def card(scope: Scope, task: Task, waiting: list[Task] | None = None) -> Message:
    """The card of `task` as the person in `scope` sees it; `waiting`, when known, saves
    looking up the open tasks it waits for."""
    if waiting is None:
        blockers = dependencies.blockers_of(scope, task)
        waiting = [b for b in blockers if b.status == TaskStatus.OPEN]
    return task_card(task, waiting, now=scope.now, lang=scope.lang, tz=scope.member.tz)


def refresh_cards(scope: Scope, task: Task, *, skip_ref: str | None = None) -> Message:
    """Queues an in-place update of every message that shows `task`; returns the new card."""
    fresh = card(scope, task)
    refs = scope.session.scalars(
        select(TaskMessage.message_ref).where(
            TaskMessage.workspace_id == scope.workspace.id, TaskMessage.task_id == task.id
        )
    )
    refresh_home(scope, task.assignee)
    for ref in refs:
        if ref != skip_ref:
            enqueue(
                scope.session,
                scope.workspace,
                OutboxKind.UPDATE,
                ref,
                fresh,
                scope.now,
                task_id=task.id,
            )
    return fresh


def refresh_home(scope: Scope, member: Member | None) -> None:
    """Queues a rebuild of `member`'s "My work" page, once however many changes queue it."""
    if member is None or not scope.platform.has_home:
        return
    pending = scope.session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.workspace_id == scope.workspace.id,
            OutboxMessage.kind == OutboxKind.HOME,
            OutboxMessage.target == member.user_id,
            OutboxMessage.state == OutboxState.PENDING,
        )
        .limit(1)
    )
    if pending is None:
        page = Message(summary="home")  # built when delivered, so it is never stale
        enqueue(scope.session, scope.workspace, OutboxKind.HOME, member.user_id, page, scope.now)


def tell(
    scope: Scope, member: Member | None, message: Message, *, even_to_actor: bool = False
) -> None:
    """Sends `member` a direct message; people are not told of what they did themselves."""
    if member is None or (member.id == scope.member.id and not even_to_actor):
        return
    enqueue(scope.session, scope.workspace, OutboxKind.DIRECT, member.user_id, message, scope.now)


def remember_card(
    session: Session, platform: str, team_id: str, task_number: int, ref: str, now: datetime
) -> None:
    """Records that message `ref` shows task `T-task_number`, in one statement."""
    task = (
        select(Task.workspace_id, Task.id, literal(ref), literal(now, UtcDateTime()))
        .join(Workspace, Workspace.id == Task.workspace_id)
        .where(
            Workspace.platform == platform,
            Workspace.team_id == team_id,
            Task.number == task_number,
        )
    )
    columns = ["workspace_id", "task_id", "message_ref", "created_at"]
    insert_from_select_if_absent(
        session, TaskMessage, columns, task, ["workspace_id", "message_ref"]
    )
