"""The scheduler's state as any process reads it from the database: for /readyz and /metrics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from bot.core.clock import Clock
from scheduler.metrics import REGISTRY
from storage.beats import last_beat
from storage.db import Database
from storage.due_queue import due_count
from storage.outbox_queue import pending_count


@dataclass(frozen=True, slots=True)
class QueueState:
    last_tick: datetime | None
    """When a worker last ticked (any worker)."""
    jobs_due: int
    """Jobs due now and not yet run."""
    outbox_pending: int

    def seconds_since_tick(self, now: datetime) -> float | None:
        return None if self.last_tick is None else (now - self.last_tick).total_seconds()


def queue_state(db: Database, clock: Clock) -> QueueState:
    with db.transaction() as session:
        return QueueState(
            last_tick=last_beat(session),
            jobs_due=due_count(session, clock.now()),
            outbox_pending=pending_count(session),
        )


class _StateCollector(Collector):
    def __init__(self, state: QueueState, now: datetime) -> None:
        self._state = state
        self._now = now

    def collect(self) -> list[GaugeMetricFamily]:
        families = [
            GaugeMetricFamily(
                "baton_jobs_due_now", "Jobs due and not yet run", self._state.jobs_due
            ),
            GaugeMetricFamily(
                "baton_outbox_pending", "Messages waiting to be sent", self._state.outbox_pending
            ),
        ]
        since = self._state.seconds_since_tick(self._now)
        if since is not None:
            families.append(
                GaugeMetricFamily(
                    "baton_worker_last_tick_age_seconds",
                    "Seconds since a worker last ticked",
                    since,
                )
            )
        return families


def metrics_text(db: Database, clock: Clock) -> bytes:
    """Prometheus text: this process's counters, and the queues as the database has them."""
    state = CollectorRegistry(auto_describe=False)
    state.register(_StateCollector(queue_state(db, clock), clock.now()))
    return generate_latest(REGISTRY) + generate_latest(state)
