"""What a change means for other people: cards updated in place, direct messages."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import dependencies
from bot.core.message import Message
from bot.core.outbox import OutboxKind, enqueue
from bot.core.scope import Scope
from bot.views.tasks import task_card
from storage.models import Member, OutboxMessage, OutboxState, Task, TaskMessage, TaskStatus
from storage.upsert import insert_if_absent


def card(scope: Scope, task: Task) -> Message:
    """The card of `task` as the person in `scope` sees it."""
    waiting = [b for b in dependencies.blockers_of(scope, task) if b.status == TaskStatus.OPEN]
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
    session: Session, workspace_id: int, task_number: int, ref: str, now: datetime
) -> None:
    """Records that message `ref` shows task `T-task_number`, so later changes update it."""
    task_id = session.scalar(
        select(Task.id).where(Task.workspace_id == workspace_id, Task.number == task_number)
    )
    if task_id is None:
        return
    values = {
        "workspace_id": workspace_id,
        "task_id": task_id,
        "message_ref": ref,
        "created_at": now,
    }
    insert_if_absent(session, TaskMessage, values, ["workspace_id", "message_ref"])
