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

from sqlalchemy import (
    BindParameter,
    Connection,
    Integer,
    bindparam,
    case,
    delete,
    exists,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.dml import ReturningInsert, ReturningUpdate

from storage.kept_replies import FORGET, forget_params
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
    channel_key: str
    person_key: str


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


def record_params(entry: NewEntry, now: datetime) -> dict[str, Any]:
    """The parameters of `RECORD` for `entry`."""
    params: dict[str, Any] = {f"new_{name}": getattr(entry, name) for name in NEW_FIELDS}
    params["now"] = now
    return params


def _claim_statement(
    *, urgent_only: bool
) -> ReturningUpdate[int, str, bool, int, InboxState, str, str]:
    """Claims the first row that may run now in one statement (`claim_params`), urgent ones
    first, then the oldest; a row claimed `max_attempts` times already is given up instead
    (returned FAILED)."""
    # The candidate is an alias: the subquery must not correlate with the row updated.
    candidate = aliased(InboxEntry)
    same_channel = aliased(InboxEntry)
    same_person = aliased(InboxEntry)
    # Two NOT EXISTS rather than one with an OR: each is a probe of its own index
    # (ix_inbox_channel_order, ix_inbox_person_order), where the OR read every earlier row.
    channel_waits = exists().where(
        same_channel.channel_key == candidate.channel_key,
        same_channel.state == InboxState.PENDING,
        same_channel.id < candidate.id,
    )
    person_waits = exists().where(
        same_person.person_key == candidate.person_key,
        same_person.state == InboxState.PENDING,
        same_person.id < candidate.id,
    )
    now = bindparam("now", type_=InboxEntry.finished_at.type)
    conditions = [
        candidate.state == InboxState.PENDING,
        or_(candidate.claimed_until.is_(None), candidate.claimed_until < now),
        candidate.platform.in_(bindparam("platforms", expanding=True)),
        ~channel_waits,
        ~person_waits,
    ]
    if urgent_only:
        conditions.append(candidate.urgent.is_(True))
    first = (
        select(candidate.id)
        .where(*conditions)
        .order_by(candidate.urgent.desc(), candidate.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    spent = InboxEntry.attempts >= bindparam("max_attempts", type_=Integer)
    failed = literal(InboxState.FAILED, InboxEntry.state.type)
    until = bindparam("until", type_=InboxEntry.claimed_until.type)
    return (
        update(InboxEntry)
        .where(InboxEntry.id == first)
        .values(
            state=case((spent, failed), else_=InboxEntry.state),
            attempts=case((spent, InboxEntry.attempts), else_=InboxEntry.attempts + 1),
            claimed_until=case((spent, None), else_=until),
            finished_at=case((spent, now), else_=InboxEntry.finished_at),
        )
        .returning(
            InboxEntry.id,
            InboxEntry.invocation,
            InboxEntry.urgent,
            InboxEntry.attempts,
            InboxEntry.state,
            InboxEntry.channel_key,
            InboxEntry.person_key,
        )
    )


CLAIM = {False: _claim_statement(urgent_only=False), True: _claim_statement(urgent_only=True)}
"""By `urgent_only`; built once, as every command is claimed (and most lanes look again
after each, finding nothing)."""


def claim_next(
    where: Session | Connection,
    now: datetime,
    *,
    lease: timedelta,
    platforms: Collection[str],
    urgent_only: bool = False,
    max_attempts: int,
) -> ClaimedEntry | None:
    """Claims the first row that may run now: urgent ones first, then the oldest.

    A row claimed `max_attempts` times already (its runs kept failing, or kept killing their
    process) is given up, so it no longer holds back its channel. Each statement stands alone
    (in autocommit, on a connection of `Database.alone`): the claim is committed with it.
    """
    params = {
        "now": now,
        "until": now + lease,
        "platforms": list(platforms),
        "max_attempts": max_attempts,
    }
    while True:
        row = where.execute(CLAIM[urgent_only], params).first()
        if row is None:
            return None
        if row.state == InboxState.FAILED:
            continue
        return ClaimedEntry(
            row.id, row.invocation, row.urgent, row.attempts, row.channel_key, row.person_key
        )


FINISH = (
    update(InboxEntry)
    .where(InboxEntry.id == bindparam("row_id"), InboxEntry.state == InboxState.PENDING)
    .values(
        state=InboxState.DONE,
        claimed_until=None,
        finished_at=bindparam("now", type_=InboxEntry.finished_at.type),
    )
)
FINISH_FORGETTING = FORGET.add_cte(FINISH.cte("finished"))
"""PostgreSQL: `FINISH` and `FORGET` in one statement (a WITH that updates), so that in
autocommit a row is done in one round trip, both or neither."""


def finish(
    where: Session | Connection,
    row_id: int,
    now: datetime,
    *,
    kept_reply: tuple[str, str] | None = None,
) -> None:
    """Marks a row done, and forgets the reply kept for its delivery (`kept_reply`: platform
    and key) with it."""
    params: dict[str, Any] = {"row_id": row_id, "now": now}
    if kept_reply is None:
        where.execute(FINISH, params)
        return
    params |= forget_params(*kept_reply)
    bind = where.get_bind() if isinstance(where, Session) else where
    if bind.dialect.name == "postgresql":
        where.execute(FINISH_FORGETTING, params)
    else:
        where.execute(FINISH, params)
        where.execute(FORGET, params)


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
