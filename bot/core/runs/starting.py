"""Writes planned runs: one run and one ordinary task per item each, in one transaction.

However many runs start at once (one from chat, 2,000 from a CSV), the numbers of all their
runs and tasks are taken in one statement and every table gets its rows in batches, so the
statements per run do not grow with the number of runs. Run items skip the similar-title
check: they are meant to repeat.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from bot.core.ids import run_ref
from bot.core.runs.plan import Plan
from bot.core.scope import Scope
from storage.models import (
    Base,
    Channel,
    Member,
    Run,
    RunStatus,
    Task,
    TaskDependency,
    TaskEvent,
    TaskStatus,
    Template,
    TemplateVersion,
    Workspace,
)


@dataclass(frozen=True)
class RunStart:
    """One run to start: its plan, who does each role (and each fixed `@person`), where."""

    plan: Plan
    people: Mapping[str, Member]
    channel: Channel | None


@dataclass(frozen=True)
class StartedRun:
    id: int
    number: int
    subject: str
    items: int


@dataclass
class Started:
    runs: list[StartedRun]
    assignees: dict[int, Member] = field(default_factory=dict)
    """Everyone who got an item, by member id."""


def start_runs(
    scope: Scope, template: Template, version: TemplateVersion, starts: list[RunStart]
) -> Started:
    """Starts every run of `starts` from `version` of `template`; all or nothing."""
    session, workspace_id, now = scope.session, scope.workspace.id, scope.now
    starter = scope.member
    task_count = sum(len(start.plan.items) for start in starts)
    last_task, last_run = session.execute(
        update(Workspace)
        .where(Workspace.id == workspace_id)
        .values(task_seq=Workspace.task_seq + task_count, run_seq=Workspace.run_seq + len(starts))
        .returning(Workspace.task_seq, Workspace.run_seq)
    ).one()
    first_run = last_run - len(starts) + 1
    run_rows = [
        {
            "workspace_id": workspace_id,
            "number": first_run + n,
            "template_id": template.id,
            "template_version_id": version.id,
            "subject": start.plan.subject,
            "fields": start.plan.fields,
            "channel_id": start.channel.id if start.channel else None,
            "started_by_id": starter.id,
            "status": RunStatus.ACTIVE,
            "start_at": start.plan.start_at,
            "expected_finish_at": start.plan.expected_finish,
            "created_at": now,
            "retro": "",
        }
        for n, start in enumerate(starts)
    ]
    # Rows go in batches, as plain table inserts (the ORM's bookkeeping of thousands of rows
    # costs more than writing them), without RETURNING (SQLite would send them one by one to
    # keep their order); their ids are then read back by their numbers, one query per table.
    session.execute(insert(table(Run)), run_rows)
    run_ids = _ids(session, Run, workspace_id, first_run, last_run)
    number = last_task - task_count
    task_rows = []
    assignees: dict[int, Member] = {}
    runs_of_tasks: list[int] = []
    for n, (start, run_id) in enumerate(zip(starts, run_ids, strict=True)):
        for item in start.plan.items:
            number += 1
            person = start.people.get(item.assignee) if item.assignee else None
            if person is not None:
                assignees[person.id] = person
            task_rows.append(
                {
                    "workspace_id": workspace_id,
                    "number": number,
                    "title": item.title,
                    "notes": item.notes,
                    "status": TaskStatus.OPEN,
                    "version": 1,
                    "creator_id": starter.id,
                    "assignee_id": person.id if person else None,
                    "channel_id": start.channel.id if start.channel else None,
                    "due_at": item.due_at,
                    "due_has_time": item.due_has_time,
                    "created_at": now,
                    "updated_at": now,
                    "run_id": run_id,
                    "run_item": item.item_id,
                }
            )
            runs_of_tasks.append(first_run + n)
    session.execute(insert(table(Task)), task_rows)
    task_ids = _ids(session, Task, workspace_id, last_task - task_count + 1, last_task)
    by_item = {
        (row["run_id"], row["run_item"]): task_id
        for row, task_id in zip(task_rows, task_ids, strict=True)
    }
    dependencies = [
        {
            "task_id": by_item[run_id, item.item_id],
            "blocker_id": by_item[run_id, blocker],
            "workspace_id": workspace_id,
        }
        for start, run_id in zip(starts, run_ids, strict=True)
        for item in start.plan.items
        for blocker in item.after
    ]
    if dependencies:
        session.execute(insert(table(TaskDependency)), dependencies)
    events = [
        {
            "workspace_id": workspace_id,
            "task_id": task_id,
            "actor_id": starter.id,
            "kind": "created",
            "detail": run_ref(run_number),
            "at": now,
        }
        for task_id, run_number in zip(task_ids, runs_of_tasks, strict=True)
    ]
    session.execute(insert(table(TaskEvent)), events)
    started = [
        StartedRun(run_id, first_run + n, start.plan.subject, len(start.plan.items))
        for n, (start, run_id) in enumerate(zip(starts, run_ids, strict=True))
    ]
    return Started(started, assignees)


def table(model: type[Base]) -> Table:
    found: Table = model.__table__  # type: ignore[assignment]
    return found


def _ids(
    session: Session, model: type[Run] | type[Task], workspace_id: int, first: int, last: int
) -> list[int]:
    """The ids of the rows numbered `first` to `last` in the workspace, in number order."""
    rows = session.execute(
        select(model.id)
        .where(model.workspace_id == workspace_id, model.number.between(first, last))
        .order_by(model.number)
    )
    return list(rows.scalars())
