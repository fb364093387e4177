"""The HTTP application of `baton serve`: health, readiness, metrics and the platforms' routes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.app import Baton
from scheduler.health import metrics_text, queue_state


def create_web_app(
    baton: Baton,
    extra_routes: list[BaseRoute] | None = None,
    *,
    on_shutdown: Callable[[], None] | None = None,
) -> Starlette:
    """Starlette app with `/healthz`, `/readyz`, `/metrics` and the platforms' routes.

    `on_shutdown` runs when the server shuts down gracefully, once the last request has been
    answered (uvicorn re-raises the signal right after, so nothing later in the process runs).
    """

    def healthz(_request: Request) -> Response:
        return PlainTextResponse("ok")

    def readyz(_request: Request) -> Response:
        try:
            with baton.db.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            state = queue_state(baton.db, baton.clock)
        except Exception as error:  # the database is what readiness means here
            return JSONResponse({"ready": False, "error": type(error).__name__}, status_code=503)
        last_tick = state.last_tick.isoformat() if state.last_tick else None
        return JSONResponse(
            {
                "ready": True,
                "worker_last_tick": last_tick,
                "jobs_due": state.jobs_due,
                "outbox_pending": state.outbox_pending,
            }
        )

    def metrics(_request: Request) -> Response:
        body = metrics_text(baton.db, baton.clock)
        return Response(body, media_type=CONTENT_TYPE_LATEST)

    routes: list[BaseRoute] = [
        Route("/healthz", healthz),
        Route("/readyz", readyz),
        Route("/metrics", metrics),
        *(extra_routes or []),
    ]

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        yield
        if on_shutdown is not None:
            await run_in_threadpool(on_shutdown)

    return Starlette(routes=routes, lifespan=lifespan)
