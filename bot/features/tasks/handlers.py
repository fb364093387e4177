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
from bot.core import changes, creation, dependencies, handover, tasks
from bot.core.formats import local_time
from bot.core.ids import task_ref
from bot.core.message import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Context,
    Message,
    Section,
    Strong,
)
from bot.core.okrs.links import key_result_to_link
from bot.core.permissions import check_may_delete
from bot.core.reader import channel_reader
from bot.features.tasks import commands as m
from bot.views.tasks import Action, button_value, task_details, task_line
from storage.models import Member, Task, TaskStatus

LIST_LIMIT = 20


def _stand_in(req: Request, member: Member | None) -> handover.StandIn | None:
    """The stand-in of `member` when they are away (a running handover of theirs)."""
    return handover.stand_in_for(req.scope, member) if member is not None else None


def _away_note(req: Request, away: Member, stand_in: handover.StandIn, number: int) -> Reply:
    until = stand_in.handover.until
    when = req.t("task.away_until", when=local_time(until, req.tz, req.scope.lang)) if until else ""
    return req.say(
        "task.to_stand_in",
        away=f"@{away.name}",
        until=when,
        number=number,
        stand_in=f"@{stand_in.member.name}",
    )


def add(req: Request, cmd: m.TaskAdd) -> Reply:
    scope = req.scope
    wanted = req.person(cmd.assignee)
    stand_in = _stand_in(req, wanted)
    assignee = stand_in.member if stand_in else wanted
    due = req.when(cmd.due) if cmd.due else None
    counts_toward = key_result_to_link(scope, cmd.key_result) if cmd.key_result else None
    added = creation.add_task(
        scope,
        cmd.title,
        assignee=assignee,
        due=due,
        after=cmd.after,
        notes=cmd.notes,
        force=cmd.force,
        key_result=counts_toward,
    )
    if added.task is None:
        return _similar_warning(req, cmd, added)
    task = added.task
    post_card(scope, task, req.fallback)
    _tell_assignee(req, task)
    refresh_home(scope, assignee)
    if stand_in is not None and wanted is not None:
        handover.cover(scope, task, stand_in)
        return _away_note(req, wanted, stand_in, task.number)
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
    req: Request,
    task: Task,
    key: str,
    *,
    shown: dict[str, str] | None = None,
    waiting: list[Task] | None = None,
    **params: Any,
) -> Reply:
    """Redraws every message showing `task` (unless `shown` says it was just done). A pressed
    message is redrawn in the press's answer: a message in a channel as that channel reads it
    (the same for everyone), one shown to the person alone for them. A typed command gets a
    line saying what changed. `waiting`, when known, are the open tasks `task` waits for."""
    if shown is None:
        shown = refresh_cards(req.scope, task, skip_ref=req.source_ref)
    if req.invocation.press is None:
        return req.say(key, number=task.number, **params)
    origin = req.invocation.origin
    for_them = origin.source_private or origin.source_home or origin.direct
    channel = req.scope.channel
    reader = None if for_them or channel is None else channel_reader(channel, req.scope.workspace)
    return Reply(message=card(req.scope, task, reader, waiting), replace_source=True)


def out_of_date(
    req: Request, number: int, seen_version: int | None, *, task: Task | None = None
) -> Reply | None:
    """For a press on a card older than the task: "this card is out of date", with the task as
    it is now (and the old card redrawn); None when the card is current or the command typed."""
    if seen_version is None:
        return None
    # Read locked: the change that follows a current card acts on the version seen here.
    task = task or tasks.get_task(req.scope, number, for_update=True)
    if task.version == seen_version:
        return None
    refresh_cards(req.scope, task)
    line = req.t("task.card_out_of_date", number=number)
    fresh = card(req.scope, task)
    blocks = (Section(text=(line,)), *fresh.blocks)
    return Reply(message=Message(summary=line, blocks=blocks, tz=req.tz))


