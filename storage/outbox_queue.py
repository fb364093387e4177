"""The outbox as a queue: senders claim rows for a while (a lease), then record what happened.

A claim is committed before anything is sent, so no transaction waits on a platform. A sender
that dies leaves its rows claimed until the lease runs out; then any sender takes them again
(at-least-once). Rows of one `order_key` go out one after the other: a row is claimed only
when no earlier row of its key is still pending, so a channel's messages keep their order
even while one of them waits for a retry. On PostgreSQL several senders claim with
`FOR UPDATE SKIP LOCKED`, so they never take the same row.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import (
    Table,
    bindparam,
    exists,
    func,
    insert,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.dml import ReturningUpdate
from sqlalchemy.sql.elements import ColumnClause

from storage.models import ChannelMessage, OutboxMessage, OutboxState, Workspace

OUTBOX_TABLE: Table = OutboxMessage.__table__  # type: ignore[assignment]
QUEUED = "outbox_rows"
"""Key of the rows a transaction queued, in its session's `info`, written at its commit."""


def queue_row(session: Session, values: dict[str, Any]) -> None:
    """Queues an outbox row (the values of its columns); every row a transaction queued is
    written in one statement when it commits (see `write_queued`)."""
    session.info.setdefault(QUEUED, []).append(values)


def queued_rows(session: Session) -> list[dict[str, Any]]:
    """The rows this transaction queued that are not written yet."""
    rows: list[dict[str, Any]] = session.info.get(QUEUED, [])
    return rows


def write_queued(session: Session) -> bool:
    """Writes the rows the transaction queued, in the order they were queued (ids follow
    it, so each order key keeps it); True when there were any."""
    rows = session.info.pop(QUEUED, None)
    if not rows:
        return False
    # The table, not the entity: the ORM's bulk insert would split rows by their None values.
    session.execute(insert(OUTBOX_TABLE), rows)
    return True


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    """A claimed outbox row, detached from its transaction."""

    id: int
    workspace_id: int
    platform: str
    team_id: str
    kind: str
    target: str
    audience: str
    draft: dict[str, Any]
    fallback_user: str
    fallback_url: str
    shows: str
    shows_id: int | None
    attempts: int


@dataclass(frozen=True, slots=True)
class Claim:
    """Rows claimed at once, and whether more may wait behind them (a full batch, or rows
    that wait for one of these to go out first): when not, the pass needs no other claim."""

    rows: list[ClaimedRow]
    more: bool


def claim_rows(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    platforms: Collection[str],
) -> Claim:
    """Claims up to `limit` due rows, the first waiting one of each order key, in one
    statement that also says which of them have later rows of their key waiting."""
    values = {"now": now, "until": now + lease, "platforms": list(platforms)}
    result = session.execute(_claim_statement(limit), values)
    rows: list[ClaimedRow] = []
    more = False
    for row in sorted(result.all(), key=lambda r: r.id):
        more = more or bool(row.followed)
        rows.append(
            ClaimedRow(
                id=row.id,
                workspace_id=row.workspace_id,
                platform=row.platform,
                team_id=row.team_id,
                kind=row.kind,
                target=row.target,
                audience=row.audience,
                draft=dict(row.draft),
                fallback_user=row.fallback_user,
                fallback_url=row.fallback_url,
                shows=row.shows,
                shows_id=row.shows_id,
                attempts=row.attempts,
            )
        )
    return Claim(rows, more or len(rows) >= limit)


