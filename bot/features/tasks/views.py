"""The views of tasks that the outbox draws when it delivers: cards, notices, "My work"."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, exists, select
from sqlalchemy.orm import Session

from bot.commands.drawing import Drawer, DrawPreloader
from bot.commands.effects import CARD, TASK_NOTICE, card
from bot.commands.home import home_page
from bot.core.catalog import text
from bot.core.dependencies import open_blockers
from bot.core.message import Message, Section
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from storage.models import Task, TaskDependency

HOME = "home"
PRELOADED = "tasks.preloaded"
"""Key of the tasks a batch draws, in its session's `info` (`preload_drafts`)."""


@dataclass
class Preloaded:
    """The tasks a batch of drafts draws, and the open tasks each waits for."""

    tasks: dict[int, Task] = field(default_factory=dict)
    waiting: dict[int, list[Task]] = field(default_factory=dict)


TASKS = (
    select(Task, exists().where(TaskDependency.task_id == Task.id).label("waits"))
    .options(*LOADED)
    .where(Task.id.in_(bindparam("ids", expanding=True)))
)
"""The tasks of a batch, and whether each waits for any other; built once."""


def preload_drafts(session: Session, drafts: Sequence[Mapping[str, Any]]) -> None:
    """The tasks a batch of cards and notices draws, each read once, in one query, and the
    open tasks they wait for in another, when any waits."""
    ids = {d["task"] for d in drafts if isinstance(d.get("task"), int)}
    if not ids:
        return
    preloaded: Preloaded = session.info.setdefault(PRELOADED, Preloaded())
    waits: list[int] = []
    for task, task_waits in session.execute(TASKS, {"ids": list(ids)}):
        preloaded.tasks[task.id] = task
        preloaded.waiting[task.id] = []
        if task_waits:
            waits.append(task.id)
    if waits:
        preloaded.waiting.update(open_blockers(session, waits))


def _task(scope: Scope, task_id: object) -> tuple[Task | None, list[Task] | None]:
    """The task `task_id` of this workspace, and the open tasks it waits for when they were
    preloaded (else None: the card looks them up)."""
    if not isinstance(task_id, int):
        return None, None
    preloaded: Preloaded | None = scope.session.info.get(PRELOADED)
    if preloaded is not None and task_id in preloaded.tasks:
        task: Task | None = preloaded.tasks[task_id]
        waiting = preloaded.waiting.get(task_id)
    else:
        task, waiting = scope.session.get(Task, task_id, options=LOADED), None
    if task is None or task.workspace_id != scope.workspace.id:
        return None, None
    return task, waiting


def draw_card(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    task, waiting = _task(scope, facts.get("task"))
    return card(scope, task, reader, waiting) if task is not None else None


def draw_task_notice(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    task, waiting = _task(scope, facts.get("task"))
    if task is None:
        return None
    line = text(str(facts["key"]), reader.lang, **dict(facts.get("params") or {}))
    drawn = card(scope, task, reader, waiting)
    return Message(summary=line, blocks=(Section(text=(line,)), *drawn.blocks), tz=reader.tz)


def draw_home(scope: Scope, _reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    return home_page(scope.session, scope.workspace.id, str(facts["user"]), scope.now)


VIEWS: dict[str, Drawer] = {CARD: draw_card, TASK_NOTICE: draw_task_notice, HOME: draw_home}
VIEW_PRELOADS: dict[str, DrawPreloader] = {CARD: preload_drafts, TASK_NOTICE: preload_drafts}
