"""Nightly clean-up: forgets what no retry or reader will ask for again."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Delete, delete

from bot.core.clock import Clock
from storage.db import Database
from storage.inbox_queue import prune_finished
from storage.models import (
    JobState,
    OutboxMessage,
    OutboxState,
    ProcessedDelivery,
    ScheduledJob,
    WorkerBeat,
)
from storage.oauth_states import prune_oauth_states

DELIVERY_KEYS_KEPT = timedelta(days=2)
HISTORY_KEPT = timedelta(days=30)
"""Finished jobs and sent or failed messages stay this long, for anyone looking into why."""
BEATS_KEPT = timedelta(days=1)


def _deleted(db: Database, statement: Delete) -> int:
    with db.transaction() as session:
        result = session.execute(statement)
        return int(getattr(result, "rowcount", 0) or 0)


def prune_delivery_keys(db: Database, clock: Clock) -> int:
    """Forgets delivery keys older than any platform retries (Slack retries within minutes)."""
    cutoff = clock.now() - DELIVERY_KEYS_KEPT
    return _deleted(db, delete(ProcessedDelivery).where(ProcessedDelivery.created_at < cutoff))


def prune_finished_jobs(db: Database, clock: Clock) -> int:
    """Forgets jobs done, failed or cancelled over 30 days ago."""
    cutoff = clock.now() - HISTORY_KEPT
    finished = [JobState.DONE, JobState.FAILED, JobState.CANCELLED]
    return _deleted(
        db,
        delete(ScheduledJob).where(
            ScheduledJob.state.in_(finished), ScheduledJob.finished_at < cutoff
        ),
    )


def prune_outbox(db: Database, clock: Clock) -> int:
    """Forgets messages sent or given up over 30 days ago."""
    cutoff = clock.now() - HISTORY_KEPT
    return _deleted(
        db,
        delete(OutboxMessage).where(
            OutboxMessage.state.in_([OutboxState.SENT, OutboxState.FAILED]),
            OutboxMessage.created_at < cutoff,
        ),
    )


def prune_inbox(db: Database, clock: Clock) -> int:
    """Forgets finished inbox rows as old as the delivery keys forgotten with them."""
    with db.transaction() as session:
        return prune_finished(session, clock.now() - DELIVERY_KEYS_KEPT)


def prune(db: Database, clock: Clock) -> None:
    prune_delivery_keys(db, clock)
    prune_inbox(db, clock)
    prune_finished_jobs(db, clock)
    prune_outbox(db, clock)
    _deleted(db, delete(WorkerBeat).where(WorkerBeat.ticked_at < clock.now() - BEATS_KEPT))
    prune_oauth_states(db)  # stamped by slack_sdk with the wall clock, so compared with it
