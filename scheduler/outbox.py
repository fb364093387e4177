"""Delivers outbox rows through the platforms, retrying with backoff when a platform fails."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.home import home_page
from bot.core.clock import Clock
from bot.core.message import Message
from bot.core.outbox import OutboxKind
from bot.core.platform import Platform, PlatformError, Platforms
from storage.db import Database
from storage.models import OutboxMessage, OutboxState, Workspace

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BATCH = 100


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s … capped at one hour."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))


def deliver_outbox(
    db: Database, platforms: Platforms, clock: Clock, *, workspace_id: int | None = None
) -> int:
    """Sends what is due in the outbox, a batch per transaction; returns how many were sent.

    The rows of a batch stay locked while they are sent, so on PostgreSQL other workers
    skip them instead of sending them twice.
    """
    sent = 0
    while True:
        with db.transaction() as session:
            query = (
                select(OutboxMessage, Workspace)
                .join(Workspace, Workspace.id == OutboxMessage.workspace_id)
                .where(
                    OutboxMessage.state == OutboxState.PENDING,
                    OutboxMessage.next_attempt_at <= clock.now(),
                )
                .order_by(OutboxMessage.id)
                .limit(BATCH)
                .with_for_update(skip_locked=True, of=OutboxMessage)
            )
            if workspace_id is not None:
                query = query.where(OutboxMessage.workspace_id == workspace_id)
            rows = session.execute(query).all()
            for item, workspace in rows:
                platform = platforms.for_workspace(workspace.platform, workspace.team_id)
                sent += _send(session, item, workspace, platform, clock)
        if len(rows) < BATCH:
            return sent


def _send(
    session: Session, item: OutboxMessage, workspace: Workspace, platform: Platform, clock: Clock
) -> int:
    """Sends one row; 1 when it went out, 0 when it failed (and will be retried or given up)."""
    item.attempts += 1
    try:
        if item.kind == OutboxKind.HOME:
            page = home_page(session, workspace.id, item.target, clock.now())
            if page is not None:
                platform.publish_home(item.target, page)
        else:
            message = Message.model_validate(item.message)
            if item.kind == OutboxKind.UPDATE:
                platform.update(item.target, message)
            elif item.kind == OutboxKind.DIRECT:
                platform.direct(item.target, message)
            else:
                platform.post(item.target, message)
    except PlatformError as error:
        _failed(item, str(error), clock, retry=error.retryable)
        return 0
    except Exception as error:  # a broken connection, a timeout: try again later
        log.warning("outbox %s: %s", item.id, error)
        _failed(item, repr(error), clock, retry=True)
        return 0
    item.state = OutboxState.SENT
    item.sent_at = clock.now()
    return 1


def _failed(item: OutboxMessage, error: str, clock: Clock, *, retry: bool) -> None:
    item.last_error = error[:1000]
    if retry and item.attempts < MAX_ATTEMPTS:
        item.next_attempt_at = clock.now() + backoff(item.attempts)
    else:
        item.state = OutboxState.FAILED
        log.warning("outbox %s given up: %s", item.id, error)
