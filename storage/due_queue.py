"""The due queue: scheduled work lives in the database, and workers claim it row by row.

On PostgreSQL several workers claim with `FOR UPDATE SKIP LOCKED`, so no job runs twice;
SQLite serves one process and ignores the lock clause.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import JobState, ScheduledJob, Workspace

PENDING_ONLY = text("state = 'pending'")
"""The condition of the dedupe key's partial unique index."""


def schedule_job(
    session: Session,
    workspace_id: int,
    kind: str,
    due_at: datetime,
    payload: dict[str, Any],
    *,
    tz: str = "UTC",
    recurrence: str | None = None,
    dedupe_key: str | None = None,
) -> ScheduledJob:
    """Queues a job. With a `dedupe_key`, a pending job of that key is moved to the new time
    and payload instead, so the same work is never queued twice."""
    values = {
        "workspace_id": workspace_id,
        "kind": kind,
        "payload": payload,
        "due_at": due_at,
        "tz": tz,
        "recurrence": recurrence,
        "state": JobState.PENDING,
        "created_at": due_at,
    }
    if dedupe_key is None:
        job = ScheduledJob(**values, attempts=0, last_error="")
        session.add(job)
        return job
    existing = pending_job(session, workspace_id, dedupe_key)
    if existing is None:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = (
            insert(ScheduledJob)
            .values(**values, dedupe_key=dedupe_key, attempts=0, last_error="")
            .on_conflict_do_nothing(
                index_elements=["workspace_id", "dedupe_key"], index_where=PENDING_ONLY
            )
        )
        session.execute(statement)
        existing = pending_job(session, workspace_id, dedupe_key)
        assert existing is not None  # inserted now, or by a racing transaction that committed
        return existing
    existing.kind = kind
    existing.payload = payload
    existing.due_at = due_at
    existing.tz = tz
    existing.recurrence = recurrence
    existing.attempts = 0
    return existing


def pending_job(session: Session, workspace_id: int, dedupe_key: str) -> ScheduledJob | None:
    """The pending job of `dedupe_key`, locked until the transaction ends."""
    query = (
        select(ScheduledJob)
        .where(
            ScheduledJob.workspace_id == workspace_id,
            ScheduledJob.dedupe_key == dedupe_key,
            ScheduledJob.state == JobState.PENDING,
        )
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    return session.scalars(query).one_or_none()


def cancel_jobs(
    session: Session, workspace_id: int, dedupe_keys: Collection[str], now: datetime
) -> int:
    """Cancels the pending jobs of these keys; returns how many there were."""
    if not dedupe_keys:
        return 0
    params = {"of_workspace": workspace_id, "keys": list(dedupe_keys), "now": now}
    result = session.execute(CANCEL, params)
    return int(getattr(result, "rowcount", 0) or 0)


# Built once: every change of a task's due date or state asks, and a statement costs more
# to build than to run.
CANCEL = (
    update(ScheduledJob)
    .where(
        ScheduledJob.workspace_id == bindparam("of_workspace"),
        ScheduledJob.dedupe_key.in_(bindparam("keys", expanding=True)),
        ScheduledJob.state == JobState.PENDING,
    )
    .values(state=JobState.CANCELLED, finished_at=bindparam("now"))
    .execution_options(synchronize_session=False)
)


def claim_due_jobs(
    session: Session, now: datetime, platforms: Collection[str], limit: int
) -> list[ScheduledJob]:
    """Locks and returns up to `limit` pending jobs due by `now`, oldest first, of workspaces
    on one of `platforms` (those this process can talk to), skipping rows others hold."""
    query = (
        select(ScheduledJob)
        .join(Workspace, Workspace.id == ScheduledJob.workspace_id)
        .where(
            ScheduledJob.state == JobState.PENDING,
            ScheduledJob.due_at <= now,
            Workspace.platform.in_(list(platforms)),
        )
        .order_by(ScheduledJob.due_at, ScheduledJob.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=ScheduledJob)
    )
    return list(session.scalars(query))


def claim_due_job(
    session: Session, now: datetime, platforms: Collection[str]
) -> ScheduledJob | None:
    """The oldest due job, locked (see `claim_due_jobs`)."""
    jobs = claim_due_jobs(session, now, platforms, 1)
    return jobs[0] if jobs else None


def next_due_at(session: Session) -> datetime | None:
    """When the earliest pending job falls due."""
    query = (
        select(ScheduledJob.due_at)
        .where(ScheduledJob.state == JobState.PENDING)
        .order_by(ScheduledJob.due_at)
        .limit(1)
    )
    return session.scalar(query)


def due_count(session: Session, now: datetime) -> int:
    """How many pending jobs are due by `now`: the queue's depth."""
    query = select(func.count()).where(
        ScheduledJob.state == JobState.PENDING, ScheduledJob.due_at <= now
    )
    return int(session.scalar(query) or 0)