def done(req: Request, cmd: m.TaskDone) -> Reply:
    if cmd.seen_version is not None:  # a press: is the card it was on still current?
        task = tasks.get_task(req.scope, cmd.number, for_update=True)
        stale = out_of_date(req, cmd.number, cmd.seen_version, task=task)
        if stale is not None and task.status is TaskStatus.OPEN:
            return stale  # Complete on a completed task answers as it always did
    done = changes.complete(req.scope, cmd.number)
    shown = completed(req.scope, done, skip_ref=req.source_ref)
    who = f"@{req.scope.member.name}"
    # Only a task that waits for nothing open can be completed.
    return _changed(req, done.task, "task.completed", shown=shown, waiting=[], who=who)


def reopen(req: Request, cmd: m.TaskReopen) -> Reply:
    task = changes.reopen(req.scope, cmd.number)
    return _changed(req, task, "task.reopened", who=f"@{req.scope.member.name}")


HISTORY_LIMIT = 200


def delete(req: Request, cmd: m.TaskDelete) -> Reply:
    if not cmd.confirmed:
        task = tasks.get_task(req.scope, cmd.number)
        check_may_delete(req.scope, task)
        return _confirm_delete(req, task)
    task = changes.delete(req.scope, cmd.number)
    refresh_cards(req.scope, task, skip_ref=req.source_ref)
    return _answer(req, "task.deleted", number=task.number, title=task.title)


def _confirm_delete(req: Request, task: Task) -> Reply:
    line = req.t("task.delete_confirm", number=task.number, title=task.title)
    value = button_value(task)
    buttons = (
        Button(
            label=req.t("button.delete"),
            action=Action.DELETE,
            value=value,
            style=ButtonStyle.DANGER,
        ),
        Button(label=req.t("button.keep"), action=Action.KEEP, value=value),
    )
    blocks = (Section(text=(line,)), Actions(buttons=buttons))
    return Reply(message=Message(summary=line, blocks=blocks, tz=req.tz))


def keep(req: Request, cmd: m.TaskKeep) -> Reply:
    return _answer(req, "task.kept", number=cmd.number)


def _answer(req: Request, key: str, **params: Any) -> Reply:
    """A line; for a button press, in place of the message that carried the button."""
    reply = req.say(key, **params)
    if req.invocation.press is None:
        return reply
    return reply.model_copy(update={"replace_source": True})


def restore(req: Request, cmd: m.TaskRestore) -> Reply:
    task = changes.restore(req.scope, cmd.number)
    refresh_cards(req.scope, task)
    return req.say("task.restored", number=task.number, title=task.title)


def assign(req: Request, cmd: m.TaskAssign) -> Reply:
    if stale := out_of_date(req, cmd.number, cmd.seen_version):
        return stale
    if cmd.nobody:
        task, previous = changes.unassign(req.scope, cmd.number)
        refresh_home(req.scope, previous)
        return _changed(req, task, "task.unassigned")
    wanted = req.person(cmd.assignee) or req.scope.member
    stand_in = _stand_in(req, wanted) if wanted.id != req.scope.member.id else None
    assignee = stand_in.member if stand_in else wanted
    current = tasks.get_task(req.scope, cmd.number, for_update=True)
    if current.assignee_id == assignee.id:
        return req.say("task.already_assigned", number=cmd.number, who=f"@{assignee.name}")
    task, previous = changes.assign(req.scope, cmd.number, assignee)
    refresh_home(req.scope, previous)
    shown = refresh_cards(req.scope, task, skip_ref=req.source_ref)
    if task.status is TaskStatus.OPEN:  # done work is nobody's to do: no "assigned you"
        _tell_assignee(req, task)
    if stand_in is not None:
        handover.cover(req.scope, task, stand_in)
        return _away_note(req, wanted, stand_in, task.number)
    return _changed(req, task, "task.assigned", shown=shown, who=f"@{assignee.name}")


def due(req: Request, cmd: m.TaskDue) -> Reply:
    if cmd.when is None:
        task = changes.set_due(req.scope, cmd.number, None)
        return _changed(req, task, "task.due_cleared")
    when = req.when(cmd.when)
    task = changes.set_due(req.scope, cmd.number, when)
    understood = local_time(when.at, req.tz, req.scope.lang, with_time=when.has_time)
    return _changed(req, task, "task.due_set", when=understood)