@cache
def _claim_statement(limit: int) -> ReturningUpdate[Any]:
    """The claim, built once: `UPDATE … WHERE id IN (the due rows, locked, skipping those
    another sender holds) RETURNING` each row, its workspace's platform and team, and
    whether a later row of its order key waits."""
    now = bindparam("now", type_=OutboxMessage.next_attempt_at.type)
    due = aliased(OutboxMessage)
    earlier = aliased(OutboxMessage)
    waiting_before = exists().where(
        earlier.workspace_id == due.workspace_id,
        earlier.order_key == due.order_key,
        earlier.state == OutboxState.PENDING,
        earlier.id < due.id,
    )
    claimable = (
        select(due.id)
        .join(Workspace, Workspace.id == due.workspace_id)
        .where(
            due.state == OutboxState.PENDING,
            due.next_attempt_at <= now,
            or_(due.claimed_until.is_(None), due.claimed_until < now),
            Workspace.platform.in_(bindparam("platforms", expanding=True)),
            ~waiting_before,
        )
        .order_by(due.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=due)
    )
    # RETURNING names the updated row's columns unqualified; its subqueries name them in full.
    claimed: dict[str, ColumnClause[Any]] = {
        name: literal_column(f"outbox.{name}") for name in ("id", "workspace_id")
    }
    later = aliased(OutboxMessage)
    followed = exists().where(
        later.workspace_id == claimed["workspace_id"],
        later.order_key == literal_column("outbox.order_key"),
        later.state == OutboxState.PENDING,
        later.id > claimed["id"],
    )
    workspace = select(Workspace.platform).where(Workspace.id == claimed["workspace_id"])
    team = select(Workspace.team_id).where(Workspace.id == claimed["workspace_id"])
    return (
        update(OutboxMessage)
        .where(OutboxMessage.id.in_(claimable.scalar_subquery()))
        .values(
            claimed_until=bindparam("until", type_=OutboxMessage.claimed_until.type),
            attempts=OutboxMessage.attempts + 1,
        )
        .returning(
            OutboxMessage.id,
            OutboxMessage.workspace_id,
            OutboxMessage.kind,
            OutboxMessage.target,
            OutboxMessage.audience,
            OutboxMessage.draft,
            OutboxMessage.fallback_user,
            OutboxMessage.fallback_url,
            OutboxMessage.shows,
            OutboxMessage.shows_id,
            OutboxMessage.attempts,
            workspace.scalar_subquery().label("platform"),
            team.scalar_subquery().label("team_id"),
            followed.label("followed"),
        )
        .execution_options(synchronize_session=False)
    )


def _mark(session: Session, row_id: int, **values: Any) -> None:
    session.execute(
        update(OutboxMessage).where(OutboxMessage.id == row_id).values(claimed_until=None, **values)
    )


SENT = (
    update(OutboxMessage)
    .where(OutboxMessage.id == bindparam("row_id"))
    .values(claimed_until=None, state=OutboxState.SENT, sent_at=bindparam("now"))
)
"""Records a row as sent (`sent_params`); built once, as every message goes through it."""


def sent_params(row_id: int, now: datetime) -> dict[str, Any]:
    return {"row_id": row_id, "now": now}


def mark_sent(session: Session, row_id: int, now: datetime) -> None:
    session.execute(SENT, sent_params(row_id, now))


CHANNEL_MESSAGES: Table = ChannelMessage.__table__  # type: ignore[assignment]
REMEMBERED = {
    "postgresql": postgresql.insert(CHANNEL_MESSAGES).on_conflict_do_nothing(
        index_elements=["workspace_id", "message_ref"]
    ),
    "sqlite": sqlite.insert(CHANNEL_MESSAGES).on_conflict_do_nothing(
        index_elements=["workspace_id", "message_ref"]
    ),
}


def remember_post(session: Session, values: dict[str, Any]) -> None:
    """Remembers where a message showing something was posted, unless it is already (a
    retried post found again); the statement is built once per dialect."""
    session.execute(REMEMBERED[session.get_bind().dialect.name], values)


def mark_retry(session: Session, row_id: int, error: str, at: datetime) -> None:
    _mark(session, row_id, last_error=error[:1000], next_attempt_at=at)


def mark_failed(session: Session, row_id: int, error: str) -> None:
    _mark(session, row_id, state=OutboxState.FAILED, last_error=error[:1000])


def next_attempt_at(session: Session) -> datetime | None:
    """When the earliest pending row may be sent (a claimed one: when its lease runs out)."""
    unclaimed = session.scalar(
        select(OutboxMessage.next_attempt_at)
        .where(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.claimed_until.is_(None))
        .order_by(OutboxMessage.next_attempt_at)
        .limit(1)
    )
    leased = session.scalar(
        select(OutboxMessage.claimed_until)
        .where(OutboxMessage.state == OutboxState.PENDING, OutboxMessage.claimed_until.is_not(None))
        .order_by(OutboxMessage.claimed_until)
        .limit(1)
    )
    moments = [m for m in (unclaimed, leased) if m is not None]
    return min(moments) if moments else None


def pending_count(session: Session) -> int:
    """Messages waiting to be sent: the outbox's depth."""
    query = select(func.count()).where(OutboxMessage.state == OutboxState.PENDING)
    return int(session.scalar(query) or 0)
