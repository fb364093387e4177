"""`baton serve`: the web process, with the scheduler running inside it."""

from __future__ import annotations

import gc
import sys

import uvicorn

from bot.app import build
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.web import create_web_app
from scheduler.worker import start_background_worker

SWITCH_INTERVAL = 0.001
"""Seconds a thread may keep the interpreter while another waits (Python's default: 0.005).
The work that follows an ack runs in threads of this process; a shorter turn lets a waiting
request through sooner, which keeps acks fast under load (bench/README.md, Slack)."""


def run_server(settings: Settings, *, port: int, host: str) -> None:
    baton = build(settings, platforms=connected_platforms(settings))
    app = create_web_app(baton, platform_routes(baton, settings))
    scheduler = start_background_worker(baton, settings.tick_seconds, baton.db.engine)
    tune_for_latency()
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        scheduler.shutdown(wait=False)
        baton.db.dispose()


def tune_for_latency() -> None:
    """Keeps request latency even while background work runs in the same process.

    Everything built at start-up (modules, settings, date parser data, the apps) lives as
    long as the process: frozen, the collector no longer walks it, which cut its full
    collections from about 80 ms to a few. And threads take shorter turns.
    """
    gc.collect()
    gc.freeze()
    sys.setswitchinterval(SWITCH_INTERVAL)
