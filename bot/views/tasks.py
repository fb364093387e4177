"""How tasks look in a message: cards with buttons, list lines, details."""

from __future__ import annotations

from datetime import datetime

from bot.core.catalog import text
from bot.core.handover import said_handover
from bot.core.ids import task_ref
from bot.core.message import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Context,
    Fact,
    Fields,
    Inline,
    Mention,
    Message,
    Moment,
    Section,
    Strong,
    Text,
)
from storage.models import Member, Task, TaskComment, TaskEvent, TaskStatus


class Action:
    """Action ids of the buttons Baton renders; a press comes back with one of these."""

    COMPLETE = "task.complete"
    REOPEN = "task.reopen"
    ASSIGN_ME = "task.assign_me"
    SNOOZE = "task.snooze"
    COMMENT = "task.comment"
    EDIT = "task.edit"
    SHOW = "task.show"
    CREATE_ANYWAY = "task.create_anyway"
    DELETE = "task.delete"
    """Delete, confirmed (the button under "Delete T-n?")."""
    KEEP = "task.keep"
    NEW_TASK_FORM = "task.new_form"
    """Open the new-task form filled in from the value (a message shortcut, for example)."""


def mention(member: Member) -> Mention:
    return Mention(user_id=member.user_id, name=member.name)


def who(member: Member | None, lang: str) -> Inline:
    return mention(member) if member is not None else text("task.nobody", lang)


def is_overdue(task: Task, now: datetime) -> bool:
    return task.status == TaskStatus.OPEN and task.due_at is not None and task.due_at < now


def due_text(task: Task, now: datetime, lang: str) -> Text:
    if task.due_at is None:
        return (text("task.no_due", lang),)
    moment = Moment(at=task.due_at, with_time=task.due_has_time)
    if is_overdue(task, now):
        return (moment, f" ({text('task.status.overdue', lang)})")
    return (moment,)


def button_value(task: Task) -> str:
    """`number:version`: the version makes each rendering's buttons distinct, so pressing the
    same button twice on one rendering is recognised as a double click."""
    return f"{task.number}:{task.version}"


def task_buttons(task: Task, lang: str) -> Actions:
    value = button_value(task)
    if task.status != TaskStatus.OPEN:
        return Actions(
            buttons=(Button(label=text("button.reopen", lang), action=Action.REOPEN, value=value),)
        )
    return Actions(
        buttons=(
            Button(
                label=text("button.complete", lang),
                action=Action.COMPLETE,
                value=value,
                style=ButtonStyle.PRIMARY,
            ),
            Button(label=text("button.assign_me", lang), action=Action.ASSIGN_ME, value=value),
            Button(label=text("button.snooze", lang), action=Action.SNOOZE, value=value),
            Button(label=text("button.comment", lang), action=Action.COMMENT, value=value),
            Button(label=text("button.edit", lang), action=Action.EDIT, value=value),
        )
    )


def task_card(
    task: Task, open_blockers: list[Task], *, now: datetime, lang: str, tz: str
) -> Message:
    """The message that shows one task; it is updated in place whenever the task changes."""
    ref = task_ref(task.number)
    status_key = f"task.status.{task.status.value}"
    fields = [
        Fact(label=text("task.field.assignee", lang), value=(who(task.assignee, lang),)),
        Fact(label=text("task.field.due", lang), value=due_text(task, now, lang)),
        Fact(label=text("task.field.status", lang), value=(text(status_key, lang),)),
    ]
    if open_blockers and task.status == TaskStatus.OPEN:  # done work waits for nothing
        names = ", ".join(task_ref(b.number) for b in open_blockers)
        fields.append(Fact(label=text("task.field.blocked_by", lang), value=(names,)))
    context: list[Inline] = [text("task.created_by", lang), mention(task.creator)]
    if task.channel is not None and task.channel.name:
        context.append(text("task.in_channel", lang, channel=task.channel.name))
    if task.status == TaskStatus.DONE and task.completed_by and task.completed_at:
        context += [
            " · ",
            text("task.completed_by", lang),
            mention(task.completed_by),
            " ",
            Moment(at=task.completed_at),
        ]
    done_mark = "✅ " if task.status == TaskStatus.DONE else ""
    blocks: list[Block] = [
        Section(text=(done_mark, Strong(text=ref), " ", task.title)),
        Fields(fields=tuple(fields)),
        Context(text=tuple(context)),
    ]
    if task.status in (TaskStatus.OPEN, TaskStatus.DONE):
        blocks.append(task_buttons(task, lang))
    return Message(summary=f"{done_mark}{ref} {task.title}", blocks=tuple(blocks), tz=tz)


def task_line(task: Task, now: datetime, lang: str) -> Section:
    """One task in a list: id, title, assignee and due date."""
    line: list[Inline] = [Strong(text=task_ref(task.number)), " ", task.title, " · "]
    line.append(who(task.assignee, lang))
    if task.due_at is not None:
        line += [" · ", *due_text(task, now, lang)]
    return Section(text=tuple(line))


def task_details(
    task: Task,
    open_blockers: list[Task],
    comments: list[TaskComment],
    events: list[TaskEvent],
    *,
    now: datetime,
    lang: str,
    tz: str,
) -> Message:
    """The card, plus the task's notes, latest comments and activity log."""
    card = task_card(task, open_blockers, now=now, lang=lang, tz=tz)
    buttons = [b for b in card.blocks if isinstance(b, Actions)]
    blocks = [b for b in card.blocks if not isinstance(b, Actions)]
    if task.notes:
        blocks.append(Section(text=(task.notes,)))
    if comments:
        blocks.append(Section(text=(Strong(text=text("task.comments", lang)),)))
        blocks += [
            Context(text=(mention(c.author), " ", Moment(at=c.created_at), ": ", c.body))
            for c in comments
        ]
    if events:
        blocks.append(Section(text=(Strong(text=text("task.activity", lang)),)))
        blocks += [Context(text=_event_line(e, lang)) for e in events]
    return Message(summary=card.summary, blocks=(*blocks, *buttons), tz=tz)


def _event_line(event: TaskEvent, lang: str) -> Text:
    actor: Inline = mention(event.actor) if event.actor else text("event.by_baton", lang)
    head: Text = (Moment(at=event.at), " ", actor, " ")
    if event.kind == "due":
        due = datetime.fromisoformat(event.detail)
        return (*head, text("event.due", lang, detail=""), Moment(at=due))
    if event.kind == "handover":
        return (*head, said_handover(event.detail, lang))
    try:
        return (*head, text(f"event.{event.kind}", lang, detail=event.detail))
    except KeyError:
        return (*head, event.kind)
