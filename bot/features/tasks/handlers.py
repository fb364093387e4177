"""Task commands: turn a typed command into a service call and a reply."""

from __future__ import annotations

from typing import Any

from bot.commands.effects import (
    card,
    completed,
    post_card,
    refresh_cards,
    refresh_home,
    task_notice,
    tell,
)
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core import changes, creation, dependencies, tasks
from bot.core.ids import task_ref
from bot.core.message import Actions, Button, ButtonStyle, Message, Section, Strong
from bot.core.reader import channel_reader
from bot.features.tasks import commands as m
from bot.views.tasks import Action, task_details, task_line
from bot.views.time import local_time
from storage.models import Task, TaskStatus

LIST_LIMIT = 20


def add(req: Request, cmd: m.TaskAdd) -> Reply:
    scope = req.scope
    assignee = req.person(cmd.assignee)
    due = req.when(cmd.due) if cmd.due else None
    added = creation.add_task(
        scope,
        cmd.title,
        assignee=assignee,
        due=due,
        after=cmd.after,
        notes=cmd.notes,
        force=cmd.force,
    )
    if added.task is None:
        return _similar_warning(req, cmd, added)
    task = added.task
    post_card(scope, task, req.fallback)
    _tell_assignee(req, task)
    refresh_home(scope, assignee)
    return Reply()


def _similar_warning(req: Request, cmd: m.TaskAdd, added: creation.Added) -> Reply:
    lines = [Section(text=(Strong(text=task_ref(s.key)), " ", s.title)) for s in added.similar]
    buttons = [
        Button(
            label=req.t("button.create_anyway"),
            action=Action.CREATE_ANYWAY,
            value=cmd.model_copy(update={"force": True}).model_dump_json(exclude_defaults=True),
            style=ButtonStyle.PRIMARY,
        ),
        *(
            Button(label=req.t("button.open", number=s.key), action=Action.SHOW, value=str(s.key))
            for s in added.similar
        ),
    ]
    head = req.t("task.similar", title=cmd.title)
    message = Message(
        summary=head,
        blocks=(Section(text=(head,)), *lines, Actions(buttons=tuple(buttons))),
        tz=req.tz,
    )
    return Reply(message=message)


def _tell_assignee(req: Request, task: Task) -> None:
    who = f"@{req.scope.member.name}"
    draft = task_notice(task, "task.assigned_dm", who=who, number=task.number, title=task.title)
    tell(req.scope, task.assignee, draft)


def _changed(
    req: Request, task: Task, key: str, *, shown: dict[str, str] | None = None, **params: Any
) -> Reply:
    """Redraws every message showing `task` (unless `shown` says it was just done). A pressed
    message is redrawn in the press's answer: a message in a channel as that channel reads it
    (the same for everyone), one shown to the person alone for them. A typed command gets a
    line saying what changed."""
    if shown is None:
        shown = refresh_cards(req.scope, task, skip_ref=req.source_ref)
    if req.invocation.press is None:
        return req.say(key, number=task.number, **params)
    origin = req.invocation.origin
    for_them = origin.source_private or origin.source_home or origin.direct
    channel = req.scope.channel
    reader = None if for_them or channel is None else channel_reader(channel, req.scope.workspace)
    return Reply(message=card(req.scope, task, reader), replace_source=True)


def out_of_date(req: Request, number: int, seen_version: int | None) -> Reply | None:
    """For a press on a card older than the task: "this card is out of date", with the task as
    it is now (and the old card redrawn); None when the card is current or the command typed."""
    if seen_version is None:
        return None
    task = tasks.get_task(req.scope, number)
    if task.version == seen_version:
        return None
    refresh_cards(req.scope, task)
    line = req.t("task.card_out_of_date", number=number)
    fresh = card(req.scope, task)
    blocks = (Section(text=(line,)), *fresh.blocks)
    return Reply(message=Message(summary=line, blocks=blocks, tz=req.tz))


def done(req: Request, cmd: m.TaskDone) -> Reply:
    task = tasks.get_task(req.scope, cmd.number)
    if task.status is TaskStatus.OPEN and (stale := out_of_date(req, cmd.number, cmd.seen_version)):
        return stale  # Complete on a completed task answers as it always did
    done = changes.complete(req.scope, cmd.number)
    shown = completed(req.scope, done, skip_ref=req.source_ref)
    who = f"@{req.scope.member.name}"
    return _changed(req, done.task, "task.completed", shown=shown, who=who)


