"""Meeting agendas: topics anyone in a channel can add, listed and cleared together."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from bot.core.errors import UserError
from bot.core.scope import Scope
from storage.models import AgendaItem

MAX_TOPICS = 100


def add_topic(scope: Scope, topic: str) -> AgendaItem:
    item = AgendaItem(
        workspace_id=scope.workspace.id,
        channel_id=scope.here.id,
        author_id=scope.member.id,
        author=scope.member,
        topic=topic,
        created_at=scope.now,
    )
    scope.session.add(item)
    return item


def topics(scope: Scope) -> list[AgendaItem]:
    query = (
        select(AgendaItem)
        .options(joinedload(AgendaItem.author))
        .where(
            AgendaItem.workspace_id == scope.workspace.id,
            AgendaItem.channel_id == scope.here.id,
        )
        .order_by(AgendaItem.id)
        .limit(MAX_TOPICS)
    )
    return list(scope.session.scalars(query))


def clear(scope: Scope) -> int:
    result = scope.session.execute(
        delete(AgendaItem).where(
            AgendaItem.workspace_id == scope.workspace.id,
            AgendaItem.channel_id == scope.here.id,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def remove(scope: Scope, position: int) -> AgendaItem:
    """Removes topic number `position` (as listed, from 1) of this channel's agenda."""
    items = topics(scope)
    if not 1 <= position <= len(items):
        raise UserError("error.no_such_topic", position=position, count=len(items))
    item = items[position - 1]
    scope.session.delete(item)
    return item


def others_wrote(scope: Scope) -> bool:
    """Whether someone else than the person acting added a topic to this channel's agenda."""
    return any(item.author_id != scope.member.id for item in topics(scope))
