"""Runs due jobs, one per transaction, each claimed under a row lock."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from datetime import timedelta

from bot.core.clock import Clock
from bot.core.platform import Platforms
from bot.core.scope import Scope
from storage.db import Database
from storage.due_queue import claim_due_job
from storage.models import JobState, ScheduledJob, Workspace

log = logging.getLogger(__name__)

MAX_JOB_ATTEMPTS = 5


JobHandler = Callable[[Scope, ScheduledJob], None]


def run_due_jobs(
    db: Database,
    platforms: Platforms,
    clock: Clock,
    jobs: Mapping[str, JobHandler],
    *,
    limit: int = 500,
) -> int:
    """Runs every job due by now (at most `limit`) with the handler of its kind; returns how
    many ran."""
    ran = 0
    while ran < limit:
        job_id: int | None = None
        try:
            with db.transaction() as session:
                job = claim_due_job(session, clock.now(), platforms.names)
                if job is None:
                    return ran
                job_id = job.id
                workspace = session.get(Workspace, job.workspace_id)
                handler = jobs.get(job.kind)
                if workspace is not None and handler is not None:
                    platform = platforms.for_workspace(workspace.platform, workspace.team_id)
                    handler(Scope(session, workspace, clock.now(), platform), job)
                else:
                    log.warning("job %s of unknown kind %r dropped", job.id, job.kind)
                job.state = JobState.DONE
                job.finished_at = clock.now()
        except Exception as error:
            if job_id is None:
                raise
            log.exception("job %s failed", job_id)
            _record_failure(db, job_id, repr(error), clock)
        ran += 1
    return ran


def _record_failure(db: Database, job_id: int, error: str, clock: Clock) -> None:
    with db.transaction() as session:
        job = session.get(ScheduledJob, job_id, with_for_update=True)
        if job is None:
            return
        job.attempts += 1
        job.last_error = error[:1000]
        if job.attempts >= MAX_JOB_ATTEMPTS:
            job.state = JobState.FAILED
        else:
            job.due_at = clock.now() + timedelta(minutes=2**job.attempts)
