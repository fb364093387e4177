"""Objectives: adding one to a channel for a period, and finding a channel's for a period."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from bot.core.numbering import next_number
from bot.core.okrs.periods import Period
from bot.core.scope import Scope
from storage.models import Channel, Objective, ObjectiveState, Workspace


def add_objective(scope: Scope, title: str, period: Period, channel: Channel) -> Objective:
    objective = Objective(
        workspace_id=scope.workspace.id,
        number=next_number(scope, Workspace.objective_seq),
        title=title,
        channel_id=channel.id,
        channel=channel,
        period=period.name,
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        state=ObjectiveState.ACTIVE,
        creator_id=scope.member.id,
        creator=scope.member,
        created_at=scope.now,
    )
    scope.session.add(objective)
    scope.session.flush()
    return objective


def objectives_during(scope: Scope, channel: Channel, first: date, last: date) -> list[Objective]:
    """The channel's objectives whose period overlaps `first`..`last`, archived ones too."""
    query = (
        select(Objective)
        .where(
            Objective.workspace_id == scope.workspace.id,
            Objective.channel_id == channel.id,
            Objective.starts_on <= last,
            Objective.ends_on >= first,
        )
        .order_by(Objective.starts_on, Objective.number)
    )
    return list(scope.session.scalars(query))
