"""A round's requests: each of an owner's key results asked once, skipped when checked in
lately; then the owner's nudge and the channel's summary queued for after the cutoff.

The `CheckInRequest` row is unique per key result and round (the round's day in the owner's
zone) and is written with `INSERT … ON CONFLICT DO NOTHING`: a round run twice, or again after
a restart, opens nothing the second time, so nobody is asked twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from bot.core.okrs.rounds import NUDGE_JOB, SUMMARY_JOB, cadence_of, nudge_key, summary_key
from bot.core.reader import channel_reader, zone
from bot.core.scope import Scope
from storage.due_queue import pending_job, schedule_job
from storage.models import (
    Channel,
    CheckInRequest,
    KeyResult,
    KeyResultKind,
    Member,
    Objective,
    ObjectiveState,
)
from storage.upsert import insert_if_absent

RECENT = timedelta(days=3)
"""A key result checked in this recently is skipped in a round."""
SUMMARY_AFTER_CUTOFF = timedelta(hours=2)
"""Owners nudged at the cutoff get this long before the channel's summary goes out."""


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
