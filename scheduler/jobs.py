"""Scheduled work by kind: each job turns a due row into changes and messages."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.commands.effects import refresh_cards, tell
from bot.core import handover
from bot.core.catalog import text
from bot.core.ids import task_ref
from bot.core.message import Context, Message, Section
from bot.core.outbox import OutboxKind, enqueue
from bot.core.platform import Platform
from bot.core.scope import Scope
from storage.models import Handover, Member, ScheduledJob, Workspace

JobHandler = Callable[[Session, Workspace, ScheduledJob, Platform, datetime], None]


def return_handover(
    session: Session, workspace: Workspace, job: ScheduledJob, platform: Platform, now: datetime
) -> None:
    """At the end of a leave, hands the still-open tasks back and tells both people."""
    handover_id = int(job.payload.get("handover", 0))
    row = session.get(Handover, handover_id)
    if row is None or row.workspace_id != workspace.id:
        return
    actor = session.scalars(select(Member).where(Member.id == row.created_by_id)).one()
    scope = Scope(session, workspace, actor, None, now, platform, by_baton=True)
    result = handover.hand_back(scope, handover_id)
    if result is None:
        return
    _, returned = result
    src = session.get(Member, row.from_member_id)
    dst = session.get(Member, row.to_member_id)
    if not returned or src is None or dst is None:
        return
    for task in returned:
        refresh_cards(scope, task)
    line = text(
        "handover.returned", src.lang, count=len(returned), dst=f"@{src.name}", src=f"@{dst.name}"
    )
    ids = ", ".join(task_ref(t.number) for t in returned)
    message = Message(summary=line, blocks=(Section(text=(line,)), Context(text=(ids,))), tz=src.tz)
    tell(scope, src, message, even_to_actor=True)
    tell(scope, dst, message, even_to_actor=True)
    channel = job.payload.get("channel")
    if channel:
        enqueue(session, workspace, OutboxKind.POST, str(channel), message, now)


JOB_HANDLERS: dict[str, JobHandler] = {
    handover.RETURN_JOB: return_handover,
}
