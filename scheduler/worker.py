"""The worker: APScheduler ticks the due queue and the outbox; the database holds the jobs.

APScheduler keeps no job of its own that the database does not know: its only jobs are
the periodic tick and the nightly clean-up, so any number of workers can run side by side.
"""

from __future__ import annotations

import contextlib
import logging
import signal
from datetime import UTC
from typing import Protocol

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

log = logging.getLogger(__name__)


class Work(Protocol):
    """What the worker drives (a Baton)."""

    def tick(self) -> None: ...

    def prune(self) -> None: ...


def _safe(step: str, work: Work) -> None:
    try:
        getattr(work, step)()
    except Exception:  # a database blip must not stop the scheduler; the next round retries
        log.exception("%s failed", step)


def schedule_work(scheduler: BaseScheduler, work: Work, tick_seconds: float) -> None:
    scheduler.add_job(
        _safe,
        IntervalTrigger(seconds=tick_seconds),
        args=["tick", work],
        id="tick",
        name="tick",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        _safe,
        CronTrigger(hour=3, minute=17, timezone=UTC),
        args=["prune", work],
        id="prune",
        name="prune",
    )


def start_background_worker(work: Work, tick_seconds: float) -> BackgroundScheduler:
    """Runs the scheduled work in a thread of this process (used by `baton serve`)."""
    scheduler = BackgroundScheduler(timezone=UTC)
    schedule_work(scheduler, work, tick_seconds)
    scheduler.start()
    return scheduler


def run_blocking_worker(work: Work, tick_seconds: float) -> None:
    """`baton worker`: blocks, ticking until stopped (Ctrl-C or SIGTERM)."""
    scheduler = BlockingScheduler(timezone=UTC)
    schedule_work(scheduler, work, tick_seconds)
    log.info("worker started, ticking every %ss", tick_seconds)
    # SIGTERM would end the process on the spot; as SystemExit it returns to the caller,
    # which gives back the commands it is running.
    signal.signal(signal.SIGTERM, _exit)
    with contextlib.suppress(KeyboardInterrupt, SystemExit):
        scheduler.start()


def _exit(_signal: int, _frame: object) -> None:
    raise SystemExit(0)
