"""The due queue: scheduled work lives in the database, and workers claim it row by row.

On PostgreSQL several workers claim with `FOR UPDATE SKIP LOCKED`, so no job runs twice;
SQLite serves one process and ignores the lock clause.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import JobState, ScheduledJob, Workspace


def schedule_job(
    session: Session, workspace_id: int, kind: str, due_at: datetime, payload: dict[str, Any]
) -> ScheduledJob:
    job = ScheduledJob(
        workspace_id=workspace_id,
        kind=kind,
        payload=payload,
        due_at=due_at,
        state=JobState.PENDING,
        created_at=due_at,
    )
    session.add(job)
    return job


def claim_due_job(
    session: Session, now: datetime, platforms: Collection[str]
) -> ScheduledJob | None:
    """Locks and returns the oldest pending job due by `now` of a workspace on one of
    `platforms` (those this process can talk to), skipping rows others hold."""
    query = (
        select(ScheduledJob)
        .join(Workspace, Workspace.id == ScheduledJob.workspace_id)
        .where(
            ScheduledJob.state == JobState.PENDING,
            ScheduledJob.due_at <= now,
            Workspace.platform.in_(list(platforms)),
        )
        .order_by(ScheduledJob.due_at, ScheduledJob.id)
        .limit(1)
        .with_for_update(skip_locked=True, of=ScheduledJob)
    )
    return session.scalars(query).first()


def next_due_at(session: Session) -> datetime | None:
    """When the earliest pending job falls due."""
    query = (
        select(ScheduledJob.due_at)
        .where(ScheduledJob.state == JobState.PENDING)
        .order_by(ScheduledJob.due_at)
        .limit(1)
    )
    return session.scalar(query)
