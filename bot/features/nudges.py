"""Task nudges: the job that sends them, how they look, and their Snooze buttons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from bot.commands.drawing import Drawer
from bot.commands.effects import card
from bot.commands.feature import Feature
from bot.commands.grammar import ButtonParser
from bot.commands.invocation import Reply
from bot.commands.models import Command
from bot.commands.request import Request
from bot.core import outbox
from bot.core.catalog import text
from bot.core.errors import UserError
from bot.core.formats import local_time
from bot.core.ids import task_ref
from bot.core.message import Actions, Block, Button, ButtonStyle, Message, Section
from bot.core.nudges import DUE, JOB, snooze_nudge
from bot.core.outbox import Draft
from bot.core.quiet import is_quiet, next_allowed
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.core.snooze import snooze_until
from bot.core.tasks import LOADED, get_task
from bot.views.tasks import Action as TaskAction
from bot.views.tasks import button_value
from storage.models import JobState, Member, ScheduledJob, Task, TaskStatus

VIEW = "task.nudge"
SNOOZE = "nudge.snooze"
SNOOZE_CHOICES = ("1h", "3h", "tomorrow", "week")


class NudgeSnooze(Command):
    number: int
    choice: str
    stamp: int = 0
    """Which nudge the button was on: a press acts once per nudge."""


def _task(scope: Scope, task_id: object) -> Task | None:
    if not isinstance(task_id, int):
        return None
    query = (
        select(Task)
        .options(*LOADED)
        .where(Task.id == task_id, Task.workspace_id == scope.workspace.id)
    )
    return scope.session.scalars(query).one_or_none()


def send_nudge(scope: Scope, job: ScheduledJob) -> None:
    """Nudges the assignee, unless the task moved on; in their quiet hours, waits for the end."""
    task = _task(scope, job.payload.get("task"))
    if task is None or task.status != TaskStatus.OPEN or task.due_at is None:
        job.state = JobState.CANCELLED
        return
    member = task.assignee
    if member is None or member.id != job.payload.get("member"):
        job.state = JobState.CANCELLED
        return
    stage = str(job.payload.get("stage") or DUE)
    if stage == DUE and task.due_at <= scope.now:
        return  # overdue already: the overdue nudge speaks for it
    if is_quiet(member, scope.now):
        job.due_at = next_allowed(member, scope.now)
        return
    stamp = int(job.due_at.timestamp()) // 60
    facts = {"task": task.id, "stage": stage, "stamp": stamp}
    outbox.direct(scope, member.user_id, Draft(view=VIEW, facts=facts))


def draw_nudge(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    task = _task(scope, facts.get("task"))
    if task is None or task.status != TaskStatus.OPEN or task.due_at is None:
        return None  # done or re-dated before the nudge went out: it has nothing to say
    lang = reader.lang
    when = local_time(task.due_at, reader.tz, reader.lang, with_time=task.due_has_time)
    key = "nudge.overdue" if task.due_at <= scope.now else "nudge.due"
    line = text(key, lang, number=task.number, title=task.title, when=when)
    drawn = card(scope, task, reader)
    details = [b for b in drawn.blocks[1:] if not isinstance(b, Actions)]
    stamp = int(facts.get("stamp") or 0)
    buttons = [
        Button(
            label=text("button.complete", lang),
            action=TaskAction.COMPLETE,
            value=button_value(task),
            style=ButtonStyle.PRIMARY,
        ),
        *(
            Button(
                label=text(f"button.snooze.{choice}", lang),
                action=f"{SNOOZE}.{choice}",
                value=f"{task.number}:{stamp}",
            )
            for choice in SNOOZE_CHOICES
        ),
    ]
    blocks: list[Block] = [Section(text=(line,)), *details, Actions(buttons=tuple(buttons))]
    return Message(summary=line, blocks=tuple(blocks), tz=reader.tz)


def snooze_for(choice: str) -> ButtonParser:
    """The parser of one Snooze button (each has its own action id, as Slack wants)."""

    def pressed(value: str) -> Command:
        number, _, stamp = value.partition(":")
        digits = number.isascii() and number.isdigit() and stamp.isascii() and stamp.isdigit()
        if len(value) > 40 or not digits or not 0 < int(number) < 10**9:
            raise UserError("error.bad_button")
        return NudgeSnooze(number=int(number), choice=choice, stamp=int(stamp))

    return pressed


def snooze(req: Request, cmd: NudgeSnooze) -> Reply:
    task = get_task(req.scope, cmd.number)
    until = snooze_until(cmd.choice, req.scope.now, req.tz)
    member: Member | None = task.assignee
    if until is None or member is None:
        raise UserError("error.bad_button")
    snooze_nudge(req.scope, task, member, until)
    reply = req.say(
        "nudge.snoozed",
        number=task_ref(task.number),
        when=local_time(until, req.tz, req.scope.lang),
    )
    if req.invocation.press is None:
        return reply
    return reply.model_copy(update={"replace_source": True})


VIEWS: dict[str, Drawer] = {VIEW: draw_nudge}
BUTTONS: dict[str, ButtonParser] = {f"{SNOOZE}.{c}": snooze_for(c) for c in SNOOZE_CHOICES}

FEATURE = Feature(
    name="nudges",
    words={},
    usage={},
    handlers={NudgeSnooze: snooze},
    buttons=BUTTONS,
    views=VIEWS,
    jobs={JOB: send_nudge},
)
