"""What earlier runs of a template tell: how many, how long they took, what people would change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from bot.core.runs.stats import days_between
from bot.core.scope import Scope
from storage.models import Member, Run, RunStatus

RETROS_SHOWN = 3


@dataclass(frozen=True)
class RunCounts:
    total: int = 0
    active: int = 0


@dataclass(frozen=True)
class Retro:
    number: int
    subject: str
    text: str
    by: str
    at: datetime | None


def counts(scope: Scope) -> dict[int, RunCounts]:
    """Runs and active runs of each template of the workspace, by template id."""
    active = func.sum(case((Run.status == RunStatus.ACTIVE, 1), else_=0))
    rows = scope.session.execute(
        select(Run.template_id, func.count(), active)
        .where(Run.workspace_id == scope.workspace.id)
        .group_by(Run.template_id)
    ).all()
    return {template_id: RunCounts(int(total), int(busy or 0)) for template_id, total, busy in rows}


def cycle_days(scope: Scope, template_id: int) -> list[float]:
    """Days from start to finish of each finished run of the template, oldest first."""
    rows = scope.session.execute(
        select(Run.start_at, Run.finished_at)
        .where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template_id,
            Run.status == RunStatus.DONE,
        )
        .order_by(Run.finished_at)
    ).all()
    return [days_between(start, end) for start, end in rows if end is not None]


def retros(scope: Scope, template_id: int, limit: int = RETROS_SHOWN) -> list[Retro]:
    """The newest retrospectives of the template's runs."""
    rows = scope.session.execute(
        select(Run.number, Run.subject, Run.retro, Member.name, Run.retro_at)
        .outerjoin(Member, Member.id == Run.retro_by_id)
        .where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template_id,
            Run.retro != "",
        )
        .order_by(Run.retro_at.desc(), Run.number.desc())
        .limit(limit)
    ).all()
    return [
        Retro(number, subject, text, name or "", at) for number, subject, text, name, at in rows
    ]
