"""Daily digests: on workdays at a chosen time, what a channel (or a person) should know.

Due today, overdue, blocked and newly assigned open tasks, and the OKR check-ins waiting for an
answer; nothing is sent when all five are empty. Each digest is a recurring job
(`digest:<id>`) in its reader's zone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from dateutil.rrule import WEEKLY, rrule
from dateutil.rrule import weekdays as rrule_weekdays
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bot.core.reader import zone
from bot.core.recurrence import as_text, next_after
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from storage.due_queue import cancel_jobs, schedule_job
from storage.models import (
    Channel,
    CheckInRequest,
    Digest,
    KeyResult,
    Member,
    Objective,
    ObjectiveState,
    Task,
    TaskDependency,
    TaskEvent,
    TaskStatus,
)

JOB = "digest"
DEFAULT_AT = time(9, 0)
SECTION_LIMIT = 15
NEW_WITHIN = timedelta(days=1)
"""What counts as newly assigned in a first digest (later ones: since the one before)."""


def job_key(digest_id: int) -> str:
    return f"digest:{digest_id}"


def workday_rule(at: time, start: datetime, tz: str) -> str:
    """Monday to Friday at `at`, local wall time, from the day of `start` in `tz`."""
    day = start.astimezone(zone(tz)).date()
    rule = rrule(
        WEEKLY,
        dtstart=datetime.combine(day, at),
        byweekday=rrule_weekdays[:5],
        byhour=at.hour,
        byminute=at.minute,
        bysecond=0,
    )
    return as_text(rule)


def find(scope: Scope, target: str) -> Digest | None:
    return scope.session.scalars(
        select(Digest).where(Digest.workspace_id == scope.workspace.id, Digest.target == target)
    ).one_or_none()


def switch_on(
    scope: Scope,
    target: str,
    tz: str,
    *,
    channel: Channel | None = None,
    member: Member | None = None,
    at: time | None = None,
) -> tuple[Digest, datetime]:
    """Turns the digest of `target` on (at `at`, or the time it had, else 09:00); returns it
    and when it goes out next."""
    digest = find(scope, target)
    if digest is None:
        digest = Digest(
            workspace_id=scope.workspace.id,
            target=target,
            channel_id=channel.id if channel else None,
            member_id=member.id if member else None,
            at=f"{DEFAULT_AT:%H:%M}",
            enabled=True,
            created_at=scope.now,
        )
        scope.session.add(digest)
        scope.session.flush()
    digest.enabled = True
    if at is not None:
        digest.at = f"{at:%H:%M}"
    return digest, schedule(scope, digest, tz)


def schedule(scope: Scope, digest: Digest, tz: str) -> datetime:
    """(Re)queues the digest's job in zone `tz`; returns its next time."""
    hour, minute = (int(part) for part in digest.at.split(":"))
    rule = workday_rule(time(hour, minute), scope.now, tz)
    following = next_after(rule, tz, scope.now)
    assert following is not None  # a weekly rule without end always has a next time
    schedule_job(
        scope.session,
        scope.workspace.id,
        JOB,
        following,
        {"digest": digest.id},
        tz=tz,
        recurrence=rule,
        dedupe_key=job_key(digest.id),
    )
    return following


def follow_zone(scope: Scope, target: str, tz: str) -> None:
    """Moves the digest of `target`, if on, to the same local time in its new zone."""
    digest = find(scope, target)
    if digest is not None and digest.enabled:
        schedule(scope, digest, tz)


def switch_off(scope: Scope, target: str) -> Digest | None:
    digest = find(scope, target)
    if digest is None or not digest.enabled:
        return None
    digest.enabled = False
    cancel_jobs(scope.session, scope.workspace.id, [job_key(digest.id)], scope.now)
    return digest


@dataclass
class Content:
    due_today: list[Task] = field(default_factory=list)
    overdue: list[Task] = field(default_factory=list)
    blocked: list[Task] = field(default_factory=list)
    new: list[Task] = field(default_factory=list)
    checkins: list[tuple[KeyResult, CheckInRequest]] = field(default_factory=list)
    """Key results whose owners were asked to check in and have not answered yet."""

    @property
    def empty(self) -> bool:
        return not (self.due_today or self.overdue or self.blocked or self.new or self.checkins)


def content(
    session: Session,
    workspace_id: int,
    *,
    now: datetime,
    tz: str,
    since: datetime | None,
    channel_id: int | None = None,
    member_id: int | None = None,
) -> Content:
    """The open tasks of a channel or a person that a digest shows."""
    where = [Task.workspace_id == workspace_id, Task.status == TaskStatus.OPEN]
    if channel_id is not None:
        where.append(Task.channel_id == channel_id)
    if member_id is not None:
        where.append(Task.assignee_id == member_id)
    place = zone(tz)
    tomorrow = datetime.combine(now.astimezone(place).date() + timedelta(days=1), time(0), place)

    def tasks(*extra: object) -> list[Task]:
        query = (
            select(Task)
            .options(*LOADED)
            .where(*where, *extra)  # type: ignore[arg-type]
            .order_by(Task.due_at.is_(None), Task.due_at, Task.number)
            .limit(SECTION_LIMIT)
        )
        return list(session.scalars(query).unique())

    blocker = aliased(Task)
    waiting = (
        select(TaskDependency.task_id)
        .join(blocker, blocker.id == TaskDependency.blocker_id)
        .where(blocker.status == TaskStatus.OPEN)
    )
    assigned = select(TaskEvent.task_id).where(
        TaskEvent.workspace_id == workspace_id,
        TaskEvent.kind.in_(["assigned", "handover", "created"]),
        TaskEvent.at >= (since or now - NEW_WITHIN),
    )
    return Content(
        due_today=tasks(Task.due_at >= now, Task.due_at < tomorrow.astimezone(now.tzinfo)),
        overdue=tasks(Task.due_at < now),
        blocked=tasks(Task.id.in_(waiting)),
        new=tasks(Task.id.in_(assigned), Task.assignee_id.is_not(None)),
        checkins=checkins_due(
            session, workspace_id, now=now, channel_id=channel_id, member_id=member_id
        ),
    )


def checkins_due(
    session: Session,
    workspace_id: int,
    *,
    now: datetime,
    channel_id: int | None = None,
    member_id: int | None = None,
) -> list[tuple[KeyResult, CheckInRequest]]:
    """The check-ins asked of a person (or in a channel's objectives) still unanswered before
    their cutoff, soonest cutoff first."""
    query = (
        select(KeyResult, CheckInRequest)
        .join(CheckInRequest, CheckInRequest.key_result_id == KeyResult.id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(
            CheckInRequest.workspace_id == workspace_id,
            CheckInRequest.answered_at.is_(None),
            CheckInRequest.skipped.is_(False),
            CheckInRequest.cutoff_at > now,
            Objective.state == ObjectiveState.ACTIVE,
        )
        .order_by(CheckInRequest.cutoff_at, KeyResult.number)
        .limit(SECTION_LIMIT)
    )
    if channel_id is not None:
        query = query.where(Objective.channel_id == channel_id)
    if member_id is not None:
        query = query.where(CheckInRequest.owner_id == member_id)
    return [(key_result, request) for key_result, request in session.execute(query)]
