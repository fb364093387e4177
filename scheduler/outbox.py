"""Delivers the outbox: claim due rows, commit, draw each for its reader, send, record.

Nothing waits on a platform inside a transaction: a slow or failing platform never holds a
database lock that a person's command needs. Failures are rescheduled here, with backoff or
after the wait a rate limit asked for, never slept inside a call.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session, make_transient_to_detached

from bot.commands.drawing import UNDELIVERED, Drawing
from bot.core import outbox
from bot.core.clock import Clock
from bot.core.message import Message
from bot.core.outbox import Draft, Fallback, OutboxKind
from bot.core.platform import Image, Platform, PlatformError, Platforms
from bot.core.reader import Reader, channel_reader, person_reader, workspace_reader
from bot.core.scope import Scope
from bot.views.charts import chart_images
from scheduler import metrics
from storage.db import Database
from storage.models import ChannelMessage, Workspace
from storage.outbox_queue import (
    GIVEN_BACK,
    PERSON_PREFIX,
    REMEMBERED,
    SENT,
    SENT_AND_REMEMBERED,
    ClaimedRow,
    claim_rows,
    given_back_params,
    mark_failed,
    mark_retry,
    posted_params,
    sent_params,
)

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
BATCH = 100
LEASE = timedelta(seconds=60)
"""How long a claimed row is a sender's: longer than any send takes (a platform call gives up
after about 30 s, connection retries included), short enough that a crashed sender's messages
go out soon after."""
GONE = frozenset({"message_not_found", "not_found", "cant_update_message"})
"""An update that can never succeed: the message was deleted."""


def backoff(attempts: int) -> timedelta:
    """10 s after the first failure, then doubling: 20 s, 40 s … at most one hour."""
    return timedelta(seconds=min(10 * 2 ** max(attempts - 1, 0), 3600))


@dataclass(frozen=True, slots=True)
class Drawn:
    row: ClaimedRow
    message: Message | None


def deliver_outbox(db: Database, platforms: Platforms, clock: Clock, drawing: Drawing) -> int:
    """Sends everything due in the outbox; returns how many messages went out."""
    sent = 0
    while True:
        # The claim commits before anything is sent, and drawing only reads: on PostgreSQL
        # each of their statements commits on its own (no BEGIN, no COMMIT to wait for);
        # elsewhere they share one short transaction.
        db.outbox_queued.clear()  # set again by whatever is queued during this round
        claimed: list[ClaimedRow] = []
        try:
            with db.autocommitted(bookkeeping=True) as session:
                claim = claim_rows(
                    session, clock.now(), lease=LEASE, limit=BATCH, platforms=platforms.names
                )
                claimed = claim.rows
                drawn = _draw(session, platforms, clock, drawing, claimed)
        except Exception:
            _give_back(db, claimed)
            raise
        for item in drawn:
            sent += _send(db, platforms, clock, item)
        # Another round only when rows may wait: a full batch, rows of the same order key
        # behind those sent, or rows queued meanwhile (a fallback for a failed post).
        if not claim.more and not db.outbox_queued.is_set():
            return sent


def _give_back(db: Database, claimed: list[ClaimedRow]) -> None:
    """Rows claimed by a pass that failed before sending them (the database broke off while
    drawing): on PostgreSQL their claim committed on its own, so they are given back at once
    rather than when their lease runs out; elsewhere the claim was rolled back with the rest."""
    if not claimed:
        return
    try:
        db.execute_alone(
            GIVEN_BACK, given_back_params([row.id for row in claimed]), bookkeeping=True
        )
    except Exception:  # the database is still away: the lease gives them back in the end
        log.warning("outbox: %d claimed rows could not be given back", len(claimed))


def _draw(
    session: Session,
    platforms: Platforms,
    clock: Clock,
    drawing: Drawing,
    rows: list[ClaimedRow],
) -> list[Drawn]:
    """Draws every claimed row for its reader."""
    drafts = [Draft.model_validate(row.draft) for row in rows]
    workspaces = _workspaces(session, rows)
    drawing.preload(session, drafts)
    drawn: list[Drawn] = []
    now = clock.now()
    for row, draft in zip(rows, drafts, strict=True):
        workspace = workspaces.get(row.workspace_id)
        if workspace is None:
            drawn.append(Drawn(row, None))
            continue
        platform = platforms.for_workspace(row.platform, row.team_id)
        scope = Scope(session, workspace, now, platform)
        try:
            message = drawing.draw(scope, reader_of(row, workspace), draft)
        except Exception:  # a broken draft must not hold up the rest of the queue
            log.exception("outbox %s could not be drawn", row.id)
            message = None
        drawn.append(Drawn(row, message))
    return drawn


def _workspaces(session: Session, rows: list[ClaimedRow]) -> dict[int, Workspace]:
    """The workspaces of a batch, as the claim read them, in the session as if loaded."""
    workspaces: dict[int, Workspace] = {}
    for row in rows:
        if row.workspace_id not in workspaces and row.workspace["id"] is not None:
            workspace = Workspace(**row.workspace)
            make_transient_to_detached(workspace)
            session.add(workspace)
            workspaces[row.workspace_id] = workspace
    return workspaces


def reader_of(row: ClaimedRow, workspace: Workspace) -> Reader:
    """Whom a row is for: a channel's or a person's time zone and language, as the claim
    read them (a person Baton does not know reads as their workspace does)."""
    if row.audience.startswith(PERSON_PREFIX):
        if row.audience_chose is None:
            return workspace_reader(workspace)
        return person_reader(row.audience_chose, workspace)
    return channel_reader(row.audience_chose, workspace)


def _send(db: Database, platforms: Platforms, clock: Clock, drawn: Drawn) -> int:
    """Sends one drawn row and records the result; 1 when a message went out."""
    row, message = drawn.row, drawn.message
    if message is None:  # nothing left to show (the task is gone): done without a word
        db.execute_alone(SENT, sent_params(row.id, clock.now()), bookkeeping=True)
        return 0
    platform = platforms.for_workspace(row.platform, row.team_id)
    try:
        ref = _call(platform, row, message)
    except PlatformError as error:
        _failed(db, platform, clock, row, error, retryable=error.retryable, wait=error.retry_after)
        return 0
    except Exception as error:  # a broken connection, a timeout: try again later
        log.warning("outbox %s: %r", row.id, error)
        _failed(db, platform, clock, row, error, retryable=True, wait=None)
        return 0
    if ref and row.kind == OutboxKind.POST and row.shows and row.shows_id is not None:
        _record_post(db, row, ref, clock.now())
    else:
        db.execute_alone(SENT, sent_params(row.id, clock.now()), bookkeeping=True)
    metrics.OUTBOX_SENT.inc()
    return 1


def _call(platform: Platform, row: ClaimedRow, message: Message) -> str | None:
    """The platform call for the row's kind; the new message's reference for a post."""
    kind = row.kind
    if kind == OutboxKind.POST:
        return _post(platform, row, message, chart_images(message))
    if kind == OutboxKind.UPDATE:
        platform.update(row.target, message)
    elif kind == OutboxKind.DIRECT:
        platform.direct(row.target, message, images=chart_images(message))
    elif kind == OutboxKind.EPHEMERAL:
        platform.ephemeral(row.target, row.audience.partition(":")[2], message)
    elif kind == OutboxKind.RESPOND:
        platform.respond(row.fallback_url, message, replace=False)
    elif kind == OutboxKind.HOME:
        platform.publish_home(row.target, message)
    else:
        raise PlatformError("unknown_kind", kind)
    return None


def delivery_name(row: ClaimedRow) -> str:
    """What a post is marked with on the platform, to be found again by a later attempt."""
    return f"outbox:{row.id}"


def _post(platform: Platform, row: ClaimedRow, message: Message, images: tuple[Image, ...]) -> str:
    """Posts the row's message once: an earlier attempt whose answer was lost (a timeout, a
    dropped connection, a sender that died) may have posted it already; then that message is
    redrawn with what is true now, its images attached if they did not go with it, and
    remembered, instead of a second one posted."""
    delivery = delivery_name(row)
    if row.attempts > 1 and (earlier := _find_delivered(platform, row.target, delivery)):
        log.info("outbox %s was posted by an earlier attempt as %s", row.id, earlier)
        platform.update(earlier, message, images=images)
        return earlier
    return platform.post(row.target, message, delivery=delivery, images=images)


def _find_delivered(platform: Platform, channel_id: str, delivery: str) -> str | None:
    """The earlier post of `delivery`; None when there is none, or the platform cannot look
    (say, a missing scope): then posting again is the lesser harm than not posting at all."""
    try:
        return platform.find_delivered(channel_id, delivery)
    except PlatformError as error:
        if error.retryable:
            raise  # ask again later, as for the post itself
        log.warning("looking for an earlier post in %s failed: %s", channel_id, error)
        return None


def _record_post(db: Database, row: ClaimedRow, ref: str, now: datetime) -> None:
    """Records a post as sent and remembers it, to be redrawn in place on every later change
    of what it shows: on PostgreSQL in one statement, elsewhere in one short transaction."""
    remembered = {
        "workspace_id": row.workspace_id,
        "shows": row.shows,
        "shows_id": row.shows_id,
        "message_ref": ref,
        "channel_id": row.target,
    }
    if db.engine.dialect.name == "postgresql":
        db.execute_alone(
            SENT_AND_REMEMBERED, posted_params(row.id, now, remembered), bookkeeping=True
        )
        return
    db.execute_together(
        (SENT, sent_params(row.id, now)),
        (REMEMBERED[db.engine.dialect.name], remembered | {"created_at": now}),
    )


def _failed(
    db: Database,
    platform: Platform,
    clock: Clock,
    row: ClaimedRow,
    error: Exception,
    *,
    retryable: bool,
    wait: float | None,
) -> None:
    now = clock.now()
    reason = str(error) if isinstance(error, PlatformError) else repr(error)
    with db.transaction() as session:
        # A response URL is good for a few uses and minutes: past a failure, the next place
        # that can show the message is tried at once instead.
        if retryable and row.attempts < MAX_ATTEMPTS and row.kind != OutboxKind.RESPOND:
            # A rate limit says how long to wait; anything else waits longer each time.
            delay = timedelta(seconds=wait) if wait is not None else backoff(row.attempts)
            mark_retry(session, row.id, reason, now + delay)
            metrics.OUTBOX_RETRIED.inc()
            return
        metrics.OUTBOX_FAILED.inc()
        log.warning("outbox %s given up after %s attempts: %s", row.id, row.attempts, reason)
        mark_failed(session, row.id, reason)
        code = error.code if isinstance(error, PlatformError) else ""
        if row.kind == OutboxKind.UPDATE and code in GONE:
            session.query(ChannelMessage).filter(
                ChannelMessage.workspace_id == row.workspace_id,
                ChannelMessage.message_ref == row.target,
            ).delete()
        _fall_back(session, platform, row, now)


def _fall_back(session: Session, platform: Platform, row: ClaimedRow, now: datetime) -> None:
    """A post that cannot reach its channel is shown to the person who asked, where Baton
    can: through their response URL or in that channel to them alone, and failing that, as a
    direct message."""
    if not row.fallback_user:
        return
    workspace = session.get(Workspace, row.workspace_id)
    if workspace is None:
        return
    scope = Scope(session, workspace, now, platform)
    if row.kind == OutboxKind.POST:
        draft = Draft(
            view=UNDELIVERED,
            facts={"draft": row.draft, "why": "post.undelivered", "channel": row.target},
        )
        fallback = Fallback(row.fallback_user, row.fallback_url or None)
        outbox.privately(scope, row.target, fallback, draft)
    elif row.kind == OutboxKind.RESPOND:
        outbox.privately(
            scope, row.target, Fallback(row.fallback_user), Draft.model_validate(row.draft)
        )
    elif row.kind == OutboxKind.EPHEMERAL:
        outbox.direct(scope, row.fallback_user, Draft.model_validate(row.draft))
