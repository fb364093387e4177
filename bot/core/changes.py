"""Changing tasks: completing, reopening, assigning, rescheduling, commenting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.core.dependencies import blockers_of, newly_unblocked
from bot.core.errors import UserError
from bot.core.permissions import check_may_delete
from bot.core.runs.finishing import finish_if_done, resume
from bot.core.scope import Scope
from bot.core.tasks import get_deleted_task, get_task, reassign, touch
from bot.core.when import END_OF_WORKDAY, When
from storage.models import Member, Run, Task, TaskComment, TaskStatus


@dataclass
class Completed:
    task: Task
    unblocked: list[Task]
    """Tasks that waited for this one and now wait for nothing."""
    finished_run: Run | None = None
    """The run this task was the last open item of, finished with it."""


def complete(scope: Scope, number: int) -> Completed:
    task = get_task(scope, number, for_update=True)
    if task.status == TaskStatus.DONE:
        raise UserError("error.task_done", number=number)
    if task.status == TaskStatus.CANCELLED:
        raise UserError("error.task_cancelled", number=number)
    waiting_for = [b for b in blockers_of(scope, task) if b.status == TaskStatus.OPEN]
    if waiting_for:
        names = ", ".join(f"T-{b.number}" for b in waiting_for)
        raise UserError("error.blocked", number=number, blockers=names)
    task.status = TaskStatus.DONE
    task.completed_by_id = scope.member.id
    task.completed_by = scope.member
    task.completed_at = scope.now
    touch(scope, task, "completed")
    unblocked = newly_unblocked(scope, task)
    finished = finish_if_done(scope, task.run_id) if task.run_id is not None else None
    return Completed(task=task, unblocked=unblocked, finished_run=finished)


def reopen(scope: Scope, number: int) -> Task:
    task = get_task(scope, number, for_update=True)
    if task.status != TaskStatus.DONE:
        raise UserError("error.task_open", number=number)
    task.status = TaskStatus.OPEN
    task.completed_by_id = None
    task.completed_by = None
    task.completed_at = None
    touch(scope, task, "reopened")
    if task.run_id is not None:
        resume(scope, task.run_id)
    return task


def delete(scope: Scope, number: int) -> Task:
    task = get_task(scope, number, for_update=True)
    check_may_delete(scope, task)
    task.status = TaskStatus.DELETED
    touch(scope, task, "deleted")
    if task.run_id is not None:
        finish_if_done(scope, task.run_id)
    return task


def restore(scope: Scope, number: int) -> Task:
    """Brings a deleted task back as it was: open, or done if it was done."""
    task = get_deleted_task(scope, number)
    check_may_delete(scope, task)
    task.status = TaskStatus.DONE if task.completed_at is not None else TaskStatus.OPEN
    touch(scope, task, "restored")
    return task


def assign(scope: Scope, number: int, assignee: Member) -> tuple[Task, Member | None]:
    """Gives the task to `assignee`; returns it and whom it belonged to before."""
    task = get_task(scope, number, for_update=True)
    previous = task.assignee
    reassign(scope, task, assignee, kind="assigned", detail=f"@{assignee.name}")
    return task, previous


def unassign(scope: Scope, number: int) -> tuple[Task, Member | None]:
    """Leaves the task to nobody; returns it and whom it belonged to before."""
    task = get_task(scope, number, for_update=True)
    previous = task.assignee
    if previous is None:
        raise UserError("error.already_unassigned", number=number)
    task.assignee_id = None
    task.assignee = None
    touch(scope, task, "unassigned")
    return task, previous


def set_due(scope: Scope, number: int, due: When | None) -> Task:
    """Sets the due date, or clears it with None."""
    task = get_task(scope, number, for_update=True)
    if due is None:
        if task.due_at is None:
            raise UserError("error.no_due_to_clear", number=number)
        task.due_at = None
        task.due_has_time = False
        touch(scope, task, "due_cleared")
        return task
    task.due_at = due.at
    task.due_has_time = due.has_time
    touch(scope, task, "due", due.at.isoformat())
    return task


def rename(scope: Scope, number: int, title: str) -> Task:
    task = get_task(scope, number, for_update=True)
    if title == task.title:
        raise UserError("error.same_title", number=number)
    old = task.title
    task.title = title
    touch(scope, task, "renamed", old)
    return task


def set_notes(scope: Scope, number: int, notes: str) -> Task:
    """Replaces the task's notes (empty: none)."""
    task = get_task(scope, number, for_update=True)
    task.notes = notes
    touch(scope, task, "notes")
    return task


def snooze(scope: Scope, number: int, days: int) -> Task:
    """Moves the due date `days` later, keeping the local wall-clock time across DST changes."""
    task = get_task(scope, number, for_update=True)
    if task.status != TaskStatus.OPEN:
        raise UserError("error.task_done", number=number)
    tz = scope.tz
    local = task.due_at.astimezone(tz) if task.due_at else _end_of_today(scope)
    base = max(local, scope.now.astimezone(tz)) if task.due_at else local
    moved = (base.replace(tzinfo=None) + timedelta(days=days)).replace(tzinfo=tz)
    task.due_at = moved.astimezone(scope.now.tzinfo)
    touch(scope, task, "due", task.due_at.isoformat())
    return task


def comment(scope: Scope, number: int, body: str) -> Task:
    task = get_task(scope, number, for_update=True)
    scope.session.add(
        TaskComment(
            workspace_id=scope.workspace.id,
            task_id=task.id,
            author_id=scope.member.id,
            body=body,
            created_at=scope.now,
        )
    )
    touch(scope, task, "commented", body[:200])
    return task


def _end_of_today(scope: Scope) -> datetime:
    local = scope.now.astimezone(scope.tz)
    return datetime.combine(local.date(), END_OF_WORKDAY, tzinfo=scope.tz)
