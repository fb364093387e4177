"""The end of an objective's period: graded, archived, and the grades posted to its channel."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.core import outbox
from bot.core.catalog import text
from bot.core.message import Block, Message, Section, Strong
from bot.core.okrs import grading
from bot.core.okrs.rounds import plan_checkins
from bot.core.outbox import Draft
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.views.okr_checkins import chart_of, figure, score_of
from storage.models import Channel, JobState, Objective, ObjectiveState, ScheduledJob

GRADING_VIEW = "okr_checkin.grading"


def grade_objective(scope: Scope, job: ScheduledJob) -> None:
    """Grades the objective once its period is over (a period moved later moves the job),
    posts the grades to its channel, and stops asking its owners."""
    objective = scope.session.get(Objective, int(job.payload.get("objective", 0)))
    if objective is None or objective.workspace_id != scope.workspace.id:
        job.state = JobState.CANCELLED
        return
    if objective.state is not ObjectiveState.ACTIVE:
        return
    channel = scope.session.get(Channel, objective.channel_id)
    assert channel is not None  # an objective's channel is never deleted
    ends = grading.period_end(scope, objective, channel)
    if scope.now < ends:
        job.due_at = ends
        return
    grading.grade(scope, objective)
    outbox.post(
        scope, channel.channel_id, Draft(view=GRADING_VIEW, facts={"objective": objective.id})
    )
    plan_checkins(scope, channel)


def draw_grading(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    objective = scope.session.get(Objective, int(facts.get("objective") or 0))
    if objective is None or objective.workspace_id != scope.workspace.id:
        return None
    if objective.score is None and objective.state is ObjectiveState.ACTIVE:
        return None
    lang = reader.lang
    head = text(
        "okr_checkin.graded",
        lang,
        number=objective.number,
        title=objective.title,
        period=objective.period,
        score=score_of(objective.score, lang),
    )
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    for kr in grading.key_results_of(scope, objective.id):
        line = text(
            "okr_checkin.graded_key_result",
            lang,
            number=kr.number,
            title=kr.title,
            score=score_of(kr.score, lang),
            value=figure(kr.current_value, kr.unit, lang),
            target=figure(kr.target_value, kr.unit, lang),
        )
        blocks.append(Section(text=(line,)))
    blocks.append(chart_of(scope, objective, lang))
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz, lang=lang)
