"""Who carries how much: open and overdue task counts per person."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select

from bot.core.scope import Scope
from storage.models import Channel, Member, Task, TaskStatus


@dataclass(frozen=True)
class Load:
    member: Member | None
    open: int
    overdue: int


def workload(scope: Scope, channel: Channel | None = None) -> list[Load]:
    """Open and overdue counts per assignee, heaviest first; unassigned tasks count as None."""
    overdue = func.sum(case((Task.due_at < scope.now, 1), else_=0))
    where = [Task.workspace_id == scope.workspace.id, Task.status == TaskStatus.OPEN]
    if channel is not None:
        where.append(Task.channel_id == channel.id)
    rows = scope.session.execute(
        select(Task.assignee_id, func.count(), overdue).where(*where).group_by(Task.assignee_id)
    ).all()
    ids = [assignee_id for assignee_id, _, _ in rows if assignee_id is not None]
    members = (
        {m.id: m for m in scope.session.scalars(select(Member).where(Member.id.in_(ids)))}
        if ids
        else {}
    )
    loads = [
        Load(members.get(assignee_id) if assignee_id else None, int(count), int(late or 0))
        for assignee_id, count, late in rows
    ]
    return sorted(loads, key=lambda load: (-load.open, -load.overdue, _name(load)))


def _name(load: Load) -> str:
    return load.member.name if load.member else "~"
