"""Task nudges: a direct message to the assignee on the due day and while a task is overdue.

`plan_nudges` is called wherever a task's due date, assignee or status changes: it drops the
task's pending nudges and queues the ones its new state calls for, in the assignee's zone
and outside their quiet hours.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from dateutil.rrule import DAILY, rrule
from dateutil.rrule import weekdays as rrule_weekdays
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from bot.core.quiet import next_allowed
from bot.core.reader import zone
from bot.core.recurrence import as_text
from bot.core.scope import Scope
from storage.due_queue import cancel_jobs, schedule_job
from storage.job_batch import keyed_job, queue_keyed_jobs
from storage.models import JobState, Member, ScheduledJob, Task, TaskStatus

JOB = "task.nudge"
MORNING = time(9, 0)
BEFORE_DUE_TIME = timedelta(hours=1)
DUE, OVERDUE, SNOOZE = "due", "overdue", "snooze"
STAGES = (DUE, OVERDUE, SNOOZE)


def nudge_key(task_id: int, stage: str) -> str:
    return f"nudge:{task_id}:{stage}"


def plan_nudges(scope: Scope, task: Task, *, new: bool = False) -> None:
    """Queues the task's nudges for its current state, replacing any pending ones: those it
    no longer calls for are cancelled, the others written (or moved) in one statement.

    A `new` task, created in this transaction, has no nudges yet, pending or sent: nothing is
    looked up or cancelled for it."""
    planned = _planned(scope, task, new=new)
    if not new:
        stale = [nudge_key(task.id, stage) for stage in STAGES if stage not in planned]
        cancel_jobs(scope.session, scope.workspace.id, stale, scope.now)
    queue_keyed_jobs(scope.session, list(planned.values()))


def _planned(scope: Scope, task: Task, *, new: bool) -> dict[str, dict[str, Any]]:
    """The job rows of the nudges the task's state calls for, by stage."""
    member = task.assignee
    if task.status != TaskStatus.OPEN or task.due_at is None or member is None:
        return {}
    if member.nudges == "off":
        return {}
    planned: dict[str, dict[str, Any]] = {}
    due_nudge = _due_day_nudge(task, member, scope.now)
    if due_nudge is not None and (new or not _sent_already(scope, task, member)):
        planned[DUE] = _job(scope, task, member, DUE, due_nudge, recurrence=None)
    if member.nudges == "all":
        first = next_allowed(member, max(task.due_at, scope.now))
        recurrence = _every_workday(task, member)
        planned[OVERDUE] = _job(scope, task, member, OVERDUE, first, recurrence=recurrence)
    return planned


def _job(
    scope: Scope, task: Task, member: Member, stage: str, at: datetime, *, recurrence: str | None
) -> dict[str, Any]:
    assert task.due_at is not None
    return keyed_job(
        scope.workspace.id,
        JOB,
        nudge_key(task.id, stage),
        at,
        _payload(task, member, stage),
        tz=member.tz,
        recurrence=recurrence,
    )


def _payload(task: Task, member: Member, stage: str) -> dict[str, Any]:
    assert task.due_at is not None
    return {"task": task.id, "member": member.id, "stage": stage, "due": task.due_at.isoformat()}


def replan_nudges(scope: Scope, member: Member) -> int:
    """Plans again the nudges of `member`'s open tasks with a due date (after they changed
    their zone, quiet hours or nudge setting); returns how many tasks that was."""
    query = (
        select(Task)
        .options(joinedload(Task.assignee))
        .where(
            Task.workspace_id == scope.workspace.id,
            Task.assignee_id == member.id,
            Task.status == TaskStatus.OPEN,
            Task.due_at.is_not(None),
        )
    )
    tasks = scope.session.scalars(query).all()
    for task in tasks:
        plan_nudges(scope, task)
    return len(tasks)


def snooze_nudge(scope: Scope, task: Task, member: Member, until: datetime) -> None:
    schedule_job(
        scope.session,
        scope.workspace.id,
        JOB,
        until,
        _payload(task, member, SNOOZE),
        tz=member.tz,
        dedupe_key=nudge_key(task.id, SNOOZE),
    )


def _due_day_nudge(task: Task, member: Member, now: datetime) -> datetime | None:
    """09:00 on the due day, or an hour before a due time; moved out of quiet hours, and
    dropped when that is past or no longer before the due time."""
    assert task.due_at is not None
    place = zone(member.tz)
    if task.due_has_time:
        at = task.due_at - BEFORE_DUE_TIME
    else:
        day = task.due_at.astimezone(place).date()
        at = datetime.combine(day, MORNING, tzinfo=place).astimezone(task.due_at.tzinfo)
    at = next_allowed(member, at)
    if at < now or at >= task.due_at:
        return None
    return at


def _sent_already(scope: Scope, task: Task, member: Member) -> bool:
    """Whether this person had the due-day nudge for this due date (planning again after a
    change of settings must not send it twice)."""
    assert task.due_at is not None
    payloads = scope.session.scalars(
        select(ScheduledJob.payload).where(
            ScheduledJob.workspace_id == scope.workspace.id,
            ScheduledJob.dedupe_key == nudge_key(task.id, DUE),
            ScheduledJob.state == JobState.DONE,
        )
    )
    due = task.due_at.isoformat()
    return any(p.get("due") == due and p.get("member") == member.id for p in payloads)


def _every_workday(task: Task, member: Member) -> str:
    """Each morning at 09:00 from the due day on: at most one overdue nudge a day."""
    assert task.due_at is not None
    day = task.due_at.astimezone(zone(member.tz)).date()
    days = rrule_weekdays[:5] if member.quiet_weekends else None
    rule = rrule(
        DAILY,
        dtstart=datetime.combine(day, MORNING),
        byweekday=days,
        byhour=MORNING.hour,
        byminute=MORNING.minute,
        bysecond=0,
    )
    return as_text(rule)
