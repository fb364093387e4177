"""How runs look: the message in their channel, their status by section, list lines."""

from __future__ import annotations

from datetime import datetime

from bot.core.catalog import text
from bot.core.formats import number
from bot.core.ids import run_ref, task_ref
from bot.core.message import (
    Actions,
    Block,
    Button,
    ButtonStyle,
    Context,
    Inline,
    Message,
    Moment,
    Progress,
    Section,
    Strong,
    Text,
    plain,
)
from bot.core.runs.listing import Listed
from bot.core.runs.progress import Counts, Item
from bot.core.runs.stats import days_between
from bot.views.lines import packed
from bot.views.tasks import due_text, mention, who
from storage.models import Run, RunStatus, TaskStatus

NEXT_SHOWN = 5


class RunAction:
    """Action ids of the buttons on run messages."""

    COMPLETE = "run.complete"
    """Complete an item from the run's message (value `task number:version`); each button of
    a message has its own action id (`run.complete.1` …), as Slack wants them distinct."""
    RETRO_FORM = "run.retro_form"
    """Open the retrospective form of a finished run (value: its number)."""


def run_title(run: Run, title: str) -> Text:
    mark = {RunStatus.DONE: "✅ ", RunStatus.CANCELLED: "⛔ "}.get(run.status, "")
    subject = f" · {run.subject}" if run.subject else ""
    return (mark, Strong(text=run_ref(run.number)), f" {title}{subject}")


def _summary(run: Run, title: str) -> str:
    return plain(run_title(run, title))


def item_line(item: Item, now: datetime, lang: str, *, with_status: bool = False) -> Text:
    """`T-5 Papers to the registration agent · @sam · Mon 07 Dec 2026`"""
    task = item.task
    mark = ""
    if with_status:
        if task.status == TaskStatus.DONE:
            mark = "✅ "
        elif task.status == TaskStatus.CANCELLED:
            mark = "⛔ "
        elif item.waits_for:
            mark = "⏳ "
        else:
            mark = "☐ "
    line: list[Inline] = [mark, Strong(text=task_ref(task.number)), f" {task.title} · "]
    line.append(who(task.assignee, lang))
    if task.status == TaskStatus.OPEN and task.due_at is not None:
        line += [" · ", *due_text(task, now, lang)]
    if with_status and item.waits_for:
        waiting = ", ".join(task_ref(n) for n in item.waits_for)
        line.append(" · " + text("run.waits_for", lang, tasks=waiting))
    if with_status and task.status == TaskStatus.DONE and task.completed_by is not None:
        line += [" · ", text("run.done_by", lang), mention(task.completed_by)]
    return tuple(line)


def progress_block(counts: Counts, lang: str) -> Progress:
    label = text("run.progress", lang, done=counts.done, total=counts.total)
    return Progress(label=label, done=counts.done, total=counts.total)


def _counts(items: list[Item]) -> Counts:
    done = sum(1 for item in items if item.task.status == TaskStatus.DONE)
    return Counts(done, len(items))


def _about(run: Run, lang: str) -> Text:
    """Who started it, where, when it started and when it should finish (or did)."""
    parts: list[Inline] = [text("run.started_by", lang), mention(run.started_by)]
    if run.channel is not None and run.channel.name:
        parts.append(text("task.in_channel", lang, channel=run.channel.name))
    if run.status == RunStatus.ACTIVE and run.expected_finish_at is not None:
        parts.append(" · " + text("run.expected_finish", lang))
        parts += due_moment(run.expected_finish_at)
    if run.finished_at is not None and run.status == RunStatus.DONE:
        days = days_between(run.start_at, run.finished_at)
        parts.append(" · " + text("run.finished_in", lang, days=number(days, lang)))
    elif run.status == RunStatus.CANCELLED:
        parts.append(" · " + text("run.cancelled_note", lang))
    return tuple(parts)


def due_moment(at: datetime) -> tuple[Inline, ...]:
    return (Moment(at=at, with_time=False),)


