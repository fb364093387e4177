"""What a change means for other people: cards redrawn in place, posts, direct messages.

Everything here is queued in the outbox within the change's transaction and drawn when it
is delivered, for whoever reads it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from bot.core import dependencies, outbox
from bot.core.changes import Completed
from bot.core.message import Message
from bot.core.outbox import Draft, Fallback, Shows
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.views.tasks import task_card
from storage.models import ChannelMessage, Member, Run, Task, TaskStatus

CARD = "task.card"
TASK_NOTICE = "task.notice"
NOTICE = "notice"
RUN_MESSAGE = "run.message"
"""A run's progress and next open items, posted in its channel and redrawn in place."""
RUN_FINISHED = "run.finished"
"""A finished run, for the person who started it: the retrospective prompt."""

TASK = "task"
RUN = "run"


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


def run_draft(run_id: int) -> Draft:
    return Draft(view=RUN_MESSAGE, facts={"run": run_id})


def post_card(scope: Scope, task: Task, fallback: Fallback) -> None:
    """Posts the task's card in the channel of the command; it is redrawn there on every
    change. If Baton cannot post there, the `fallback` person sees it alone."""
    shows = Shows(TASK, task.id)
    outbox.post(scope, scope.here.channel_id, card_draft(task), shows=shows, fallback=fallback)


def post_run(scope: Scope, run_id: int, channel_id: str, fallback: Fallback) -> None:
    """Posts the run's message in `channel_id`; it is redrawn there as its items change."""
    outbox.post(scope, channel_id, run_draft(run_id), shows=Shows(RUN, run_id), fallback=fallback)


def redraw(
    scope: Scope, shows: Shows, draft: Draft, *, skip_ref: str | None = None
) -> dict[str, str]:
    """Queues a redraw of every message that shows `shows` but `skip_ref` (a pressed message,
    redrawn in the press's answer); returns them all, each with its channel."""
    params = {"workspace_id": scope.workspace.id, "shows": shows.kind, "shows_id": shows.id}
    rows = scope.session.execute(SHOWING, params)
    shown: dict[str, str] = dict(rows.all())
    for ref, channel_id in shown.items():
        if ref != skip_ref:
            outbox.update(scope, ref, channel_id, draft)
    return shown


# Built once: asked on every change, and a statement costs more to build than to run.
SHOWING = select(ChannelMessage.message_ref, ChannelMessage.channel_id).where(
    ChannelMessage.workspace_id == bindparam("workspace_id"),
    ChannelMessage.shows == bindparam("shows"),
    ChannelMessage.shows_id == bindparam("shows_id"),
)


def refresh_cards(scope: Scope, task: Task, *, skip_ref: str | None = None) -> dict[str, str]:
    """Queues a redraw of every message that shows `task` (its cards, and its run's message
    when it is a run's item) but `skip_ref`; returns them all, each with its channel."""
    refresh_home(scope, task.assignee)
    shown = redraw(scope, Shows(TASK, task.id), card_draft(task), skip_ref=skip_ref)
    if task.run_id is not None:
        shown |= refresh_run(scope, task.run_id, skip_ref=skip_ref)
    return shown


def refresh_run(scope: Scope, run_id: int, *, skip_ref: str | None = None) -> dict[str, str]:
    """Queues a redraw of every message showing the run `run_id` but `skip_ref`."""
    return redraw(scope, Shows(RUN, run_id), run_draft(run_id), skip_ref=skip_ref)


def completed(scope: Scope, done: Completed, *, skip_ref: str | None = None) -> dict[str, str]:
    """What a completed task changes for others: the tasks that waited for it (their cards
    redrawn, their owners told they can go ahead), every message showing it (its run's too),
    and, when it was a run's last item, its starter asked for a retrospective. Returns the
    messages showing it, each with its channel."""
    for waiting in done.unblocked:
        refresh_cards(scope, waiting, skip_ref=skip_ref)
        draft = task_notice(
            waiting,
            "task.unblocked_dm",
            blocker=done.task.number,
            number=waiting.number,
            title=waiting.title,
        )
        tell(scope, waiting.assignee, draft)
    shown = refresh_cards(scope, done.task, skip_ref=skip_ref)
    if done.finished_run is not None:
        ask_for_retro(scope, done.finished_run)
    return shown


def ask_for_retro(scope: Scope, run: Run) -> None:
    """Tells the person who started a finished run, and asks what they would change; they
    hear it even when they did the last item themselves."""
    starter = scope.session.get(Member, run.started_by_id)
    if starter is not None:
        outbox.direct(scope, starter.user_id, Draft(view=RUN_FINISHED, facts={"run": run.id}))


def refresh_home(scope: Scope, member: Member | None) -> None:
    """Queues a rebuild of `member`'s "My work" page where the platform has one."""
    if member is not None and scope.platform.has_home:
        outbox.home(scope, member.user_id)


def tell(scope: Scope, member: Member | None, draft: Draft) -> None:
    """Sends `member` a direct message; people are not told of what they did themselves."""
    if member is None or (scope.person is not None and member.id == scope.person.id):
        return
    outbox.direct(scope, member.user_id, draft)
