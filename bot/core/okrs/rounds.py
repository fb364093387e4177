"""Check-in rounds planned: when each key-result owner of a channel is asked.

A channel's owners are each asked on the channel's cadence (`OkrCadence`, else weekly on
Monday at 09:00) at that local time in their own zone, by one recurring job per (channel,
owner), re-planned whenever what they own or the cadence changes (`plan_checkins`). What a
round then asks is `round_requests`'.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from dateutil.rrule import weekdays as rrule_weekdays
from sqlalchemy import select

from bot.core.okrs.cadences import DEFAULT
from bot.core.okrs.grading import plan_grading
from bot.core.quiet import read_clock
from bot.core.reader import zone
from bot.core.recurrence import as_text, next_after
from bot.core.scope import Scope
from storage.due_queue import cancel_jobs, pending_job, schedule_job
from storage.models import (
    Channel,
    JobState,
    KeyResult,
    KeyResultKind,
    Member,
    Objective,
    ObjectiveState,
    OkrCadence,
    ScheduledJob,
)

ASK_JOB = "okr_checkin.ask"
NUDGE_JOB = "okr_checkin.nudge"
SUMMARY_JOB = "okr_checkin.summary"


def ask_key(channel_id: int, owner_id: int) -> str:
    return f"okr-ask:{channel_id}:{owner_id}"


def nudge_key(channel_id: int, owner_id: int) -> str:
    return f"okr-nudge:{channel_id}:{owner_id}"


def summary_key(channel_id: int) -> str:
    return f"okr-summary:{channel_id}"


@dataclass(frozen=True)
class Cadence:
    """A channel's cadence as rounds are planned on it (`cadences.Cadence` as set, plus when it
    was set and the cutoff as a duration)."""

    every: str
    weekday: int
    at: time
    cutoff: timedelta
    anchor: datetime | None
    """When it was set: every-2-weeks rounds count their weeks from it."""


def cadence_of(scope: Scope, channel_id: int) -> Cadence:
    row = scope.session.scalars(
        select(OkrCadence).where(
            OkrCadence.workspace_id == scope.workspace.id, OkrCadence.channel_id == channel_id
        )
    ).one_or_none()
    if row is None:
        at = read_clock(DEFAULT.at) or time(9, 0)
        return Cadence(
            DEFAULT.every, DEFAULT.weekday, at, timedelta(hours=DEFAULT.cutoff_hours), None
        )
    at = read_clock(row.at) or time(9, 0)
    return Cadence(row.every, row.weekday, at, timedelta(hours=row.cutoff_hours), row.created_at)


def cadence_rule(cadence: Cadence, now: datetime, tz: str) -> str:
    """The cadence as a stored rule in local wall time of `tz`."""
    start = (cadence.anchor or now).astimezone(zone(tz)).date()
    weekday = rrule_weekdays[cadence.weekday % 7]
    hour, minute = cadence.at.hour, cadence.at.minute
    dtstart = datetime.combine(start - timedelta(days=start.weekday()), cadence.at)
    if cadence.every == "monthly":
        rule = rrule(
            MONTHLY,
            dtstart=dtstart,
            byweekday=weekday(+1),
            byhour=hour,
            byminute=minute,
            bysecond=0,
        )
    else:
        interval = 2 if cadence.every == "biweekly" else 1
        rule = rrule(
            WEEKLY,
            dtstart=dtstart,
            interval=interval,
            byweekday=weekday,
            byhour=hour,
            byminute=minute,
            bysecond=0,
        )
    return as_text(rule)


def _owners(scope: Scope, channel_id: int) -> list[Member]:
    """The owners of the key results asked for in the channel's active objectives."""
    query = (
        select(Member)
        .join(KeyResult, KeyResult.owner_id == Member.id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(
            Objective.workspace_id == scope.workspace.id,
            Objective.channel_id == channel_id,
            Objective.state == ObjectiveState.ACTIVE,
            KeyResult.kind != KeyResultKind.TASKS,
        )
        .distinct()
        .order_by(Member.id)
    )
    return list(scope.session.scalars(query))


def _planned_keys(scope: Scope, channel_id: int) -> set[str]:
    query = select(ScheduledJob.dedupe_key).where(
        ScheduledJob.workspace_id == scope.workspace.id,
        ScheduledJob.state == JobState.PENDING,
        ScheduledJob.kind == ASK_JOB,
        ScheduledJob.dedupe_key.like(f"okr-ask:{channel_id}:%"),
    )
    return {key for key in scope.session.scalars(query) if key}


def plan_owner(scope: Scope, channel_id: int, owner: Member, cadence: Cadence) -> None:
    """Queues (or moves) the recurring job that asks `owner`, in the owner's zone; a job
    already on the same rule in the same zone is left as it is."""
    rule = cadence_rule(cadence, scope.now, owner.tz)
    key = ask_key(channel_id, owner.id)
    existing = pending_job(scope.session, scope.workspace.id, key)
    if existing is not None and existing.tz == owner.tz and _same_rule(existing.recurrence, rule):
        return
    following = next_after(rule, owner.tz, scope.now)
    assert following is not None  # a rule without end always has a next time
    payload = {"channel": channel_id, "owner": owner.id}
    schedule_job(
        scope.session,
        scope.workspace.id,
        ASK_JOB,
        following,
        payload,
        tz=owner.tz,
        recurrence=rule,
        dedupe_key=key,
    )


def _same_rule(stored: str | None, rule: str) -> bool:
    """Same RRULE line: a weekly or monthly rule's DTSTART only says where counting starts."""
    if stored is None:
        return False
    return stored == rule or ("INTERVAL=2" not in rule and _rrule_line(stored) == _rrule_line(rule))


def _rrule_line(rule: str) -> str:
    return rule.rsplit("\n", maxsplit=1)[-1]


def plan_checkins(scope: Scope, channel: Channel) -> None:
    """Brings the channel's check-in jobs up to date: one per owner of a key result in its
    active objectives, on its cadence, in each owner's zone; owners with none left are no
    longer asked, and each active objective is graded when its period ends."""
    cadence = cadence_of(scope, channel.id)
    owners = _owners(scope, channel.id)
    for owner in owners:
        plan_owner(scope, channel.id, owner, cadence)
    wanted = {ask_key(channel.id, owner.id) for owner in owners}
    cancel_jobs(
        scope.session,
        scope.workspace.id,
        _planned_keys(scope, channel.id) - wanted,
        scope.now,
    )
    plan_grading(scope, channel)
