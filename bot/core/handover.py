"""Leave and handover: someone's open tasks go to a colleague, and come back when they return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, or_, select

from bot.core import tasks
from bot.core.catalog import text
from bot.core.errors import UserError
from bot.core.permissions import check_may_hand_over
from bot.core.scope import Scope
from storage.due_queue import schedule_job
from storage.models import Handover, HandoverTask, Member, Task, TaskStatus

RETURN_JOB = "handover.return"


@dataclass
class HandedOver:
    handover: Handover
    tasks: list[Task]


def hand_over(
    scope: Scope,
    src: Member,
    dst: Member,
    until: datetime | None,
    *,
    announce_in: str | None = None,
) -> HandedOver:
    """Gives `dst` all of `src`'s open tasks; with `until`, schedules their return, to be
    announced in channel `announce_in`."""
    if src.id == dst.id:
        raise UserError("error.handover_same", name=f"@{src.name}")
    check_may_hand_over(scope, src)
    open_tasks = list(
        scope.session.scalars(
            select(Task)
            .options(*tasks.LOADED)
            .where(
                Task.workspace_id == scope.workspace.id,
                Task.assignee_id == src.id,
                Task.status == TaskStatus.OPEN,
            )
            .order_by(Task.number)
        )
    )
    if not open_tasks:
        raise UserError("error.handover_none", name=f"@{src.name}")
    handover = Handover(
        workspace_id=scope.workspace.id,
        from_member_id=src.id,
        to_member_id=dst.id,
        created_by_id=scope.member.id,
        until=until,
        created_at=scope.now,
    )
    scope.session.add(handover)
    scope.session.flush()
    note = handover_note("handover.log", src, dst)
    for task in open_tasks:
        tasks.reassign(scope, task, dst, kind="handover", detail=note)
        scope.session.add(HandoverTask(handover_id=handover.id, task_id=task.id))
    if until is not None:
        payload = {"handover": handover.id, "channel": announce_in}
        schedule_job(scope.session, scope.workspace.id, RETURN_JOB, until, payload)
    return HandedOver(handover, open_tasks)


def hand_back(scope: Scope, handover_id: int) -> tuple[Handover, list[Task]] | None:
    """Returns to the original owner the handed-over tasks still open and still with the
    colleague; tasks someone reassigned meanwhile stay where they are."""
    handover = scope.session.scalars(
        select(Handover).where(
            Handover.id == handover_id,
            Handover.workspace_id == scope.workspace.id,
            Handover.returned_at.is_(None),
        )
    ).one_or_none()
    if handover is None:
        return None
    members = {
        m.id: m
        for m in scope.session.scalars(
            select(Member).where(Member.id.in_([handover.from_member_id, handover.to_member_id]))
        )
    }
    src, dst = members[handover.from_member_id], members[handover.to_member_id]
    returning = list(
        scope.session.scalars(
            select(Task)
            .options(*tasks.LOADED)
            .join(HandoverTask, HandoverTask.task_id == Task.id)
            .where(
                HandoverTask.handover_id == handover.id,
                Task.status == TaskStatus.OPEN,
                Task.assignee_id == dst.id,
            )
            .order_by(Task.number)
        )
    )
    note = handover_note("handover.log_back", dst, src)
    for task in returning:
        tasks.reassign(scope, task, src, kind="handover", detail=note)
    handover.returned_at = scope.now
    return handover, returning


@dataclass
class StandIn:
    """Who looks after someone's work while they are away."""

    handover: Handover
    member: Member


def stand_in_for(scope: Scope, member: Member) -> StandIn | None:
    """`member`'s stand-in while a handover of theirs is running (not handed back yet)."""
    if scope.anyone_away is False:
        return None
    params = {"workspace_id": scope.workspace.id, "member_id": member.id, "now": scope.now}
    handover = scope.session.scalars(RUNNING_HANDOVER, params).first()
    if handover is None:
        return None
    stand_in = scope.session.get(Member, handover.to_member_id)
    return StandIn(handover, stand_in) if stand_in is not None else None


# Built once: asked on every assignment, and a statement costs more to build than to run.
RUNNING_HANDOVER = (
    select(Handover)
    .where(
        Handover.workspace_id == bindparam("workspace_id"),
        Handover.from_member_id == bindparam("member_id"),
        Handover.returned_at.is_(None),
        or_(Handover.until.is_(None), Handover.until > bindparam("now")),
    )
    .order_by(Handover.id.desc())
    .limit(1)
)


def cover(scope: Scope, task: Task, stand_in: StandIn) -> None:
    """Counts `task` in the running handover, so it goes back to its owner with the rest."""
    scope.session.add(HandoverTask(handover_id=stand_in.handover.id, task_id=task.id))


def handover_note(key: str, src: Member, dst: Member) -> str:
    """The activity detail of a handover: its catalog key and the two names, so that it is
    said in each reader's language when shown (`handover.log @anna @dora`)."""
    return f"{key} @{src.name} @{dst.name}"


def said_handover(detail: str, lang: str) -> str:
    """A handover's activity detail in `lang`; a detail of another shape as it was written."""
    words = detail.split()
    if len(words) == 3 and words[0] in ("handover.log", "handover.log_back"):
        return text(words[0], lang, src=words[1], dst=words[2])
    return detail
