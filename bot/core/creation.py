"""Creating tasks: numbering them per workspace and checking for similar open work."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.dependencies import open_blocker
from bot.core.nudges import plan_nudges
from bot.core.numbering import next_number
from bot.core.scope import Scope
from bot.core.similarity import SimilarTitle
from bot.core.tasks import log
from bot.core.when import When
from storage.models import (
    KeyResult,
    Member,
    Task,
    TaskDependency,
    TaskStatus,
    Workspace,
)


@dataclass
class Added:
    """The new task, or (when `task` is None) the similar open tasks that stopped its creation."""

    task: Task | None
    similar: list[SimilarTitle] = field(default_factory=list)
    waits_for: list[Task] = field(default_factory=list)


def add_task(
    scope: Scope,
    title: str,
    *,
    assignee: Member | None = None,
    due: When | None = None,
    after: tuple[int, ...] = (),
    notes: str = "",
    force: bool = False,
    key_result: KeyResult | None = None,
) -> Added:
    """Creates a task unless a similar one is open (and `force` is not set)."""
    blockers = [open_blocker(scope, number) for number in after]
    if not force:
        similar = scope.open_titles.similar(
            scope.session,
            scope.workspace.id,
            title,
            scope.now,
            numbered=scope.workspace.task_seq,
        )
        if similar:
            return Added(task=None, similar=similar)
    task = Task(
        workspace_id=scope.workspace.id,
        number=next_number(scope, Workspace.task_seq),
        title=title,
        notes=notes,
        status=TaskStatus.OPEN,
        version=1,
        creator_id=scope.member.id,
        creator=scope.member,
        assignee_id=assignee.id if assignee else None,
        assignee=assignee,
        channel_id=scope.channel.id if scope.channel else None,
        channel=scope.channel,
        due_at=due.at if due else None,
        due_has_time=due.has_time if due else False,
        completed_by=None,
        key_result_id=key_result.id if key_result else None,
        created_at=scope.now,
        updated_at=scope.now,
    )
    scope.session.add(task)
    scope.session.flush()
    scope.open_titles.created(scope.session, scope.workspace.id, task.number, title)
    for blocker in blockers:
        scope.session.add(
            TaskDependency(task_id=task.id, blocker_id=blocker.id, workspace_id=scope.workspace.id)
        )
    log(scope, task, "created")
    plan_nudges(scope, task, new=True)
    return Added(task=task, waits_for=blockers)
