"""Worker heartbeats: each worker process records when it last ticked."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import WorkerBeat


def record_beat(session: Session, name: str, now: datetime) -> None:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(WorkerBeat).values(name=name[:120], ticked_at=now)
    session.execute(
        statement.on_conflict_do_update(index_elements=["name"], set_={"ticked_at": now})
    )


def last_beat(session: Session) -> datetime | None:
    """When any worker last ticked."""
    return session.scalar(select(func.max(WorkerBeat.ticked_at)))
