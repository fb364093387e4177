"""Scheduled work by kind: each job turns a due row into changes and messages, acting as Baton."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.effects import notice, refresh_cards, tell
from bot.core import handover, outbox
from bot.core.ids import task_ref
from bot.core.scope import Scope
from storage.models import Member, ScheduledJob

JobHandler = Callable[[Scope, ScheduledJob], None]
"""Runs one due job in its workspace's scope, in the job's transaction."""


def return_handover(scope: Scope, job: ScheduledJob) -> None:
    """At the end of a leave, hands the still-open tasks back and tells both people."""
    result = handover.hand_back(scope, int(job.payload.get("handover", 0)))
    if result is None:
        return
    row, returned = result
    src = scope.session.get(Member, row.from_member_id)
    dst = scope.session.get(Member, row.to_member_id)
    if not returned or src is None or dst is None:
        return
    for task in returned:
        refresh_cards(scope, task)
    ids = ", ".join(task_ref(t.number) for t in returned)
    news = notice(
        "handover.returned",
        context=ids,
        count=len(returned),
        dst=f"@{src.name}",
        src=f"@{dst.name}",
    )
    tell(scope, src, news)
    tell(scope, dst, news)
    channel = job.payload.get("channel")
    if channel:
        outbox.post(scope, str(channel), news)


JOB_HANDLERS: dict[str, JobHandler] = {
    handover.RETURN_JOB: return_handover,
}