def rename(req: Request, cmd: m.TaskRename) -> Reply:
    task = changes.rename(req.scope, cmd.number, cmd.title)
    return _changed(req, task, "task.renamed", title=task.title)


def notes(req: Request, cmd: m.TaskNotes) -> Reply:
    task = changes.set_notes(req.scope, cmd.number, cmd.notes)
    return _changed(req, task, "task.notes_set" if cmd.notes else "task.notes_cleared")


def snooze(req: Request, cmd: m.TaskSnooze) -> Reply:
    if stale := out_of_date(req, cmd.number, cmd.seen_version):
        return stale
    task = changes.snooze(req.scope, cmd.number, cmd.days)
    when = local_time(task.due_at, req.tz, req.scope.lang) if task.due_at else ""
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


def unblock(req: Request, cmd: m.TaskUnblock) -> Reply:
    task, numbers = dependencies.unblock(req.scope, cmd.number, cmd.blocker)
    blockers = ", ".join(f"T-{n}" for n in numbers)
    return _changed(req, task, "task.unblocked", blockers=blockers)


def show(req: Request, cmd: m.TaskShow) -> Reply:
    scope = req.scope
    task = tasks.get_task(scope, cmd.number)
    waiting = [b for b in dependencies.blockers_of(scope, task) if b.status == TaskStatus.OPEN]
    message = task_details(
        task,
        waiting,
        tasks.comments_of(scope, task),
        tasks.events_of(scope, task, limit=HISTORY_LIMIT if cmd.history else 10),
        now=scope.now,
        lang=scope.lang,
        tz=req.tz,
    )
    return Reply(message=message)


def list_(req: Request, cmd: m.TaskList) -> Reply:
    scope = req.scope
    kind = cmd.scope
    filters: dict[str, object] = {}
    if kind is m.ListScope.MINE:
        filters["assignee"] = scope.member
        label, empty = req.t("list.mine"), req.t("list.mine_empty")
    elif kind is m.ListScope.USER:
        person = req.person(cmd.user) or scope.member
        filters["assignee"] = person
        label = req.t("list.user", who=f"@{person.name}")
        empty = req.t("list.user_empty", who=f"@{person.name}")
    elif kind is m.ListScope.CHANNEL:
        channel = req.channel(cmd.channel)
        filters["channel"] = channel
        label = req.t("list.channel", channel=channel.name)
        empty = req.t("list.channel_empty", channel=channel.name)
    else:
        filters = {"overdue": kind is m.ListScope.OVERDUE, "done": kind is m.ListScope.DONE}
        label, empty = req.t(f"list.{kind.value}"), req.t(f"list.{kind.value}_empty")
    offset = (cmd.page - 1) * LIST_LIMIT
    found, total = tasks.list_tasks(scope, limit=LIST_LIMIT, offset=offset, **filters)  # type: ignore[arg-type]
    if not found:
        if cmd.page > 1 and total:
            return req.say("task.list_past_end", page=cmd.page, pages=-(-total // LIST_LIMIT))
        return req.say("task.list_nothing", what=empty)
    head = req.t("task.list_title_n", label=label, count=total)
    if cmd.page > 1:
        head = req.t("task.list_page", head=head, page=cmd.page)
    blocks: list[Block] = [
        Section(text=(Strong(text=head),)),
        *(task_line(t, scope.now, scope.lang) for t in found),
    ]
    more = total - offset - len(found)
    if more > 0:
        again = _list_command(cmd, page=cmd.page + 1)
        blocks.append(Section(text=(req.t("task.list_more", more=more, command=again),)))
    blocks.append(Context(text=(req.t("task.list_no_buttons"),)))
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def _list_command(cmd: m.TaskList, *, page: int) -> str:
    """The command that lists `page` of the same list."""
    words = ["/baton task list"]
    if cmd.scope is m.ListScope.USER and cmd.user is not None:
        words.append(str(cmd.user))
    elif cmd.scope is m.ListScope.CHANNEL and cmd.channel is not None:
        words.append(f"#{cmd.channel.name or cmd.channel.channel_id}")
    elif cmd.scope is not m.ListScope.MINE:
        words.append(cmd.scope.value)
    return " ".join([*words, "page", str(page)])
