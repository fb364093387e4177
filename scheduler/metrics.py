"""What the scheduler counts, for `/metrics` (Prometheus) and `/readyz`.

Counters live in this process; queue depths and the workers' last ticks are read from the
database when scraped, so any process answers for all of them.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

JOBS_DUE = Counter(
    "baton_jobs_due", "Scheduled jobs claimed because they fell due", ["kind"], registry=REGISTRY
)
JOBS_FIRED = Counter(
    "baton_jobs_fired", "Scheduled jobs that ran to their end", ["kind"], registry=REGISTRY
)
JOBS_RETRIED = Counter(
    "baton_jobs_retried",
    "Scheduled jobs that failed and will be tried again",
    ["kind"],
    registry=REGISTRY,
)
JOBS_FAILED = Counter(
    "baton_jobs_failed",
    "Scheduled jobs given up after their last attempt",
    ["kind"],
    registry=REGISTRY,
)
JOB_LATENESS = Histogram(
    "baton_job_lateness_seconds",
    "How long after its due time a job ran",
    ["kind"],
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600, 86400),
    registry=REGISTRY,
)
OUTBOX_SENT = Counter("baton_outbox_sent", "Messages delivered", registry=REGISTRY)
OUTBOX_RETRIED = Counter(
    "baton_outbox_retried", "Messages that failed and will be sent again", registry=REGISTRY
)
OUTBOX_FAILED = Counter(
    "baton_outbox_failed", "Messages given up after their last attempt", registry=REGISTRY
)
