"""Run commands besides starting: status, list, cancel, retrospective, and completing an item
from the run's message."""

from __future__ import annotations

from bot.commands.effects import completed, notice, refresh_cards, refresh_run, tell
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core import changes, tasks
from bot.core.ids import run_ref, task_ref
from bot.core.message import Block, Message, Section, Strong, Text
from bot.core.reader import channel_reader
from bot.core.runs import progress
from bot.core.runs.finishing import cancel as cancel_run
from bot.core.runs.finishing import record_retro
from bot.core.runs.listing import list_runs
from bot.core.templates import store
from bot.features.runs import commands as m
from bot.views.lines import packed
from bot.views.runs import run_list_line, run_message, run_status
from storage.models import Member, TaskStatus

LIST_LIMIT = 50


def status(req: Request, cmd: m.RunStatus) -> Reply:
    scope = req.scope
    run = progress.get_run(scope, cmd.number)
    template, version = progress.template_of(scope, run)
    spec = store.spec_of(version)
    message = run_status(
        run,
        spec.title,
        spec.sections_of_items(),
        progress.items_of(scope, run),
        now=scope.now,
        lang=scope.lang,
        tz=req.tz,
    )
    del template
    return Reply(message=message)


def list_(req: Request, cmd: m.RunList) -> Reply:
    found, total = list_runs(req.scope, cmd.which, limit=LIST_LIMIT)
    if not found:
        return req.say(f"runs.empty_{cmd.which.value}")
    head = req.t(f"runs.title_{cmd.which.value}", count=total)
    lines: list[Text] = [run_list_line(listed, req.scope.lang) for listed in found]
    blocks: list[Block] = [Section(text=(Strong(text=head),)), *packed(lines)]
    if total > len(found):
        blocks.append(Section(text=(req.t("list.more", more=total - len(found)),)))
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def cancel(req: Request, cmd: m.RunCancel) -> Reply:
    scope = req.scope
    run, closed = cancel_run(scope, cmd.number)
    owners: dict[int, tuple[Member, list[str]]] = {}
    for task in closed:
        refresh_cards(scope, task)
        if task.assignee is not None:
            owners.setdefault(task.assignee.id, (task.assignee, []))[1].append(
                task_ref(task.number)
            )
    refresh_run(scope, run.id)
    who = f"@{scope.member.name}"
    for member, numbers in owners.values():
        news = notice(
            "run.cancelled_dm", run=run_ref(run.number), who=who, tasks=", ".join(numbers)
        )
        tell(scope, member, news)
    return req.say("run.cancelled", run=run_ref(run.number), count=len(closed))


def retro(req: Request, cmd: m.RunRetro) -> Reply:
    run = record_retro(req.scope, cmd.number, cmd.text)
    template, _ = progress.template_of(req.scope, run)
    return req.say("run.retro_kept", run=run_ref(run.number), template=template.name)


def item_done(req: Request, cmd: m.RunItemDone) -> Reply:
    """Complete pressed on a run's message: the item is done and the message redrawn."""
    scope = req.scope
    task = tasks.get_task(scope, cmd.number)
    if task.run_id is None:
        return req.say("error.bad_button")
    stale = task.status == TaskStatus.OPEN and cmd.seen_version not in (None, task.version)
    if not stale:
        done = changes.complete(scope, cmd.number)
        completed(scope, done, skip_ref=req.source_ref)
    run = progress.run_by_id(scope, task.run_id)
    assert run is not None
    _, version = progress.template_of(scope, run)
    reader = channel_reader(scope.channel, scope.workspace)
    message = run_message(
        run,
        store.spec_of(version).title,
        progress.items_of(scope, run),
        now=scope.now,
        lang=reader.lang,
        tz=reader.tz,
    )
    return Reply(message=message, replace_source=True)
