"""`baton serve`: the web process, with the scheduler running inside it.

On SIGTERM (every deploy sends it) uvicorn stops accepting connections and answers the
requests it has; then the inbox runs what waits for a grace period, and gives back the rows
still running at its end: nothing acknowledged waits for a lease to run out.

With BATON_INBOX_RUNNER=worker it only writes each request to the inbox and acks: no
command, no scheduled work runs here; `baton worker` processes run them.
"""

from __future__ import annotations

import gc
import logging
import sys

import uvicorn

from bot.app import Baton, build
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.inbox import SHUTDOWN_GRACE_SECONDS
from bot.web import create_web_app
from scheduler.worker import start_background_worker

log = logging.getLogger(__name__)

SWITCH_INTERVAL = 0.001
"""Seconds a thread may keep the interpreter while another waits (Python's default: 0.005).
The work that follows an ack runs in threads of this process; a shorter turn lets a waiting
request through sooner, which keeps acks fast under load (bench/README.md, Slack)."""
REQUESTS_GRACE_SECONDS = 5
"""How long a shutdown waits for requests being answered (an answer takes milliseconds)."""


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
    baton = build(settings, platforms=platforms)
    routes = platform_routes(baton, settings)
    app = create_web_app(baton, routes, on_shutdown=lambda: shut_down(baton))
    scheduler = None
    if settings.baton_inbox_runner == "worker":
        baton.inbox.leave_to_workers()
        log.info("commands and scheduled work are left to `baton worker`")
    else:
        scheduler = start_background_worker(baton, settings.tick_seconds, baton.db.engine)
        baton.inbox.start()  # what a process before this one left unfinished
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
        baton.db.dispose()


def shut_down(baton: Baton) -> None:
    """The end of a graceful shutdown, after the last request was answered."""
    baton.inbox.stop(grace=SHUTDOWN_GRACE_SECONDS)


def tune_for_latency() -> None:
    """Keeps request latency even while background work runs in the same process.

    Everything built at start-up (modules, settings, date parser data, the apps) lives as
    long as the process: frozen, the collector no longer walks it, which cut its full
    collections from about 80 ms to a few. And threads take shorter turns.
    """
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)
