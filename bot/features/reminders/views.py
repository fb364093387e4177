"""How reminders look: the message when one goes off, and the list with its Delete buttons."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.commands.drawing import Drawer, DrawPreloader
from bot.core.catalog import text
from bot.core.message import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Context,
    Inline,
    Message,
    Moment,
    Section,
    Strong,
)
from bot.core.reader import Reader
from bot.core.recurrence_words import said_in
from bot.core.reminders import PRELOADED, Listed, loaded
from bot.core.scope import Scope
from bot.core.snooze import CHOICES
from bot.features.reminders.commands import Action
from bot.views.tasks import mention
from storage.models import Reminder, ReminderState

VIEW = "reminder"


def whom(reminder: Reminder, lang: str) -> Inline:
    if reminder.channel is not None:
        return f"#{reminder.channel.name}"
    if reminder.member is not None and reminder.member_id != reminder.creator_id:
        return mention(reminder.member)
    return text("reminder.you", lang)


def reminder_message(
    reminder: Reminder, reader: Reader, occurrence: int, late_since: datetime | None
) -> Message:
    """What a reminder says when it goes off, with its buttons."""
    lang = reader.lang
    for_someone_else = reminder.channel is None and reminder.member_id != reminder.creator_id
    if for_someone_else:
        head = text("reminder.from", lang, who=f"@{reminder.creator.name}", what=reminder.what)
    else:
        head = text("reminder.fired", lang, what=reminder.what)
    blocks: list[Block] = [Section(text=(head,))]
    context: list[Inline] = []
    if reminder.channel is not None:
        context += [text("reminder.set_by", lang), mention(reminder.creator)]
    if reminder.said:
        context += [" · " if context else "", said_in(reminder.said, lang)]
    if context:
        blocks.append(Context(text=tuple(context)))
    if late_since is not None:
        blocks.append(Context(text=(text("reminder.late", lang), Moment(at=late_since))))
    value = f"{reminder.id}:{occurrence}"
    buttons = [
        Button(
            label=text("button.mark_complete", lang),
            action=Action.COMPLETE,
            value=value,
            style=ButtonStyle.PRIMARY,
        ),
        *(
            Button(
                label=text(f"button.snooze.{c}", lang), action=f"{Action.SNOOZE}.{c}", value=value
            )
            for c in CHOICES
        ),
        Button(
            label=text("button.delete", lang),
            action=Action.DELETE,
            value=str(reminder.id),
            style=ButtonStyle.DANGER,
        ),
    ]
    blocks.append(Actions(buttons=tuple(buttons)))
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz)


def listing_message(head: str, listed: list[Listed], reader: Reader) -> Message:
    lang = reader.lang
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    for item in listed:
        reminder = item.reminder
        quoted = text("message.quoted", lang, text=reminder.what)
        line: list[Inline] = [f"{quoted} · ", whom(reminder, lang), " · "]
        if reminder.said:
            line += [said_in(reminder.said, lang), " · "]
        if item.next_at is not None:
            line += [text("reminder.next", lang), Moment(at=item.next_at)]
        else:
            line.append(text("reminder.went_off", lang))
        blocks.append(Section(text=tuple(line)))
        delete = Button(
            label=text("button.delete", lang), action=Action.DELETE, value=str(reminder.id)
        )
        blocks.append(Actions(buttons=(delete,)))
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz)


def draw_reminder(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    reminder_id = facts.get("reminder")
    if not isinstance(reminder_id, int):
        return None
    preloaded: dict[int, Reminder] = scope.session.info.get(PRELOADED, {})
    reminder = preloaded.get(reminder_id) or next(iter(loaded(scope.session, [reminder_id])), None)
    if reminder is None or reminder.workspace_id != scope.workspace.id:
        return None
    if reminder.state == ReminderState.DELETED:
        return None  # deleted after it went off, before it could be sent: say nothing
    late = facts.get("late")
    late_since = datetime.fromisoformat(late) if isinstance(late, str) else None
    return reminder_message(reminder, reader, int(facts.get("occurrence") or 0), late_since)


def preload_drafts(session: Session, drafts: Sequence[Mapping[str, Any]]) -> None:
    """The reminders of a batch of messages to draw, in one query."""
    ids = [d["reminder"] for d in drafts if isinstance(d.get("reminder"), int)]
    found: dict[int, Reminder] = session.info.setdefault(PRELOADED, {})
    found.update((reminder.id, reminder) for reminder in loaded(session, ids))


VIEWS: dict[str, Drawer] = {VIEW: draw_reminder}
VIEW_PRELOADS: dict[str, DrawPreloader] = {VIEW: preload_drafts}
