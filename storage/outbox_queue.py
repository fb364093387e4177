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
    inspect,
    literal_column,
    or_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.sql.dml import ReturningUpdate
from sqlalchemy.sql.elements import ColumnClause, ColumnElement

from storage.models import Channel, ChannelMessage, Member, OutboxMessage, OutboxState, Workspace

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
class Chosen:
    """A time zone and a language a channel or a person chose (a person: also their
    platform profile's language); None where they chose none."""

    tz: str | None
    lang: str | None
    platform_lang: str | None = None


@dataclass(frozen=True, slots=True)
class ClaimedRow:
    """A claimed outbox row, detached from its transaction, with what its workspace and its
    audience chose, as they are when it is claimed."""

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
    workspace: dict[str, Any]
    """The columns of the row's workspace, by their attributes' names, as the claim read them."""
    audience_chose: Chosen | None
    """The channel's choice for a channel (all None when Baton never saw it: the same as
    choosing nothing), the person's for a person; None for a person Baton does not know."""


@dataclass(frozen=True, slots=True)
class Claim:
    """Rows claimed at once, and whether more may wait behind them (a full batch, or rows
    that wait for one of these to go out first): when not, the pass needs no other claim."""

    rows: list[ClaimedRow]
    more: bool


PERSON_PREFIX = "person:"
CHANNEL_PREFIX = "channel:"
"""How an audience names a person or a channel (`bot.core.outbox.person_audience`)."""


def claim_rows(
    session: Session,
    now: datetime,
    *,
    lease: timedelta,
    limit: int,
    platforms: Collection[str],
) -> Claim:
    """Claims up to `limit` due rows, the first waiting one of each order key, in one
    statement that also says which of them have later rows of their key waiting, and what
    each row's workspace and audience chose."""
    values = {"now": now, "until": now + lease, "platforms": list(platforms)}
    result = session.connection().execute(_claim_statement(limit), values)
    rows: list[ClaimedRow] = []
    more = False
    for row in sorted(result.all(), key=lambda r: r.id):
        more = more or bool(row.followed)
        if row.audience.startswith(PERSON_PREFIX):
            # A person's time zone is never None: None says Baton does not know them.
            known = row.person_tz is not None
            chose = Chosen(row.person_tz, row.person_lang, row.person_platform_lang)
            audience_chose = chose if known else None
        else:
            audience_chose = Chosen(row.channel_tz, row.channel_lang)
        mapping = row._mapping
        workspace = {key: mapping[label] for key, label in WORKSPACE_LABELS.items()}
        rows.append(
            ClaimedRow(
                id=row.id,
                workspace_id=row.workspace_id,
                platform=workspace["platform"],
                team_id=workspace["team_id"],
                kind=row.kind,
                target=row.target,
                audience=row.audience,
                draft=dict(row.draft),
                fallback_user=row.fallback_user,
                fallback_url=row.fallback_url,
                shows=row.shows,
                shows_id=row.shows_id,
                attempts=row.attempts,
                workspace=workspace,
                audience_chose=audience_chose,
            )
        )
    return Claim(rows, more or len(rows) >= limit)


WORKSPACES: Table = Workspace.__table__  # type: ignore[assignment]
MEMBERS: Table = Member.__table__  # type: ignore[assignment]
CHANNELS: Table = Channel.__table__  # type: ignore[assignment]
WORKSPACE_COLUMNS = {attr.key: attr.columns[0] for attr in inspect(Workspace).column_attrs}
WORKSPACE_LABELS = {key: f"workspaces_{column.name}" for key, column in WORKSPACE_COLUMNS.items()}
"""The claim's names of its workspace's columns, by their attributes' names."""


