"""Check-in rounds: when each key-result owner of a channel is asked, and asking them once.

A channel's owners are each asked on the channel's cadence (`OkrCadence`, else weekly on
Monday at 09:00) at that local time in their own zone, by one recurring job per (channel,
owner). A round asks each of the owner's key results once: its `CheckInRequest` row is unique
per key result and round (the round's day in the owner's zone), so a job that runs twice, or
again after a restart, asks nobody twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import MONTHLY, WEEKLY, rrule
from dateutil.rrule import weekdays as rrule_weekdays
from sqlalchemy import select

from bot.core.okrs.cadences import DEFAULT
from bot.core.okrs.grading import plan_grading
from bot.core.quiet import read_clock
from bot.core.reader import channel_reader, zone
from bot.core.recurrence import as_text, next_after
from bot.core.scope import Scope
from storage.due_queue import cancel_jobs, pending_job, schedule_job
from storage.models import (
    Channel,
    CheckInRequest,
    JobState,
    KeyResult,
    KeyResultKind,
    Member,
    Objective,
    ObjectiveState,
    OkrCadence,
    ScheduledJob,
)
from storage.upsert import insert_if_absent

ASK_JOB = "okr_checkin.ask"
NUDGE_JOB = "okr_checkin.nudge"
SUMMARY_JOB = "okr_checkin.summary"
RECENT = timedelta(days=3)
"""A key result checked in this recently is skipped in a round."""
SUMMARY_AFTER_CUTOFF = timedelta(hours=2)
"""Owners nudged at the cutoff get this long before the channel's summary goes out."""


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


@dataclass(frozen=True)
class Asked:
    """What one round did for one owner: the requests sent, and those skipped."""

    asked: list[CheckInRequest]
    skipped: list[CheckInRequest]


def _due_key_results(scope: Scope, channel: Channel, owner_id: int, day: date) -> list[KeyResult]:
    """The owner's key results of the channel's objectives that are running on `day`."""
    query = (
        select(KeyResult)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .where(
            Objective.workspace_id == scope.workspace.id,
            Objective.channel_id == channel.id,
            Objective.state == ObjectiveState.ACTIVE,
            Objective.starts_on <= day,
            Objective.ends_on >= day,
            KeyResult.owner_id == owner_id,
            KeyResult.kind != KeyResultKind.TASKS,
        )
        .order_by(KeyResult.number)
    )
    return list(scope.session.scalars(query))


def ask_round(scope: Scope, channel: Channel, owner: Member, at: datetime) -> Asked:
    """Opens the round of `at` (its day in the owner's zone) for the owner's key results of
    the channel's objectives running that day (in the channel's zone): a request each, skipped
    when checked in during the last 3 days. A key result already asked in this round is left
    alone."""
    day = at.astimezone(zone(owner.tz)).date()
    channel_day = at.astimezone(zone(channel_reader(channel, scope.workspace).tz)).date()
    cutoff = at + cadence_of(scope, channel.id).cutoff
    opened: list[int] = []
    for key_result in _due_key_results(scope, channel, owner.id, channel_day):
        recent = key_result.last_checkin_at is not None and at - key_result.last_checkin_at < RECENT
        values = {
            "workspace_id": scope.workspace.id,
            "key_result_id": key_result.id,
            "owner_id": owner.id,
            "round": day.isoformat(),
            "asked_at": at,
            "cutoff_at": cutoff,
            "skipped": recent,
        }
        if insert_if_absent(scope.session, CheckInRequest, values, ["key_result_id", "round"]):
            opened.append(key_result.id)
    if not opened:
        return Asked([], [])
    requests = scope.session.scalars(
        select(CheckInRequest)
        .join(KeyResult, KeyResult.id == CheckInRequest.key_result_id)
        .where(CheckInRequest.key_result_id.in_(opened), CheckInRequest.round == day.isoformat())
        .order_by(KeyResult.number)
    ).all()
    asked = [request for request in requests if not request.skipped]
    skipped = [request for request in requests if request.skipped]
    return Asked(asked, skipped)


def plan_round_close(
    scope: Scope,
    channel_id: int,
    owner_id: int,
    round_day: str,
    asked_at: datetime,
    cutoff_at: datetime,
) -> None:
    """Queues the owner's nudge at the cutoff, and the channel's summary after the latest
    cutoff of the round (one summary however many owners and zones)."""
    schedule_job(
        scope.session,
        scope.workspace.id,
        NUDGE_JOB,
        cutoff_at,
        {"channel": channel_id, "owner": owner_id, "round": round_day},
        dedupe_key=nudge_key(channel_id, owner_id),
    )
    key = summary_key(channel_id)
    summary_at = cutoff_at + SUMMARY_AFTER_CUTOFF
    existing = pending_job(scope.session, scope.workspace.id, key)
    since = asked_at
    if existing is not None:
        known = existing.payload.get("since")
        if isinstance(known, str):
            since = min(since, datetime.fromisoformat(known))
        summary_at = max(summary_at, existing.due_at)
    schedule_job(
        scope.session,
        scope.workspace.id,
        SUMMARY_JOB,
        summary_at,
        {"channel": channel_id, "since": since.isoformat()},
        dedupe_key=key,
    )
