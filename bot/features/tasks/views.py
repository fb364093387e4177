"""The views of tasks that the outbox draws when it delivers: cards, notices, "My work"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from bot.commands.drawing import Drawer
from bot.commands.effects import CARD, TASK_NOTICE, card
from bot.commands.home import home_page
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from storage.models import Task

HOME = "home"


def _task(scope: Scope, task_id: object) -> Task | None:
    if not isinstance(task_id, int):
        return None
    query = (
        select(Task)
        .options(*LOADED)
        .where(Task.id == task_id, Task.workspace_id == scope.workspace.id)
    )
    return scope.session.scalars(query).one_or_none()


def draw_card(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    task = _task(scope, facts.get("task"))
    return card(scope, task, reader) if task is not None else None


def draw_task_notice(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    task = _task(scope, facts.get("task"))
    if task is None:
        return None
    line = text(str(facts["key"]), reader.lang, **dict(facts.get("params") or {}))
    drawn = card(scope, task, reader)
    return Message(
        summary=line, blocks=(Section(text=(line,)), *drawn.blocks), tz=reader.tz, lang=reader.lang
    )


def draw_home(scope: Scope, _reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    return home_page(scope.session, scope.workspace, str(facts["user"]), scope.now)


VIEWS: dict[str, Drawer] = {CARD: draw_card, TASK_NOTICE: draw_task_notice, HOME: draw_home}