@cache
def _claim_statement(limit: int) -> ReturningUpdate[Any]:
    """The claim, built once: `UPDATE … WHERE id IN (the due rows, locked, skipping those
    another sender holds) RETURNING` each row, its workspace's columns, its audience's
    choices, and whether a later row of its order key waits. On the tables,
    not the entities: nothing of it goes through the session's objects."""
    outbox = OUTBOX_TABLE.c
    now = bindparam("now", type_=outbox.next_attempt_at.type)
    due = OUTBOX_TABLE.alias("due")
    earlier = OUTBOX_TABLE.alias("earlier")
    waiting_before = exists().where(
        earlier.c.workspace_id == due.c.workspace_id,
        earlier.c.order_key == due.c.order_key,
        earlier.c.state == OutboxState.PENDING,
        earlier.c.id < due.c.id,
    )
    claimable = (
        select(due.c.id)
        .join(WORKSPACES, WORKSPACES.c.id == due.c.workspace_id)
        .where(
            due.c.state == OutboxState.PENDING,
            due.c.next_attempt_at <= now,
            or_(due.c.claimed_until.is_(None), due.c.claimed_until < now),
            WORKSPACES.c.platform.in_(bindparam("platforms", expanding=True)),
            ~waiting_before,
        )
        .order_by(due.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True, of=due)
    )
    # RETURNING names the updated row's columns unqualified; its subqueries name them in full.
    claimed: dict[str, ColumnClause[Any]] = {
        name: literal_column(f"outbox.{name}") for name in ("id", "workspace_id", "audience")
    }
    later = OUTBOX_TABLE.alias("later")
    followed = exists().where(
        later.c.workspace_id == claimed["workspace_id"],
        later.c.order_key == literal_column("outbox.order_key"),
        later.c.state == OutboxState.PENDING,
        later.c.id > claimed["id"],
    )

    def of_workspace(column: ColumnElement[Any], label: str) -> Any:
        found = select(column).where(WORKSPACES.c.id == claimed["workspace_id"])
        return found.scalar_subquery().label(label)

    def of_audience(table: Table, name: str, id_name: str, prefix: str) -> Any:
        """Column `name` of the audience's row in `table`, when the audience is `prefix`
        and its id (`id_name`)."""
        found = select(table.c[name]).where(
            table.c.workspace_id == claimed["workspace_id"],
            table.c[id_name] == func.substr(claimed["audience"], len(prefix) + 1),
            func.substr(claimed["audience"], 1, len(prefix)) == prefix,
        )
        return found.scalar_subquery().label(f"{prefix.rstrip(':')}_{name}")

    workspace = [of_workspace(c, WORKSPACE_LABELS[key]) for key, c in WORKSPACE_COLUMNS.items()]
    person = [
        of_audience(MEMBERS, name, "user_id", PERSON_PREFIX)
        for name in ("tz", "lang", "platform_lang")
    ]
    channel = [of_audience(CHANNELS, name, "channel_id", CHANNEL_PREFIX) for name in ("tz", "lang")]
    return (
        update(OUTBOX_TABLE)
        .where(outbox.id.in_(claimable.scalar_subquery()))
        .values(
            claimed_until=bindparam("until", type_=outbox.claimed_until.type),
            attempts=outbox.attempts + 1,
        )
        .returning(
            outbox.id,
            outbox.workspace_id,
            outbox.kind,
            outbox.target,
            outbox.audience,
            outbox.draft,
            outbox.fallback_user,
            outbox.fallback_url,
            outbox.shows,
            outbox.shows_id,
            outbox.attempts,
            *workspace,
            *person,
            *channel,
            followed.label("followed"),
        )
    )


def _mark(session: Session, row_id: int, **values: Any) -> None:
    marked = update(OUTBOX_TABLE).where(OUTBOX_TABLE.c.id == row_id)
    session.connection().execute(marked.values(claimed_until=None, **values))


OUTBOX = OUTBOX_TABLE.c
SENT = (
    update(OUTBOX_TABLE)
    .where(OUTBOX.id == bindparam("row_id"))
    .values(
        claimed_until=None,
        state=OutboxState.SENT,
        sent_at=bindparam("now", type_=OUTBOX.sent_at.type),
    )
)
"""Records a row as sent (`sent_params`); built once, as every message goes through it."""


def sent_params(row_id: int, now: datetime) -> dict[str, Any]:
    return {"row_id": row_id, "now": now}


GIVEN_BACK = (
    update(OUTBOX_TABLE)
    .where(OUTBOX.id.in_(bindparam("row_ids", expanding=True)))
    .where(OUTBOX.state == OutboxState.PENDING)
    .values(claimed_until=None)
)
"""Gives claimed rows back at once (`given_back_params`), for the next pass to take without
waiting for their lease to run out."""


def given_back_params(row_ids: list[int]) -> dict[str, Any]:
    return {"row_ids": row_ids}


CHANNEL_MESSAGES: Table = ChannelMessage.__table__  # type: ignore[assignment]
REMEMBERED = {
    "postgresql": postgresql.insert(CHANNEL_MESSAGES).on_conflict_do_nothing(
        index_elements=["workspace_id", "message_ref"]
    ),
    "sqlite": sqlite.insert(CHANNEL_MESSAGES).on_conflict_do_nothing(
        index_elements=["workspace_id", "message_ref"]
    ),
}
"""Remembers where a message showing something was posted, unless it is already (a retried
post found again); built once per dialect."""


def _sent_and_remembered() -> Executable:
    """PostgreSQL: a post recorded as sent and remembered in one statement (`WITH sent AS
    (UPDATE outbox …) INSERT INTO channel_messages … SELECT … FROM sent`)."""
    sent = SENT.returning(OUTBOX.id).cte("sent")
    columns = ("workspace_id", "shows", "shows_id", "message_ref", "channel_id")
    # Named apart from the outbox's columns, which an UPDATE's parameters would set.
    values = [bindparam(f"post_{name}", type_=CHANNEL_MESSAGES.c[name].type) for name in columns]
    created_at = bindparam("now", type_=CHANNEL_MESSAGES.c.created_at.type)
    remembered = select(*values, created_at).select_from(sent)
    return (
        postgresql.insert(CHANNEL_MESSAGES)
        .from_select([*columns, "created_at"], remembered)
        .on_conflict_do_nothing(index_elements=["workspace_id", "message_ref"])
    )


SENT_AND_REMEMBERED = _sent_and_remembered()


def posted_params(row_id: int, now: datetime, remembered: dict[str, Any]) -> dict[str, Any]:
    """The parameters of `SENT_AND_REMEMBERED`: the row, and where its post is remembered
    (the columns of `channel_messages` but `created_at`, which is `now`)."""
    return sent_params(row_id, now) | {f"post_{name}": v for name, v in remembered.items()}


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
