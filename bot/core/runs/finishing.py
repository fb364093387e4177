"""The end of a run: finished with its last item, reopened with one of them, or cancelled
(open items closed as cancelled, not deleted); and the retrospective that follows."""

from __future__ import annotations

from sqlalchemy import func, insert, select, update

from bot.core.errors import UserError
from bot.core.runs.progress import get_run
from bot.core.scope import Scope
from bot.core.tasks import LOADED
from storage.models import Run, RunStatus, Task, TaskEvent, TaskStatus

MAX_RETRO = 2000


def _locked(scope: Scope, run_id: int) -> Run | None:
    # Two people doing the last two items at once: each waits for the run's row, so the
    # second one sees the first one's item done and finishes the run.
    return scope.session.scalars(
        select(Run)
        .where(Run.id == run_id, Run.workspace_id == scope.workspace.id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()


def finish_if_done(scope: Scope, run_id: int) -> Run | None:
    """Finishes the active run `run_id` when none of its items is open; returns it then."""
    run = _locked(scope, run_id)
    if run is None or run.status != RunStatus.ACTIVE:
        return None
    still_open = scope.session.scalar(
        select(func.count())
        .select_from(Task)
        .where(Task.run_id == run_id, Task.status == TaskStatus.OPEN)
    )
    if still_open:
        return None
    run.status = RunStatus.DONE
    run.finished_at = scope.now
    run.ended_by_id = scope.person.id if scope.person else None
    return run


def resume(scope: Scope, run_id: int) -> None:
    """A finished run whose item is reopened is active again."""
    run = _locked(scope, run_id)
    if run is not None and run.status == RunStatus.DONE:
        run.status = RunStatus.ACTIVE
        run.finished_at = None
        run.ended_by_id = None


def cancel(scope: Scope, number: int) -> tuple[Run, list[Task]]:
    """Cancels the active run `R-number`: its open items are closed as cancelled."""
    run = get_run(scope, number, for_update=True)
    if run.status == RunStatus.DONE:
        raise UserError("run.already_done", number=number)
    if run.status == RunStatus.CANCELLED:
        raise UserError("run.already_cancelled", number=number)
    open_items = list(
        scope.session.scalars(
            select(Task)
            .options(*LOADED)
            .where(Task.run_id == run.id, Task.status == TaskStatus.OPEN)
            .order_by(Task.number)
            .with_for_update(of=Task)
        ).unique()
    )
    ids = [task.id for task in open_items]
    if ids:
        scope.session.execute(
            update(Task)
            .where(Task.id.in_(ids))
            .values(status=TaskStatus.CANCELLED, version=Task.version + 1, updated_at=scope.now)
            .execution_options(synchronize_session="fetch")
        )
        actor = scope.person.id if scope.person else None
        scope.session.execute(
            insert(TaskEvent),
            [
                {
                    "workspace_id": scope.workspace.id,
                    "task_id": task_id,
                    "actor_id": actor,
                    "kind": "cancelled",
                    "detail": "",
                    "at": scope.now,
                }
                for task_id in ids
            ],
        )
    run.status = RunStatus.CANCELLED
    run.finished_at = scope.now
    run.ended_by_id = scope.person.id if scope.person else None
    return run, open_items


def record_retro(scope: Scope, number: int, text: str) -> Run:
    """Keeps what the team would change next time, with the run (and so its template)."""
    run = get_run(scope, number, for_update=True)
    if run.status == RunStatus.ACTIVE:
        raise UserError("run.retro_too_early", number=number)
    run.retro = text.strip()[:MAX_RETRO]
    run.retro_by_id = scope.member.id
    run.retro_at = scope.now
    return run
