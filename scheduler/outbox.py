"""Delivers outbox rows through the platforms, retrying with backoff when a platform fails."""

from __future__ import annotations

import logging
from datetime import timedelta

from sqlalchemy import select

from bot.commands.home import home_page
from bot.core.clock import Clock
from bot.core.message import Message
from bot.core.outbox import OutboxKind
from bot.core.platform import PlatformError, Platforms
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
    """Sends what is due in the outbox, one row per transaction; returns how many were sent.

    Each row stays locked while it is sent, so on PostgreSQL other workers skip it.
    """
    sent = 0
    for _ in range(BATCH):
        with db.transaction() as session:
            query = (
                select(OutboxMessage, Workspace)
                .join(Workspace, Workspace.id == OutboxMessage.workspace_id)
                .where(
                    OutboxMessage.state == OutboxState.PENDING,
                    OutboxMessage.next_attempt_at <= clock.now(),
                )
                .order_by(OutboxMessage.id)
                .limit(1)
                .with_for_update(skip_locked=True, of=OutboxMessage)
            )
            if workspace_id is not None:
                query = query.where(OutboxMessage.workspace_id == workspace_id)
            row = session.execute(query).first()
            if row is None:
                return sent
            item, workspace = row
            platform = platforms.for_workspace(workspace.platform, workspace.team_id)
            message = Message.model_validate(item.message)
            item.attempts += 1
            try:
                if item.kind == OutboxKind.HOME:
                    page = home_page(session, workspace.id, item.target, clock.now())
                    if page is not None:
                        platform.publish_home(item.target, page)
                elif item.kind == OutboxKind.UPDATE:
                    platform.update(item.target, message)
                elif item.kind == OutboxKind.DIRECT:
                    platform.direct(item.target, message)
                else:
                    platform.post(item.target, message)
            except PlatformError as error:
                _failed(item, str(error), clock, retry=error.retryable)
                continue
            except Exception as error:  # a broken connection, a timeout: try again later
                log.warning("outbox %s: %s", item.id, error)
                _failed(item, repr(error), clock, retry=True)
                continue
            item.state = OutboxState.SENT
            item.sent_at = clock.now()
            sent += 1
    return sent


def _failed(item: OutboxMessage, error: str, clock: Clock, *, retry: bool) -> None:
    item.last_error = error[:1000]
    if retry and item.attempts < MAX_ATTEMPTS:
        item.next_attempt_at = clock.now() + backoff(item.attempts)
    else:
        item.state = OutboxState.FAILED
        log.warning("outbox %s given up: %s", item.id, error)
