"""What the runs of a template say: cycle times of finished runs, the items most often late
and by how much, the runs still open past their expected finish; and every run and item with
its dates, for a spreadsheet."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import aliased

from bot.core.runs import history
from bot.core.runs.stats import CycleTimes, cycle_times, days_between
from bot.core.scope import Scope
from bot.core.templates import store
from storage.models import Member, Run, RunStatus, Task, TaskStatus, Template, TemplateVersion

LATE_ITEMS_SHOWN = 5
OVERDUE_SHOWN = 10


@dataclass(frozen=True)
class LateItem:
    item_id: str
    title: str
    late: int
    """In how many runs it was done after its due date (or is open past it)."""
    counted: int
    """In how many runs it was done or is due already."""
    mean_days: float
    most_days: float


@dataclass(frozen=True)
class OverdueRun:
    number: int
    subject: str
    expected_finish: datetime
    days_past: float


@dataclass(frozen=True)
class Report:
    cycle: CycleTimes | None
    late_items: list[LateItem]
    overdue: list[OverdueRun]
    active: int


def report(scope: Scope, template: Template) -> Report:
    now = scope.now
    titles = {item.id: item.title for item in store.spec_of(store.latest(scope, template)).items}
    rows = scope.session.execute(
        select(Task.run_item, Task.due_at, Task.completed_at, Task.status)
        .join(Run, Run.id == Task.run_id)
        .where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template.id,
            Run.status != RunStatus.CANCELLED,
            Task.status.in_([TaskStatus.OPEN, TaskStatus.DONE]),
            Task.due_at.is_not(None),
        )
    ).all()
    lateness: dict[str, list[float]] = {}
    for item_id, due_at, completed_at, status in rows:
        end = completed_at if status == TaskStatus.DONE else now
        if end is None or due_at is None or (status == TaskStatus.OPEN and due_at > now):
            continue  # open and not due yet: neither late nor on time so far
        lateness.setdefault(item_id or "", []).append(days_between(due_at, end))
    late_items = sorted(
        (
            LateItem(
                item_id=item_id,
                title=titles.get(item_id, item_id),
                late=len(late),
                counted=len(days),
                mean_days=sum(late) / len(late),
                most_days=max(late),
            )
            for item_id, days in lateness.items()
            if (late := [d for d in days if d > 0])
        ),
        key=lambda item: (-item.late / item.counted, -item.mean_days, item.item_id),
    )[:LATE_ITEMS_SHOWN]
    active = scope.session.execute(
        select(Run.number, Run.subject, Run.expected_finish_at).where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template.id,
            Run.status == RunStatus.ACTIVE,
        )
    ).all()
    overdue = [
        OverdueRun(number, subject, finish, days_between(finish, now))
        for number, subject, finish in active
        if isinstance(finish, datetime) and finish < now
    ]
    overdue.sort(key=lambda run: -run.days_past)
    return Report(
        cycle=cycle_times(history.cycle_days(scope, template.id)),
        late_items=late_items,
        overdue=overdue[:OVERDUE_SHOWN],
        active=len(active),
    )


CSV_HEADER = (
    "run",
    "subject",
    "run status",
    "version",
    "start (UTC)",
    "expected finish (UTC)",
    "finished (UTC)",
    "cycle days",
    "item",
    "task",
    "title",
    "assignee",
    "due (UTC)",
    "done (UTC)",
    "item status",
    "days late",
)


def _when(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if at is not None else ""


def report_csv(scope: Scope, template: Template) -> str:
    """Every run of the template and each of its items with its dates, one item a row."""
    assignee = aliased(Member)
    rows = scope.session.execute(
        select(Run, TemplateVersion.version, Task, assignee.name)
        .join(TemplateVersion, TemplateVersion.id == Run.template_version_id)
        .join(Task, Task.run_id == Run.id)
        .outerjoin(assignee, assignee.id == Task.assignee_id)
        .where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template.id,
            Task.status != TaskStatus.DELETED,
        )
        .order_by(Run.number, Task.number)
    ).all()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for run, version, task, name in rows:
        cycle = (
            f"{days_between(run.start_at, run.finished_at):.2f}"
            if run.status == RunStatus.DONE and run.finished_at is not None
            else ""
        )
        end = task.completed_at if task.status == TaskStatus.DONE else None
        late = f"{days_between(task.due_at, end):.2f}" if end and task.due_at else ""
        writer.writerow(
            (
                f"R-{run.number}",
                run.subject,
                run.status.value,
                version,
                _when(run.start_at),
                _when(run.expected_finish_at),
                _when(run.finished_at),
                cycle,
                task.run_item or "",
                f"T-{task.number}",
                task.title,
                f"@{name}" if name else "",
                _when(task.due_at),
                _when(task.completed_at),
                task.status.value,
                late,
            )
        )
    return out.getvalue()
