"""Runs due jobs: claimed in batches under row locks, a batch in one transaction.

A recurring job stays pending and moves to its rule's first occurrence after now: a worker
that was down for three days runs a daily job once, not three times.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
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
JobPreloader = Callable[[Session, Sequence[ScheduledJob]], None]


def run_due_jobs(
    db: Database,
    platforms: Platforms,
    clock: Clock,
    jobs: Mapping[str, JobHandler],
    *,
    limit: int = 500,
    preloads: Mapping[str, JobPreloader] | None = None,
) -> int:
    """Runs jobs due by now (at most `limit`) with the handler of each kind; returns how
    many it claimed.

    A batch runs in one transaction, its writes sent together at commit. Should one job of
    it fail, the batch is undone and its jobs run again one per savepoint, so the failure is
    recorded on that job alone.
    """
    ran = 0
    while ran < limit:
        batch = min(BATCH, limit - ran)
        try:
            claimed = _run_batch(db, platforms, clock, jobs, batch, preloads or {})
        except _BatchFailedError:
            claimed = _run_carefully(db, platforms, clock, jobs, batch)
        if not claimed:
            return ran
        ran += claimed
    return ran


class _BatchFailedError(Exception):
    """A job of a batch raised: the batch's transaction is rolled back."""


def _run_batch(
    db: Database,
    platforms: Platforms,
    clock: Clock,
    jobs: Mapping[str, JobHandler],
    limit: int,
    preloads: Mapping[str, JobPreloader],
) -> int:
    ran: list[tuple[str, float]] = []
    with db.transaction() as session, session.no_autoflush:
        claimed = claim_due_jobs(session, clock.now(), platforms.names, limit)
        for kind, preload in preloads.items():
            if of_kind := [job for job in claimed if job.kind == kind]:
                preload(session, of_kind)
        workspaces: dict[int, Workspace | None] = {}
        for job in claimed:
            kind, due_at, now = job.kind, job.due_at, clock.now()
            try:
                _handle(session, job, platforms, now, jobs, workspaces)
            except Exception as error:
                raise _BatchFailedError from error
            _finish(job, due_at, now)
            ran.append((kind, (now - due_at).total_seconds()))
    for kind, lateness in ran:  # counted once committed
        _count(kind, lateness, fired=True)
    return len(claimed)


def _run_carefully(
    db: Database, platforms: Platforms, clock: Clock, jobs: Mapping[str, JobHandler], limit: int
) -> int:
    """The jobs of a failed batch, each in a savepoint of its own."""
    with db.transaction() as session:
        claimed = claim_due_jobs(session, clock.now(), platforms.names, limit)
        workspaces: dict[int, Workspace | None] = {}
        for job in claimed:
            kind, due_at, now = job.kind, job.due_at, clock.now()
            try:
                with session.begin_nested():  # a failing job undoes its own work only
                    _handle(session, job, platforms, now, jobs, workspaces)
            except Exception as error:
                log.exception("job %s (%s) failed", job.id, kind)
                _count(kind, (now - due_at).total_seconds(), fired=False)
                _failed(job, repr(error), now)
                continue
            _count(kind, (now - due_at).total_seconds(), fired=True)
            _finish(job, due_at, now)
    return len(claimed)


def _handle(
    session: Session,
    job: ScheduledJob,
    platforms: Platforms,
    now: datetime,
    jobs: Mapping[str, JobHandler],
    workspaces: dict[int, Workspace | None],
) -> None:
    if job.workspace_id not in workspaces:
        workspaces[job.workspace_id] = session.get(Workspace, job.workspace_id)
    workspace = workspaces[job.workspace_id]
    handler = jobs.get(job.kind)
    if workspace is None or handler is None:
        log.warning("job %s of unknown kind %r dropped", job.id, job.kind)
        job.state = JobState.CANCELLED
        return
    platform = platforms.for_workspace(workspace.platform, workspace.team_id)
    handler(Scope(session, workspace, now, platform), job)


def _count(kind: str, lateness: float, *, fired: bool) -> None:
    metrics.JOBS_DUE.labels(kind).inc()
    metrics.JOB_LATENESS.labels(kind).observe(max(lateness, 0.0))
    if fired:
        metrics.JOBS_FIRED.labels(kind).inc()


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
