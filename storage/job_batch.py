"""Jobs queued by dedupe key, several in one statement (see `storage.due_queue`)."""

from __future__ import annotations

from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import Insert

from storage.due_queue import PENDING_ONLY
from storage.models import JobState, ScheduledJob

JOBS: Table = ScheduledJob.__table__  # type: ignore[assignment]
MOVED = ("kind", "payload", "due_at", "tz", "recurrence", "attempts")
"""What a new job of a key takes over from the pending job it replaces."""


def keyed_job(
    workspace_id: int,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
    payload: dict[str, Any],
    *,
    tz: str,
    recurrence: str | None,
) -> dict[str, Any]:
    """The row of a job to queue with `queue_keyed_jobs`."""
    return {
        "workspace_id": workspace_id,
        "kind": kind,
        "payload": payload,
        "due_at": due_at,
        "tz": tz,
        "recurrence": recurrence,
        "dedupe_key": dedupe_key,
        "state": JobState.PENDING,
        "attempts": 0,
        "last_error": "",
        "created_at": due_at,
    }


def queue_keyed_jobs(session: Session, rows: list[dict[str, Any]]) -> None:
    """Queues `rows` (from `keyed_job`) in one statement (a batch of rows); where a pending
    job of the same dedupe key waits, it is moved to the new time and payload instead, as
    `schedule_job` does one at a time."""
    if not rows:
        return
    session.execute(_upsert(session.get_bind().dialect.name), rows)


@cache
def _upsert(dialect: str) -> Insert:
    """The upsert, built once per dialect (building it took longer than running it)."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(JOBS)
    return statement.on_conflict_do_update(
        index_elements=["workspace_id", "dedupe_key"],
        index_where=PENDING_ONLY,
        set_={column: statement.excluded[column] for column in MOVED},
    )