def reopen(req: Request, cmd: m.TaskReopen) -> Reply:
    task = changes.reopen(req.scope, cmd.number)
    return _changed(req, task, "task.reopened", who=f"@{req.scope.member.name}")


def delete(req: Request, cmd: m.TaskDelete) -> Reply:
    task = changes.delete(req.scope, cmd.number)
    refresh_cards(req.scope, task)
    return req.say("task.deleted", number=task.number, title=task.title)


def assign(req: Request, cmd: m.TaskAssign) -> Reply:
    if stale := out_of_date(req, cmd.number, cmd.seen_version):
        return stale
    assignee = req.person(cmd.assignee) or req.scope.member
    task, previous = changes.assign(req.scope, cmd.number, assignee)
    refresh_home(req.scope, previous)
    shown = refresh_cards(req.scope, task, skip_ref=req.source_ref)
    _tell_assignee(req, task)
    return _changed(req, task, "task.assigned", shown=shown, who=f"@{assignee.name}")


def due(req: Request, cmd: m.TaskDue) -> Reply:
    task = changes.set_due(req.scope, cmd.number, req.when(cmd.when))
    return _changed(req, task, "task.due_set", when=cmd.when)


def snooze(req: Request, cmd: m.TaskSnooze) -> Reply:
    if stale := out_of_date(req, cmd.number, cmd.seen_version):
        return stale
    task = changes.snooze(req.scope, cmd.number, cmd.days)
    when = local_time(task.due_at, req.tz) if task.due_at else ""
    return _changed(req, task, "task.snoozed", when=when)


def comment(req: Request, cmd: m.TaskComment) -> Reply:
    task = changes.comment(req.scope, cmd.number, cmd.text)
    shown = refresh_cards(req.scope, task, skip_ref=req.source_ref)
    who = f"@{req.scope.member.name}"
    draft = task_notice(task, "task.comment_dm", who=who, number=task.number, text=cmd.text)
    tell(req.scope, task.assignee, draft)
    return _changed(req, task, "task.commented", shown=shown)


def block(req: Request, cmd: m.TaskBlock) -> Reply:
    task, _ = dependencies.block(req.scope, cmd.number, cmd.blocker)
    return _changed(req, task, "task.blocked_on", blocker=cmd.blocker)


def show(req: Request, cmd: m.TaskShow) -> Reply:
    scope = req.scope
    task = tasks.get_task(scope, cmd.number)
    waiting = [b for b in dependencies.blockers_of(scope, task) if b.status == TaskStatus.OPEN]
    message = task_details(
        task,
        waiting,
        tasks.comments_of(scope, task),
        tasks.events_of(scope, task),
        now=scope.now,
        lang=scope.lang,
        tz=req.tz,
    )
    return Reply(message=message)


def list_(req: Request, cmd: m.TaskList) -> Reply:
    scope = req.scope
    scope_kind = cmd.scope
    filters: dict[str, object] = {}
    if scope_kind is m.ListScope.MINE:
        filters["assignee"] = scope.member
        label = req.t("list.mine")
    elif scope_kind is m.ListScope.USER:
        person = req.person(cmd.user) or scope.member
        filters["assignee"] = person
        label = req.t("list.user", who=f"@{person.name}")
    elif scope_kind is m.ListScope.CHANNEL:
        channel = req.channel(cmd.channel)
        filters["channel"] = channel
        label = req.t("list.channel", channel=channel.name)
    else:
        filters = {
            "overdue": scope_kind is m.ListScope.OVERDUE,
            "done": scope_kind is m.ListScope.DONE,
        }
        label = req.t(f"list.{scope_kind.value}")
    found, total = tasks.list_tasks(scope, limit=LIST_LIMIT, **filters)  # type: ignore[arg-type]
    if not found:
        return req.say("task.list_empty")
    head = req.t("task.list_title", label=label, count=total)
    blocks = [
        Section(text=(Strong(text=head),)),
        *(task_line(t, scope.now, scope.lang) for t in found),
    ]
    if total > len(found):
        blocks.append(Section(text=(req.t("task.list_more", more=total - len(found)),)))
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))
