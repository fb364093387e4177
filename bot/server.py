"""`baton serve`: the web process, with the scheduler running inside it."""

from __future__ import annotations

import uvicorn

from bot.app import build
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.web import create_web_app
from scheduler.worker import start_background_worker


def run_server(settings: Settings, *, port: int, host: str = "0.0.0.0") -> None:  # noqa: S104
    baton = build(settings, platforms=connected_platforms(settings))
    app = create_web_app(baton, platform_routes(baton, settings))
    scheduler = start_background_worker(baton, settings.tick_seconds)
    try:
        uvicorn.run(app, host=host, port=port, log_level="info")
    finally:
        scheduler.shutdown(wait=False)
        baton.db.dispose()