def run_message(
    run: Run, title: str, items: list[Item], *, now: datetime, lang: str, tz: str
) -> Message:
    """The run's message in its channel: progress, next open items with buttons to complete
    them; redrawn in place as items change."""
    counts = _counts(items)
    blocks: list[Block] = [
        Section(text=run_title(run, title)),
        progress_block(counts, lang),
    ]
    actionable = sorted(
        (item for item in items if item.actionable),
        key=lambda item: (item.task.due_at is None, item.task.due_at, item.task.number),
    )
    if run.status == RunStatus.ACTIVE and actionable:
        shown = actionable[:NEXT_SHOWN]
        lines: list[Text] = [(Strong(text=text("run.next", lang)),)]
        lines += [item_line(item, now, lang) for item in shown]
        waiting = sum(1 for item in items if item.task.status == TaskStatus.OPEN) - len(shown)
        if waiting > 0:
            lines.append((text("run.more_open_n", lang, count=waiting),))
        blocks += packed(lines)
    blocks.append(Context(text=_about(run, lang)))
    if run.status == RunStatus.ACTIVE and actionable:
        buttons = tuple(
            Button(
                label=text("run.complete_button", lang, number=item.task.number),
                action=f"{RunAction.COMPLETE}.{n + 1}",
                value=f"{item.task.number}:{item.task.version}",
                style=ButtonStyle.PRIMARY if n == 0 else ButtonStyle.DEFAULT,
            )
            for n, item in enumerate(actionable[:NEXT_SHOWN])
        )
        blocks.append(Actions(buttons=buttons))
    return Message(summary=_summary(run, title), blocks=tuple(blocks), tz=tz)


def run_status(
    run: Run,
    title: str,
    sections: dict[str, str],
    items: list[Item],
    *,
    now: datetime,
    lang: str,
    tz: str,
) -> Message:
    """Every item of the run by section: who, when due, done or waiting."""
    blocks: list[Block] = [
        Section(text=run_title(run, title)),
        progress_block(_counts(items), lang),
    ]
    lines: list[Text] = []
    current = None
    for item in items:
        section = sections.get(item.task.run_item or "", "")
        if section != current:
            current = section
            lines.append((Strong(text=section or text("run.other_items", lang)),))
        lines.append(item_line(item, now, lang, with_status=True))
    blocks += packed(lines)
    blocks.append(Context(text=_about(run, lang)))
    return Message(summary=_summary(run, title), blocks=tuple(blocks), tz=tz)


def run_list_line(listed: Listed, lang: str) -> Text:
    run = listed.run
    line: list[Inline] = [Strong(text=run_ref(run.number)), f" {listed.template}"]
    if run.subject:
        line.append(f" · {run.subject}")
    line.append(f" · {listed.counts.done}/{listed.counts.total}")
    if run.status == RunStatus.DONE and run.finished_at is not None:
        days = days_between(run.start_at, run.finished_at)
        line.append(" · " + text("run.finished_in", lang, days=number(days, lang)))
    elif listed.next_due is not None:
        line.append(" · " + text("run.next_due", lang))
        line += due_moment(listed.next_due)
        if listed.late:
            line.append(" · " + text("run.late_items_n", lang, count=listed.late))
    return tuple(line)


def finished_message(run: Run, title: str, items: list[Item], *, lang: str, tz: str) -> Message:
    """For the person who started the run: it is finished; what would they change?"""
    head = text("run.finished_dm", lang, run=run_ref(run.number))
    blocks: list[Block] = [
        Section(text=(head,)),
        Section(text=run_title(run, title)),
        progress_block(_counts(items), lang),
        Section(text=(text("run.retro_question", lang),)),
        Actions(
            buttons=(
                Button(
                    label=text("run.retro_button", lang),
                    action=RunAction.RETRO_FORM,
                    value=str(run.number),
                    style=ButtonStyle.PRIMARY,
                ),
            )
        ),
        Context(text=(text("run.retro_typed", lang, number=run.number),)),
    ]
    return Message(summary=head, blocks=tuple(blocks), tz=tz)
