"""How an objective stands: each key result's value, progress, expected value and status,
the objective's status (its weakest key result's), and the work linked to it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from bot.core.okrs import progress
from bot.core.okrs.links import linked_runs, linked_tasks, refresh_counts
from bot.core.reader import channel_reader
from bot.core.scope import Scope
from storage.models import Channel, CheckIn, KeyResult, Member, Objective, OkrStatus, Run, Task


@dataclass(frozen=True)
class KeyResultStanding:
    key_result: KeyResult
    owner: Member | None
    progress: float
    """0 to 1, from the start value to the target."""
    expected: float
    """The value the ideal line says it should have by now."""
    status: OkrStatus


@dataclass(frozen=True)
class ObjectiveStanding:
    objective: Objective
    channel: Channel
    starts: datetime
    ends: datetime
    """The period's first moment and the moment after its last day, in the channel's zone."""
    key_results: list[KeyResultStanding]
    status: OkrStatus | None
    """Its weakest key result's; None without key results."""
    tasks: list[Task]
    runs: list[Run]
    now: datetime
    """When it was read."""


def key_results_of(scope: Scope, objectives: Sequence[Objective]) -> list[KeyResult]:
    ids = [each.id for each in objectives]
    if not ids:
        return []
    query = (
        select(KeyResult)
        .where(KeyResult.workspace_id == scope.workspace.id, KeyResult.objective_id.in_(ids))
        .order_by(KeyResult.number)
    )
    return list(scope.session.scalars(query))


def standing(scope: Scope, objective: Objective) -> ObjectiveStanding:
    """Where `objective` stands now (its period's end, once it is over)."""
    channel = scope.session.get_one(Channel, objective.channel_id)
    tz = channel_reader(channel, scope.workspace).tz
    starts, ends = progress.period_bounds(objective.starts_on, objective.ends_on, tz)
    key_results = key_results_of(scope, [objective])
    refresh_counts(scope, key_results)
    owners = _members(scope, [kr.owner_id for kr in key_results if kr.owner_id is not None])
    standings = [
        _standing(kr, owners.get(kr.owner_id or 0), starts, ends, scope.now) for kr in key_results
    ]
    return ObjectiveStanding(
        objective=objective,
        channel=channel,
        starts=starts,
        ends=ends,
        key_results=standings,
        status=progress.weakest(each.status for each in standings),
        tasks=linked_tasks(scope, key_results),
        runs=linked_runs(scope, key_results),
        now=scope.now,
    )


def _standing(
    key_result: KeyResult, owner: Member | None, starts: datetime, ends: datetime, now: datetime
) -> KeyResultStanding:
    start, target = key_result.start_value, key_result.target_value
    done = progress.progress(start, target, key_result.current_value)
    expected = progress.expected_value(start, target, starts, ends, now)
    expected_done = progress.elapsed(starts, ends, now)
    return KeyResultStanding(
        key_result=key_result,
        owner=owner,
        progress=done,
        expected=expected,
        status=progress.status(done, expected_done, key_result.status),
    )


def _members(scope: Scope, ids: Sequence[int]) -> dict[int, Member]:
    if not ids:
        return {}
    query = select(Member).where(Member.workspace_id == scope.workspace.id, Member.id.in_(ids))
    return {member.id: member for member in scope.session.scalars(query)}


def history(scope: Scope, key_results: Sequence[KeyResult]) -> dict[int, list[CheckIn]]:
    """Each key result's check-ins, oldest first."""
    found: dict[int, list[CheckIn]] = {each.id: [] for each in key_results}
    if not found:
        return found
    query = (
        select(CheckIn)
        .where(CheckIn.workspace_id == scope.workspace.id, CheckIn.key_result_id.in_(found))
        .order_by(CheckIn.at, CheckIn.id)
    )
    for checkin in scope.session.scalars(query):
        found[checkin.key_result_id].append(checkin)
    return found
