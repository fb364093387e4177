"""Runs due jobs: claimed in batches under row locks, each in a savepoint of its own.

A recurring job stays pending and moves to its rule's first occurrence after now: a worker
that was down for three days runs a daily job once, not three times.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.core.clock import Clock
from bot.core.platform import Platforms
from bot.core.recurrence import RecurrenceError, next_after
from bot.core.scope import Scope
from scheduler import metrics
from storage.db import Database
from storage.due_queue import claim_due_jobs
from storage.models import JobState, ScheduledJob, Workspace

log = logging.getLogger(__name__)

MAX_JOB_ATTEMPTS = 5
BATCH = 50
"""Jobs claimed per transaction: enough to spread a transaction's cost, few enough that a
second worker finds the rest unlocked."""


JobHandler = Callable[[Scope, ScheduledJob], None]


def run_due_jobs(
    db: Database,
    platforms: Platforms,
    clock: Clock,
    jobs: Mapping[str, JobHandler],
    *,
    limit: int = 500,
) -> int:
    """Runs jobs due by now (at most `limit`) with the handler of each kind; returns how
    many it claimed."""
    ran = 0
    while ran < limit:
        with db.transaction() as session:
            claimed = claim_due_jobs(session, clock.now(), platforms.names, min(BATCH, limit - ran))
            workspaces: dict[int, Workspace | None] = {}
            for job in claimed:
                _run(session, job, platforms, clock, jobs, workspaces)
        if not claimed:
            return ran
        ran += len(claimed)
    return ran


def _run(
    session: Session,
    job: ScheduledJob,
    platforms: Platforms,
    clock: Clock,
    jobs: Mapping[str, JobHandler],
    workspaces: dict[int, Workspace | None],
) -> None:
    now = clock.now()
    kind, due_at = job.kind, job.due_at
    metrics.JOBS_DUE.labels(kind).inc()
    metrics.JOB_LATENESS.labels(kind).observe(max((now - due_at).total_seconds(), 0.0))
    try:
        with session.begin_nested():  # a failing job undoes its own work only
            if job.workspace_id not in workspaces:
                workspaces[job.workspace_id] = session.get(Workspace, job.workspace_id)
            workspace = workspaces[job.workspace_id]
            handler = jobs.get(kind)
            if workspace is not None and handler is not None:
                platform = platforms.for_workspace(workspace.platform, workspace.team_id)
                handler(Scope(session, workspace, now, platform), job)
            else:
                log.warning("job %s of unknown kind %r dropped", job.id, kind)
                job.state = JobState.CANCELLED
    except Exception as error:
        log.exception("job %s (%s) failed", job.id, kind)
        _failed(job, repr(error), now)
        return
    metrics.JOBS_FIRED.labels(kind).inc()
    _finish(job, due_at, now)


def _finish(job: ScheduledJob, due_at: datetime, now: datetime) -> None:
    """Done, or (recurring) pending again at its next occurrence; a handler that cancelled the
    job or moved it has the last word."""
    if job.state != JobState.PENDING:
        job.finished_at = now
        return
    if job.due_at != due_at:
        return
    following = _following(job, max(now, due_at))
    if following is None:
        job.state = JobState.DONE
        job.finished_at = now
        return
    job.due_at = following
    job.attempts = 0


def _following(job: ScheduledJob, after: datetime) -> datetime | None:
    if not job.recurrence:
        return None
    try:
        return next_after(job.recurrence, job.tz, after)
    except RecurrenceError:
        log.warning("job %s has an unreadable recurrence %r", job.id, job.recurrence)
        return None


def _failed(job: ScheduledJob, error: str, now: datetime) -> None:
    job.attempts += 1
    job.last_error = error[:1000]
    if job.attempts < MAX_JOB_ATTEMPTS:
        metrics.JOBS_RETRIED.labels(job.kind).inc()
        job.due_at = now + timedelta(minutes=2**job.attempts)
        return
    metrics.JOBS_FAILED.labels(job.kind).inc()
    following = _following(job, now)
    if following is not None:  # this occurrence is given up, the next ones are not
        job.due_at = following
        job.attempts = 0
        return
    job.state = JobState.FAILED
    job.finished_at = now
