"""`baton serve`: the web process, with a worker beside it or, on SQLite, inside it.

On SIGTERM (every deploy sends it) uvicorn stops accepting connections and answers the
requests it has; then whoever runs the commands here (the inbox's threads, or the worker
process beside it) runs what waits for a grace period, and gives back the rows still running
at its end: nothing acknowledged waits for a lease to run out.

On PostgreSQL it only writes each request to the inbox and acks: the commands and the
scheduled work run in a worker process it starts beside itself (`bot.attached_worker`), or,
with BATON_INBOX_RUNNER=worker, in the `baton worker` processes deployed next to it. On
SQLite they run in threads of this process (SQLite is for `baton serve` alone).
"""

from __future__ import annotations

import gc
import logging
import sys

import uvicorn
from sqlalchemy.engine import make_url

from bot.app import Baton, build
from bot.attached_worker import AttachedWorker, worker_command
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.inbox import SHUTDOWN_GRACE_SECONDS
from bot.web import create_web_app
from scheduler.worker import start_background_worker
from storage.db import ACKING_ONLY, RUNNING_WORK

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.001
"""Seconds a thread may keep the interpreter while another waits (Python's default: 0.005).
On SQLite the work that follows an ack runs in threads of this process; a shorter turn lets a
waiting request through sooner."""
REQUESTS_GRACE_SECONDS = 5
"""How long a shutdown waits for requests being answered (an answer takes milliseconds)."""
WORKER_GRACE_SECONDS = SHUTDOWN_GRACE_SECONDS + 5
"""How long a shutdown waits for the attached worker, which takes its own grace to finish."""


def run_server(settings: Settings, *, port: int, host: str) -> None:
    platforms = connected_platforms(settings)
    if platforms.names:
        log.info("platforms connected: %s", ", ".join(sorted(platforms.names)))
    else:
        log.warning(
            "no platform is connected: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (or "
            "SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET) for Slack, "
            "MATTERMOST_URL, MATTERMOST_TOKEN and MATTERMOST_COMMAND_TOKEN for Mattermost"
        )
    acks_only = settings.baton_inbox_runner == "worker" or on_postgresql(settings)
    baton = build(settings, platforms=platforms, pools=ACKING_ONLY if acks_only else RUNNING_WORK)
    routes = platform_routes(baton, settings)
    scheduler = None
    attached = None
    if settings.baton_inbox_runner == "worker":
        baton.inbox.leave_to_workers()
        log.info("commands and scheduled work are left to `baton worker`")
    elif acks_only:  # on PostgreSQL
        attached = AttachedWorker(worker_command())
        baton.inbox.leave_to_workers(wake=attached.wake)
        attached.start()
    else:
        scheduler = start_background_worker(baton, settings.tick_seconds, baton.db.engine)
        baton.inbox.start()  # what a process before this one left unfinished
    app = create_web_app(baton, routes, on_shutdown=lambda: shut_down(baton, attached))
    tune_for_latency()
    try:
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="info",
            timeout_graceful_shutdown=REQUESTS_GRACE_SECONDS,
        )
    finally:
        if scheduler is not None:
            scheduler.shutdown(wait=False)
        if attached is not None:
            attached.stop(grace=WORKER_GRACE_SECONDS)  # at once if it was stopped already
        baton.db.dispose()


def on_postgresql(settings: Settings) -> bool:
    return make_url(settings.database_url).get_backend_name() == "postgresql"


def shut_down(baton: Baton, attached: AttachedWorker | None) -> None:
    """The end of a graceful shutdown, after the last request was answered."""
    baton.inbox.stop(grace=SHUTDOWN_GRACE_SECONDS)
    if attached is not None:
        attached.stop(grace=WORKER_GRACE_SECONDS)


def tune_for_latency() -> None:
    """Keeps request latency even while background work runs in the same process.

    Everything built at start-up (modules, settings, date parser data, the apps) lives as
    long as the process: frozen, the collector no longer walks it, which cut its full
    collections from about 80 ms to a few. And threads take shorter turns.
    """
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)
