"""Queues what is to be told to whom, in the caller's transaction; the outbox delivers it.

A row keeps a `Draft` (what to say: a view's name and its facts), not words: the message is
drawn when it is delivered, for its audience, so a channel's card looks the same whoever
acted, and a direct message speaks its recipient's language in their time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from bot.core.scope import Scope
from storage.models import OutboxMessage, OutboxState
from storage.outbox_queue import CHANNEL_PREFIX, PERSON_PREFIX, queue_row, queued_rows


@dataclass(frozen=True, slots=True)
class Fallback:
    """Whom to tell when a post cannot reach its channel, and where they can be answered."""

    user_id: str
    response_url: str | None = None


NOBODY = Fallback("")


@dataclass(frozen=True, slots=True)
class Shows:
    """What a posted message shows (a task's card, a run's progress): once it is posted, it is
    remembered under this, so every later change of that thing redraws it in place."""

    kind: str
    id: int


class OutboxKind(StrEnum):
    POST = "post"
    """A new message in a channel (`target` is the channel)."""
    UPDATE = "update"
    """A message shown before, redrawn in place (`target` is its reference)."""
    DIRECT = "direct"
    """A direct message (`target` is the person)."""
    EPHEMERAL = "ephemeral"
    """A message in a channel that one person alone sees (`target` is the channel)."""
    RESPOND = "respond"
    """An answer to one person through their response URL (`fallback_url`), in a channel."""
    HOME = "home"
    """A person's "My work" page, rebuilt (`target` is the person)."""


class Draft(BaseModel):
    """What to say: the name of a view that draws it, and the facts it draws from."""

    model_config = ConfigDict(frozen=True)

    view: str
    facts: dict[str, Any] = Field(default_factory=dict)


def channel_audience(channel_id: str) -> str:
    return f"{CHANNEL_PREFIX}{channel_id}"


def person_audience(user_id: str) -> str:
    return f"{PERSON_PREFIX}{user_id}"


def _enqueue(
    scope: Scope,
    kind: OutboxKind,
    target: str,
    draft: Draft,
    *,
    audience: str,
    order_key: str,
    shows: Shows | None = None,
    fallback: Fallback = NOBODY,
) -> None:
    queue_row(
        scope.session,
        {
            "workspace_id": scope.workspace.id,
            "kind": kind.value,
            "target": target,
            "audience": audience,
            "order_key": order_key[:80],
            "draft": draft.model_dump(mode="json"),
            "shows": shows.kind if shows else "",
            "shows_id": shows.id if shows else None,
            "fallback_user": fallback.user_id,
            "fallback_url": (fallback.response_url or "")[:2000],
            "next_attempt_at": scope.now,
            "created_at": scope.now,
        },
    )


def _waiting(scope: Scope, kind: OutboxKind, target: str) -> bool:
    """Whether a row of `kind` for `target` waits unclaimed: queued by this transaction, or
    by an earlier one and not yet taken by a sender."""
    workspace_id = scope.workspace.id
    for row in queued_rows(scope.session):
        if row["workspace_id"] == workspace_id and row["kind"] == kind and row["target"] == target:
            return True
    waiting = scope.session.scalar(
        select(OutboxMessage.id)
        .where(
            OutboxMessage.workspace_id == workspace_id,
            OutboxMessage.kind == kind,
            OutboxMessage.target == target,
            OutboxMessage.state == OutboxState.PENDING,
            OutboxMessage.claimed_until.is_(None),
        )
        .limit(1)
    )
    return waiting is not None


def post(
    scope: Scope,
    channel_id: str,
    draft: Draft,
    *,
    shows: Shows | None = None,
    fallback: Fallback = NOBODY,
) -> None:
    """Posts to a channel; a message that `shows` something is remembered there, so later
    changes of it redraw the message. When the channel cannot be reached, the `fallback`
    person is told instead."""
    audience = channel_audience(channel_id)
    _enqueue(
        scope,
        OutboxKind.POST,
        channel_id,
        draft,
        audience=audience,
        order_key=audience,
        shows=shows,
        fallback=fallback,
    )


def update(scope: Scope, ref: str, channel_id: str, draft: Draft) -> None:
    """Redraws message `ref` in channel `channel_id`, unless a redraw is already waiting
    (it draws the newest state when it goes out, so one is enough)."""
    if _waiting(scope, OutboxKind.UPDATE, ref):
        return
    audience = channel_audience(channel_id)
    _enqueue(scope, OutboxKind.UPDATE, ref, draft, audience=audience, order_key=audience)


def direct(scope: Scope, user_id: str, draft: Draft) -> None:
    audience = person_audience(user_id)
    _enqueue(scope, OutboxKind.DIRECT, user_id, draft, audience=audience, order_key=audience)


def privately(scope: Scope, channel_id: str, fallback: Fallback, draft: Draft) -> None:
    """Shows `draft` to the fallback person alone: through their response URL when there is
    one, else as an ephemeral message in the channel; failing that, as a direct message."""
    kind = OutboxKind.RESPOND if fallback.response_url else OutboxKind.EPHEMERAL
    _enqueue(
        scope,
        kind,
        channel_id,
        draft,
        audience=person_audience(fallback.user_id),
        order_key=channel_audience(channel_id),
        fallback=fallback,
    )


def home(scope: Scope, user_id: str) -> None:
    """Rebuilds the person's "My work" page, once however many changes ask for it."""
    if not _waiting(scope, OutboxKind.HOME, user_id):
        audience = person_audience(user_id)
        _enqueue(
            scope,
            OutboxKind.HOME,
            user_id,
            Draft(view="home", facts={"user": user_id}),
            audience=audience,
            order_key=f"home:{user_id}",
        )
