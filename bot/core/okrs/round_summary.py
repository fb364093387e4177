"""What a round's summary tells a channel: what moved and by how much since the check-in
before, what is at risk or off track and why (the comments), and who has not checked in."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from bot.core.okrs import progress
from bot.core.okrs.round_requests import RECENT
from bot.core.scope import Scope
from storage.models import (
    CheckIn,
    CheckInRequest,
    KeyResult,
    Member,
    Objective,
    ObjectiveState,
    OkrStatus,
)

WORRYING = (OkrStatus.AT_RISK, OkrStatus.OFF_TRACK)


@dataclass(frozen=True)
class Moved:
    key_result: KeyResult
    before: float
    after: float


@dataclass(frozen=True)
class Worry:
    key_result: KeyResult
    status: OkrStatus
    comment: str


@dataclass
class ObjectiveRound:
    objective: Objective
    moved: list[Moved] = field(default_factory=list)
    worries: list[Worry] = field(default_factory=list)
    missing: list[tuple[KeyResult, Member]] = field(default_factory=list)


def _checkins(scope: Scope, key_result_ids: list[int]) -> dict[int, list[CheckIn]]:
    """Each key result's check-ins, newest first."""
    found: dict[int, list[CheckIn]] = defaultdict(list)
    query = (
        select(CheckIn)
        .where(CheckIn.key_result_id.in_(key_result_ids))
        .order_by(CheckIn.key_result_id, CheckIn.at.desc(), CheckIn.id.desc())
    )
    for checkin in scope.session.scalars(query):
        found[checkin.key_result_id].append(checkin)
    return found


def round_summary(
    scope: Scope, channel_id: int, tz: str, since: datetime, until: datetime
) -> list[ObjectiveRound]:
    """The channel's active objectives asked in the round from `since` to `until`, each with
    its key results that moved, worry, or were not checked in."""
    rows = scope.session.execute(
        select(CheckInRequest, KeyResult, Objective, Member)
        .join(KeyResult, KeyResult.id == CheckInRequest.key_result_id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .join(Member, Member.id == CheckInRequest.owner_id)
        .where(
            CheckInRequest.workspace_id == scope.workspace.id,
            Objective.channel_id == channel_id,
            Objective.state == ObjectiveState.ACTIVE,
            CheckInRequest.asked_at >= since,
            CheckInRequest.asked_at <= until,
        )
        .order_by(Objective.number, KeyResult.number)
    ).all()
    history = _checkins(scope, [row[1].id for row in rows])
    rounds: dict[int, ObjectiveRound] = {}
    for request, key_result, objective, owner in rows:
        found = rounds.setdefault(objective.id, ObjectiveRound(objective))
        checkins = history.get(key_result.id, [])
        fresh = [each for each in checkins if each.at >= request.asked_at - RECENT]
        if fresh:
            latest = fresh[0]
            older = checkins[checkins.index(latest) + 1 :]
            before = older[0].value if older else key_result.start_value
            found.moved.append(Moved(key_result, before, latest.value))
        elif request.answered_at is None and not request.skipped:
            found.missing.append((key_result, owner))
        status = status_now(key_result, objective, tz, until)
        if status in WORRYING:
            comment = checkins[0].comment if checkins else ""
            found.worries.append(Worry(key_result, status, comment))
    return list(rounds.values())


def status_now(key_result: KeyResult, objective: Objective, tz: str, now: datetime) -> OkrStatus:
    """The key result's status: its latest confidence, else what its progress suggests."""
    starts, ends = progress.period_bounds(objective.starts_on, objective.ends_on, tz)
    done = progress.progress(
        key_result.start_value, key_result.target_value, key_result.current_value
    )
    return progress.status(done, progress.elapsed(starts, ends, now), key_result.status)
