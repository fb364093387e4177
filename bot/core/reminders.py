"""Reminders: what to say, to a person or a channel, once or on a recurrence.

The reminder row says what and to whom; its scheduled job (`reminder:<id>`) says when, and a
snooze is a second, one-off job (`reminder:<id>:snooze`) beside it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, joinedload

from bot.core.errors import UserError
from bot.core.every import Every
from bot.core.scope import Scope
from storage.due_queue import cancel_jobs, schedule_job
from storage.models import Channel, JobState, Member, Reminder, ReminderState, ScheduledJob

JOB = "reminder"
LIST_LIMIT = 25


def job_key(reminder_id: int) -> str:
    return f"reminder:{reminder_id}"


def snooze_key(reminder_id: int) -> str:
    return f"reminder:{reminder_id}:snooze"


@dataclass(frozen=True, slots=True)
class Listed:
    reminder: Reminder
    next_at: datetime | None
    """When it goes off next; None when it went off and waits to be marked complete."""


def create(
    scope: Scope,
    *,
    member: Member | None,
    channel: Channel | None,
    what: str,
    at: datetime,
    every: Every | None,
    tz: str,
) -> Reminder:
    """A reminder for `member` (a direct message) or `channel` (a post), first at `at`."""
    reminder = Reminder(
        workspace_id=scope.workspace.id,
        creator_id=scope.member.id,
        creator=scope.member,
        member_id=member.id if member else None,
        member=member,
        channel_id=channel.id if channel else None,
        channel=channel,
        what=what,
        said=every.said if every else "",
        tz=tz,
        state=ReminderState.ACTIVE,
        fired=0,
        created_at=scope.now,
    )
    scope.session.add(reminder)
    scope.session.flush()
    schedule_job(
        scope.session,
        scope.workspace.id,
        JOB,
        every.first if every else at,
        {"reminder": reminder.id},
        tz=tz,
        recurrence=every.rule if every else None,
        dedupe_key=job_key(reminder.id),
    )
    return reminder


def get(scope: Scope, reminder_id: int) -> Reminder:
    """An active reminder of this workspace, with its people and channel loaded."""
    query = (
        select(Reminder)
        .options(
            joinedload(Reminder.creator), joinedload(Reminder.member), joinedload(Reminder.channel)
        )
        .where(
            Reminder.id == reminder_id,
            Reminder.workspace_id == scope.workspace.id,
            Reminder.state == ReminderState.ACTIVE,
        )
    )
    reminder = scope.session.scalars(query).unique().one_or_none()
    if reminder is None:
        raise UserError("error.no_such_reminder")
    return reminder


def delete(scope: Scope, reminder_id: int) -> Reminder:
    reminder = get(scope, reminder_id)
    reminder.state = ReminderState.DELETED
    keys = [job_key(reminder.id), snooze_key(reminder.id)]
    cancel_jobs(scope.session, scope.workspace.id, keys, scope.now)
    return reminder


def complete(scope: Scope, reminder_id: int) -> Reminder:
    """Marks what the reminder asked for done: a one-off one is over, a recurring one goes
    on at its next occurrence; a pending snooze is dropped either way."""
    reminder = get(scope, reminder_id)
    cancel_jobs(scope.session, scope.workspace.id, [snooze_key(reminder.id)], scope.now)
    if not reminder.said:
        reminder.state = ReminderState.DONE
        cancel_jobs(scope.session, scope.workspace.id, [job_key(reminder.id)], scope.now)
    return reminder


def snooze(scope: Scope, reminder_id: int, until: datetime) -> Reminder:
    reminder = get(scope, reminder_id)
    schedule_job(
        scope.session,
        scope.workspace.id,
        JOB,
        until,
        {"reminder": reminder.id, "snoozed": True},
        tz=reminder.tz,
        dedupe_key=snooze_key(reminder.id),
    )
    return reminder


def loaded(session: Session, ids: Sequence[int]) -> list[Reminder]:
    """Reminders by id, with their people and channel (any workspace: callers check)."""
    query = (
        select(Reminder)
        .options(
            joinedload(Reminder.creator), joinedload(Reminder.member), joinedload(Reminder.channel)
        )
        .where(Reminder.id.in_(ids))
    )
    return list(session.scalars(query).unique())


PRELOADED = "reminders.preloaded"
"""Key in a session's `info`: the reminders of the batch of jobs it runs, by id."""


def preload(session: Session, jobs: Sequence[ScheduledJob]) -> None:
    """Loads the reminders of a batch of due jobs in one query; `fire` finds them there."""
    ids = [int(job.payload.get("reminder", 0)) for job in jobs]
    found: dict[int, Reminder] = session.info.setdefault(PRELOADED, {})
    found.update((reminder.id, reminder) for reminder in loaded(session, ids))


def fire(scope: Scope, job: ScheduledJob) -> Reminder | None:
    """The reminder a due job is for, counted as gone off; None when it is over."""
    reminder_id = int(job.payload.get("reminder", 0))
    preloaded: dict[int, Reminder] = scope.session.info.get(PRELOADED, {})
    reminder = preloaded.get(reminder_id)
    if reminder is None:
        reminder = next(iter(loaded(scope.session, [reminder_id])), None)
    if (
        reminder is None
        or reminder.workspace_id != scope.workspace.id
        or reminder.state != ReminderState.ACTIVE
    ):
        job.state = JobState.CANCELLED
        return None
    reminder.fired += 1
    return reminder


def listing(
    scope: Scope, *, member: Member | None = None, channel: Channel | None = None
) -> list[Listed]:
    """Active reminders of a channel, or for and by a person, soonest first."""
    where = [Reminder.workspace_id == scope.workspace.id, Reminder.state == ReminderState.ACTIVE]
    if channel is not None:
        where.append(Reminder.channel_id == channel.id)
    elif member is not None:
        where.append(or_(Reminder.member_id == member.id, Reminder.creator_id == member.id))
    reminders = (
        scope.session.scalars(
            select(Reminder)
            .options(
                joinedload(Reminder.creator),
                joinedload(Reminder.member),
                joinedload(Reminder.channel),
            )
            .where(*where)
            .order_by(Reminder.id)
            .limit(LIST_LIMIT)
        )
        .unique()
        .all()
    )
    keys = [k for r in reminders for k in (job_key(r.id), snooze_key(r.id))]
    due = scope.session.execute(
        select(ScheduledJob.dedupe_key, ScheduledJob.due_at).where(
            ScheduledJob.workspace_id == scope.workspace.id,
            ScheduledJob.dedupe_key.in_(keys),
            ScheduledJob.state == JobState.PENDING,
        )
    ).all()
    soonest: dict[int, datetime] = {}
    for key, at in due:
        reminder_id = int(str(key).split(":")[1])
        soonest[reminder_id] = min(at, soonest.get(reminder_id, at))
    listed = [Listed(r, soonest.get(r.id)) for r in reminders]
    far = datetime.max.replace(tzinfo=scope.now.tzinfo)
    return sorted(listed, key=lambda item: item.next_at or far)
