"""What a change means for other people: cards redrawn in place, posts, direct messages.

Everything here is queued in the outbox within the change's transaction and drawn when it
is delivered, for whoever reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from bot.core import dependencies, outbox
from bot.core.message import Message
from bot.core.outbox import Draft, Fallback
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.views.tasks import task_card
from storage.models import Member, Task, TaskMessage, TaskStatus

CARD = "task.card"
TASK_NOTICE = "task.notice"
NOTICE = "notice"


def card_draft(task: Task) -> Draft:
    return Draft(view=CARD, facts={"task": task.id})


def notice(
    key: str,
    *,
    context: str = "",
    moments: Mapping[str, tuple[datetime, bool]] | None = None,
    **params: Any,
) -> Draft:
    """A line from the catalog (and an optional small line under it), drawn for its reader.

    `moments` are times shown in the reader's time zone: name -> (when, with its time of day).
    """
    times = {name: [at.isoformat(), with_time] for name, (at, with_time) in (moments or {}).items()}
    facts = {"key": key, "params": params, "context": context, "moments": times}
    return Draft(view=NOTICE, facts=facts)


def task_notice(task: Task, key: str, **params: Any) -> Draft:
    """A line from the catalog above the task's card."""
    return Draft(view=TASK_NOTICE, facts={"task": task.id, "key": key, "params": params})


def card(
    scope: Scope, task: Task, reader: Reader | None = None, waiting: list[Task] | None = None
) -> Message:
    """The card of `task` drawn for `reader` (by default the person acting); `waiting`, when
    known, saves looking up the open tasks it waits for."""
    reader = reader or scope.reader
    if waiting is None:
        blockers = dependencies.blockers_of(scope, task)
        waiting = [b for b in blockers if b.status == TaskStatus.OPEN]
    return task_card(task, waiting, now=scope.now, lang=reader.lang, tz=reader.tz)


def post_card(scope: Scope, task: Task, fallback: Fallback) -> None:
    """Posts the task's card in the channel of the command; it is redrawn there on every
    change. If Baton cannot post there, the `fallback` person sees it alone."""
    outbox.post(scope, scope.here.channel_id, card_draft(task), task_id=task.id, fallback=fallback)


def refresh_cards(scope: Scope, task: Task, *, skip_ref: str | None = None) -> dict[str, str]:
    """Queues a redraw of every message that shows `task` but `skip_ref` (a pressed card,
    redrawn in the press's answer); returns them all, each with its channel."""
    rows = scope.session.execute(
        select(TaskMessage.message_ref, TaskMessage.channel_id).where(
            TaskMessage.workspace_id == scope.workspace.id, TaskMessage.task_id == task.id
        )
    )
    shown: dict[str, str] = dict(rows.all())
    refresh_home(scope, task.assignee)
    draft = card_draft(task)
    for ref, channel_id in shown.items():
        if ref != skip_ref:
            outbox.update(scope, ref, channel_id, draft, task_id=task.id)
    return shown


def refresh_home(scope: Scope, member: Member | None) -> None:
    """Queues a rebuild of `member`'s "My work" page where the platform has one."""
    if member is not None and scope.platform.has_home:
        outbox.home(scope, member.user_id)


def tell(scope: Scope, member: Member | None, draft: Draft) -> None:
    """Sends `member` a direct message; people are not told of what they did themselves."""
    if member is None or (scope.person is not None and member.id == scope.person.id):
        return
    outbox.direct(scope, member.user_id, draft)
