"""The "My work" page: a person's overdue and open tasks, with buttons."""

from __future__ import annotations

from datetime import datetime

from bot.core.catalog import text
from bot.core.message import Block, Context, Divider, Message, Section, Strong
from bot.core.reader import Reader
from bot.views.tasks import task_buttons, task_line
from storage.models import Task

HOME_LIMIT = 30


def my_work(tasks: list[Task], total: int, *, now: datetime, reader: Reader) -> Message:
    """A person's page, from their open tasks soonest due first."""
    lang = reader.lang
    overdue = [t for t in tasks if t.due_at is not None and t.due_at < now]
    upcoming = [t for t in tasks if t not in overdue]
    head = text("home.title", lang)
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    if not tasks:
        blocks.append(Section(text=(text("home.empty", lang),)))
    for key, group in (("home.overdue", overdue), ("home.open", upcoming)):
        if not group:
            continue
        blocks += [Divider(), Section(text=(Strong(text=text(key, lang, count=len(group))),))]
        for task in group:
            blocks += [task_line(task, now, lang), task_buttons(task, lang)]
    if total > len(tasks):
        blocks.append(Context(text=(text("list.more", lang, more=total - len(tasks)),)))
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz, lang=reader.lang)
