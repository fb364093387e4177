"""The inbox as a queue: requests are written before their ack, then claimed and run.

A claim is committed before the request runs, and lasts until `claimed_until` (a lease its
process keeps renewing while it runs). A process that dies stops renewing, so its rows are
claimed again once the lease has passed. Rows that share a channel key or a person key run
one after the other: a row is claimed only when no earlier row of either key is unfinished,
so a channel's commands take effect in the order they arrived, whichever process runs them.
On PostgreSQL several processes claim with `FOR UPDATE SKIP LOCKED` and never take the same
row; on SQLite the claim's transaction holds the write lock.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import BindParameter, Select, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import InboxEntry, InboxState


@dataclass(frozen=True, slots=True)
class NewEntry:
    """What is written for one acknowledged request."""

    platform: str
    team_id: str
    delivery_key: str | None
    channel_key: str
    person_key: str
    invocation: str
    urgent: bool


@dataclass(frozen=True, slots=True)
class ClaimedEntry:
    """A claimed row, detached from its transaction."""

    id: int
    invocation: str
    urgent: bool
    attempts: int


def record(session: Session, entry: NewEntry, now: datetime) -> int | None:
    """Writes `entry`; None when a row with its delivery key was written before (a retry)."""
    statement = RECORD[session.get_bind().dialect.name]
    row_id: int | None = session.execute(statement, record_params(entry, now)).scalar_one_or_none()
    return row_id


def _record_statement(dialect: str) -> ReturningInsert[Any]:
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    new: dict[str, BindParameter[Any]] = {name: bindparam(f"new_{name}") for name in NEW_FIELDS}
    return (
        insert(InboxEntry)
        .values(**new, state=InboxState.PENDING, attempts=0, created_at=bindparam("now"))
        .on_conflict_do_nothing(index_elements=["platform", "delivery_key"])
        .returning(InboxEntry.id)
    )


NEW_FIELDS = tuple(field.name for field in fields(NewEntry))
RECORD: dict[str, ReturningInsert[Any]] = {
    "postgresql": _record_statement("postgresql"),
    "sqlite": _record_statement("sqlite"),
}
"""By dialect, the one statement that writes an entry (`record_params`) and returns its id
(none for a retry); alone, so that on PostgreSQL the request waits for one round trip in
autocommit. Built once: every acknowledged request goes through it."""


def record_notifying(channel: str) -> Select[Any]:
    """`RECORD` on PostgreSQL that also notifies `channel` when it wrote a row (at its commit,
    in the same round trip): for the workers that run what a web process writes. Build it once."""
    written = RECORD["postgresql"].cte("written")
    return select(written.c.id, func.pg_notify(channel, "")).select_from(written)


def record_params(entry: NewEntry, now: datetime) -> dict[str, Any]:
    """The parameters of `RECORD` (and `record_notifying`) for `entry`."""
    params: dict[str, Any] = {f"new_{name}": getattr(entry, name) for name in NEW_FIELDS}
    params["now"] = now
    return params


def claim_next(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    platforms: Collection[str],
    urgent_only: bool = False,
    max_attempts: int,
) -> ClaimedEntry | None:
    """Claims the first row that may run now: urgent ones first, then the oldest.

    A row claimed `max_attempts` times already (its runs kept failing, or kept killing their
    process) is given up, so it no longer holds back its channel.
    """
    # Two NOT EXISTS rather than one with an OR: each is a probe of its own index
    # (ix_inbox_channel_order, ix_inbox_person_order), where the OR read every earlier row.
    same_channel = aliased(InboxEntry)
    same_person = aliased(InboxEntry)
    channel_waits = exists().where(
        same_channel.channel_key == InboxEntry.channel_key,
        same_channel.state == InboxState.PENDING,
        same_channel.id < InboxEntry.id,
    )
    person_waits = exists().where(
        same_person.person_key == InboxEntry.person_key,
        same_person.state == InboxState.PENDING,
        same_person.id < InboxEntry.id,
    )
    conditions = [
        InboxEntry.state == InboxState.PENDING,
        or_(InboxEntry.claimed_until.is_(None), InboxEntry.claimed_until < now),
        InboxEntry.platform.in_(list(platforms)),
        ~channel_waits,
        ~person_waits,
    ]
    if urgent_only:
        conditions.append(InboxEntry.urgent.is_(True))
    query = (
        select(InboxEntry)
        .where(*conditions)
        .order_by(InboxEntry.urgent.desc(), InboxEntry.id)
        .limit(1)
        .with_for_update(skip_locked=True)
    )
    while True:
        row = session.scalars(query).first()
        if row is None:
            return None
        if row.attempts >= max_attempts:
            row.state = InboxState.FAILED
            row.claimed_until = None
            row.finished_at = now
            session.flush()
            continue
        row.attempts += 1
        row.claimed_until = now + lease
        return ClaimedEntry(row.id, row.invocation, row.urgent, row.attempts)


def finish(session: Session, row_id: int, now: datetime) -> None:
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.id == row_id, InboxEntry.state == InboxState.PENDING)
        .values(state=InboxState.DONE, claimed_until=None, finished_at=now)
    )


def give_up(session: Session, row_id: int, now: datetime) -> None:
    """A row that can never run (it cannot even be read): finished, without running."""
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.id == row_id, InboxEntry.state == InboxState.PENDING)
        .values(state=InboxState.FAILED, claimed_until=None, finished_at=now)
    )


def renew(session: Session, row_ids: Collection[int], until: datetime) -> None:
    """Extends the claims of rows still running."""
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.id.in_(list(row_ids)), InboxEntry.state == InboxState.PENDING)
        .values(claimed_until=until)
    )


def release(session: Session, row_ids: Collection[int]) -> None:
    """Gives claimed rows back at once, for any process to take (a process shutting down)."""
    session.execute(
        update(InboxEntry)
        .where(InboxEntry.id.in_(list(row_ids)), InboxEntry.state == InboxState.PENDING)
        .values(claimed_until=None)
    )


def prune_finished(session: Session, before: datetime) -> int:
    """Forgets finished rows written before `before` (no platform retries that late)."""
    result = session.execute(
        delete(InboxEntry).where(
            InboxEntry.state != InboxState.PENDING, InboxEntry.created_at < before
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
