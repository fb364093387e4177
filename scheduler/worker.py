"""The worker: APScheduler ticks the due queue and the outbox; the database holds the jobs.

APScheduler keeps no job of its own that the database does not know: its only jobs are
the periodic tick and the nightly clean-up, so any number of workers can run side by side.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import delete

from bot.app import Baton
from bot.config import Settings
from storage.models import ProcessedDelivery

log = logging.getLogger(__name__)

DELIVERY_KEYS_KEPT = timedelta(days=2)


def prune_delivery_keys(baton: Baton) -> int:
    """Forgets delivery keys older than any platform retries (Slack retries within minutes)."""
    cutoff = baton.clock.now() - DELIVERY_KEYS_KEPT
    with baton.db.transaction() as session:
        result = session.execute(
            delete(ProcessedDelivery).where(ProcessedDelivery.created_at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _safe_tick(baton: Baton) -> None:
    try:
        baton.tick()
    except Exception:  # a database blip must not stop the scheduler; the next tick retries
        log.exception("tick failed")


def schedule_work(scheduler: BaseScheduler, baton: Baton, tick_seconds: float) -> None:
    scheduler.add_job(
        _safe_tick,
        IntervalTrigger(seconds=tick_seconds),
        args=[baton],
        id="tick",
        max_instances=1,
        coalesce=True,
    )
    scheduler.add_job(
        prune_delivery_keys, CronTrigger(hour=3, minute=17, timezone=UTC), args=[baton], id="prune"
    )


def start_background_worker(baton: Baton, tick_seconds: float) -> BackgroundScheduler:
    """Runs the scheduled work in a thread of this process (used by `baton serve`)."""
    scheduler = BackgroundScheduler(timezone=UTC)
    schedule_work(scheduler, baton, tick_seconds)
    scheduler.start()
    return scheduler


def run_worker(settings: Settings) -> None:
    """`baton worker`: blocks, ticking until stopped."""
    from bot.app import build
    from bot.connect import connected_platforms

    baton = build(settings, platforms=connected_platforms(settings))
    scheduler = BlockingScheduler(timezone=UTC)
    schedule_work(scheduler, baton, settings.tick_seconds)
    log.info("worker started, ticking every %ss", settings.tick_seconds)
    try:
        scheduler.start()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        baton.db.dispose()
