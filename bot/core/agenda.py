"""Meeting agendas: topics anyone in a channel can add, listed and cleared together."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

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
