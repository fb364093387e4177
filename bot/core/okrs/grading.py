"""The end of an objective's period: each key result graded 0–1, the objective by their
average, then archived with its history (it is no longer checked in).

The period ends at midnight after its last day in the channel's zone; a one-off job per
objective (`okr-grade:<id>`) grades it then.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from bot.core.okrs import progress
from bot.core.reader import channel_reader
from bot.core.scope import Scope
from storage.due_queue import schedule_job
from storage.models import Channel, KeyResult, Objective, ObjectiveState

GRADE_JOB = "okr_checkin.grade"


def grade_key(objective_id: int) -> str:
    return f"okr-grade:{objective_id}"


def period_end(scope: Scope, objective: Objective, channel: Channel) -> datetime:
    """The moment the objective's period is over, in its channel's zone."""
    tz = channel_reader(channel, scope.workspace).tz
    return progress.period_bounds(objective.starts_on, objective.ends_on, tz)[1]


def plan_grading(scope: Scope, channel: Channel) -> None:
    """Queues the grading of each active objective of the channel at its period's end."""
    objectives = scope.session.scalars(
        select(Objective).where(
            Objective.workspace_id == scope.workspace.id,
            Objective.channel_id == channel.id,
            Objective.state == ObjectiveState.ACTIVE,
        )
    )
    for objective in objectives:
        schedule_job(
            scope.session,
            scope.workspace.id,
            GRADE_JOB,
            period_end(scope, objective, channel),
            {"objective": objective.id},
            dedupe_key=grade_key(objective.id),
        )


def key_results_of(scope: Scope, objective_id: int) -> list[KeyResult]:
    return list(
        scope.session.scalars(
            select(KeyResult)
            .where(KeyResult.objective_id == objective_id)
            .order_by(KeyResult.number)
        )
    )


def grade(scope: Scope, objective: Objective) -> float | None:
    """Scores each key result from its current value, the objective by their average, and
    archives it; returns its score (None without key results)."""
    key_results = key_results_of(scope, objective.id)
    for key_result in key_results:
        key_result.score = progress.score(
            key_result.start_value, key_result.target_value, key_result.current_value
        )
    objective.score = progress.average(kr.score for kr in key_results if kr.score is not None)
    objective.state = ObjectiveState.ARCHIVED
    objective.graded_at = scope.now
    scope.session.flush()  # scheduled work runs without autoflush: re-planning must see it
    return objective.score
