"""Draws a queued draft into a message for its reader, when it is delivered.

Each view is a function of the database's current state, so what goes out is always the
newest: a card redrawn after two quick changes shows both, whichever row carries it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.effects import NOTICE
from bot.core.catalog import text
from bot.core.formats import local_time
from bot.core.message import Context, Message, Section
from bot.core.outbox import Draft
from bot.core.reader import Reader
from bot.core.scope import Scope
from storage.models import Channel

log = logging.getLogger(__name__)

Drawer = Callable[[Scope, Reader, Mapping[str, Any]], Message | None]
"""Draws one view's facts for a reader; None when there is nothing left to show."""
DrawPreloader = Callable[[Session, Sequence[Mapping[str, Any]]], None]
"""Loads in one query what the drafts of one view in a batch will read, before drawing."""

MESSAGE = "message"
"""A message drawn before it was queued (kept for rows written by older versions)."""
UNDELIVERED = "undelivered"
"""Another draft that could not reach its channel, for the person who asked, with why."""


def draw_notice(_scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message:
    params = dict(facts.get("params") or {})
    for name, (at, with_time) in dict(facts.get("moments") or {}).items():
        params[name] = local_time(
            datetime.fromisoformat(at), reader.tz, reader.lang, with_time=with_time
        )
    line = text(str(facts["key"]), reader.lang, **params)
    context = str(facts.get("context") or "")
    blocks = (Section(text=(line,)), *((Context(text=(context,)),) if context else ()))
    return Message(summary=line, blocks=blocks, tz=reader.tz)


def draw_message(_scope: Scope, _reader: Reader, facts: Mapping[str, Any]) -> Message:
    return Message.model_validate(facts["message"])


BUILT_IN: dict[str, Drawer] = {MESSAGE: draw_message, NOTICE: draw_notice}


class Drawing:
    """The views that drafts name, by name: the built-in ones and the features'."""

    def __init__(
        self, views: Mapping[str, Drawer], preloads: Mapping[str, DrawPreloader] | None = None
    ) -> None:
        self._drawers = BUILT_IN | dict(views)
        self._preloads = dict(preloads or {})

    def preload(self, session: Session, drafts: Sequence[Draft]) -> None:
        """Lets each view load what a batch of its drafts needs at once; views that share a
        preloader (a task's card and a notice above it) share one call."""
        batches: dict[DrawPreloader, list[Mapping[str, Any]]] = {}
        for draft in drafts:
            if (preload := self._preloads.get(draft.view)) is not None:
                batches.setdefault(preload, []).append(draft.facts)
        for preload, facts in batches.items():
            preload(session, facts)

    def draw(self, scope: Scope, reader: Reader, draft: Draft) -> Message | None:
        if draft.view == UNDELIVERED:
            return self._undelivered(scope, reader, draft.facts)
        drawer = self._drawers.get(draft.view)
        if drawer is None:
            log.warning("no view %r: the message is dropped", draft.view)
            return None
        message = drawer(scope, reader, draft.facts)
        return message.model_copy(update={"lang": reader.lang}) if message else None

    def _undelivered(
        self, scope: Scope, reader: Reader, facts: Mapping[str, Any]
    ) -> Message | None:
        inner = self.draw(scope, reader, Draft.model_validate(facts["draft"]))
        if inner is None:
            return None
        channel_id = str(facts.get("channel") or "")
        name = scope.session.scalar(
            select(Channel.name).where(
                Channel.workspace_id == scope.workspace.id, Channel.channel_id == channel_id
            )
        )
        hint = text(str(facts["why"]), reader.lang, channel=f"#{name or channel_id}")
        blocks = (Section(text=(hint,)), *inner.blocks)
        return Message(summary=hint, blocks=blocks, tz=inner.tz)
