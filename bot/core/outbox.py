"""Writes messages to the outbox in the caller's transaction; the scheduler delivers them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from bot.core.message import Message
from storage.db import OUTBOX_QUEUED
from storage.models import OutboxMessage, Workspace


class OutboxKind(StrEnum):
    POST = "post"
    DIRECT = "direct"
    UPDATE = "update"
    HOME = "home"
    """Rebuild a person's "My work" page; the page is built when the row is delivered."""


def enqueue(
    session: Session,
    workspace: Workspace,
    kind: OutboxKind,
    target: str,
    message: Message,
    now: datetime,
    *,
    task_id: int | None = None,
) -> None:
    """Queues `message` for `target` (a channel id, a user id or a message reference)."""
    session.info[OUTBOX_QUEUED] = True  # tells the process to deliver soon
    session.add(
        OutboxMessage(
            workspace_id=workspace.id,
            kind=kind.value,
            target=target,
            message=message.model_dump(mode="json"),
            task_id=task_id,
            next_attempt_at=now,
            created_at=now,
        )
    )
