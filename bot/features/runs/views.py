"""The views of runs that the outbox draws when it delivers: the run's message in its channel,
the items a person got, the retrospective prompt, a bulk start's summary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select

from bot.commands.drawing import Drawer
from bot.commands.effects import RUN_FINISHED, RUN_MESSAGE
from bot.core.catalog import text
from bot.core.ids import run_ref
from bot.core.message import Block, Message, Text
from bot.core.reader import Reader
from bot.core.runs import progress
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from bot.core.templates import store
from bot.features.runs.starting import RUN_ASSIGNED
from bot.views.lines import packed
from bot.views.runs import finished_message, run_message
from bot.views.tasks import task_line
from storage.models import Member, Run, Task, TaskStatus

ITEMS_SHOWN = 12


def draw_run(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    run = progress.run_by_id(scope, int(facts.get("run") or 0))
    if run is None:
        return None
    _, version = progress.template_of(scope, run)
    items = progress.items_of(scope, run)
    title = store.spec_of(version).title
    return run_message(run, title, items, now=scope.now, lang=reader.lang, tz=reader.tz)


def draw_finished(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    run = progress.run_by_id(scope, int(facts.get("run") or 0))
    if run is None:
        return None
    _, version = progress.template_of(scope, run)
    items = progress.items_of(scope, run)
    title = store.spec_of(version).title
    return finished_message(run, title, items, lang=reader.lang, tz=reader.tz)


def draw_assigned(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    """The open items a person got in runs just started, soonest due first."""
    run_ids = [int(i) for i in facts.get("runs") or []]
    member = scope.session.get(Member, int(facts.get("member") or 0))
    if not run_ids or member is None or member.workspace_id != scope.workspace.id:
        return None
    where = (
        Task.workspace_id == scope.workspace.id,
        Task.run_id.in_(run_ids),
        Task.assignee_id == member.id,
        Task.status == TaskStatus.OPEN,
    )
    found = list(
        scope.session.scalars(
            select(Task)
            .options(*LOADED)
            .where(*where)
            .order_by(Task.due_at, Task.number)
            .limit(ITEMS_SHOWN)
        ).unique()
    )
    if not found:
        return None
    total = scope.session.scalar(select(func.count()).select_from(Task).where(*where)) or 0
    by, template = f"@{facts.get('by')}", str(facts.get("template") or "")
    if len(run_ids) == 1:
        run = scope.session.get(Run, run_ids[0])
        named = run.subject if run is not None else ""
        subject = text("run.for_subject", reader.lang, subject=named) if named else ""
        number = run_ref(run.number) if run is not None else ""
        head = text(
            "run.assigned_dm",
            reader.lang,
            who=by,
            run=number,
            template=template,
            subject=subject,
            count=total,
        )
    else:
        head = text(
            "run.assigned_many_dm",
            reader.lang,
            who=by,
            runs=len(run_ids),
            template=template,
            count=total,
        )
    lines: list[Text] = [(head,)]
    lines += [task_line(task, scope.now, reader.lang).text for task in found]
    if total > len(found):
        lines.append((text("list.more", reader.lang, more=total - len(found)),))
    blocks: list[Block] = list(packed(lines))
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz)


VIEWS: dict[str, Drawer] = {
    RUN_MESSAGE: draw_run,
    RUN_FINISHED: draw_finished,
    RUN_ASSIGNED: draw_assigned,
}
