"""The HTTP application of `baton serve`: health, readiness, metrics and the platforms' routes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

from prometheus_client import CONTENT_TYPE_LATEST
from sqlalchemy import text
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.answering import Answering
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

    return Starlette(
        routes=routes, lifespan=lifespan, middleware=[Middleware(AnsweringFirst, baton.answering)]
    )


class AnsweringFirst:
    """Counts each HTTP request as being answered from its start until its response has been
    sent (see `bot.answering`)."""

    def __init__(self, app: ASGIApp, answering: Answering) -> None:
        self._app = app
        self._answering = answering

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        answering = self._answering
        answering.started()
        pending = True

        async def sending(message: Message) -> None:
            nonlocal pending
            await send(message)
            last = message["type"] == "http.response.body" and not message.get("more_body")
            if pending and last:
                pending = False
                answering.answered()

        try:
            await self._app(scope, receive, sending)
        finally:
            if pending:
                answering.answered()
