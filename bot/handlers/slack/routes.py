"""HTTP routes of `baton serve` for Slack: events, install and OAuth redirect.

`POST /slack/events` reads at most MAX_BODY (413 past it, the rest left unread), checks the
request signature before anything else (bad, missing or stale: 401, nothing read further)
and then runs Bolt off the event loop, so neither a database lookup during authorisation
nor a busy moment ever stalls other requests.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.signature import Clock, SignatureVerifier
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.handlers.slack.manifest import EVENTS_PATH, REDIRECT_PATH
from bot.handlers.slack.oauth import INSTALL_PATH
from bot.http_body import read_body

MAX_BODY = 1_000_000
"""Slack's largest payloads (a modal's full state, a long message) stay far below."""


class _Clock(Clock):
    """The verifier's idea of now (tests check Slack's documented example with a fixed one)."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now

    def now(self) -> float:
        return self._now()


def request_verifier(
    signing_secret: str, now: Callable[[], float] = time.time
) -> SignatureVerifier:
    """Slack's v0 signature (HMAC-SHA256 of `v0:timestamp:body`) within a 5-minute window."""
    return SignatureVerifier(signing_secret, clock=_Clock(now))


def is_signed(verifier: SignatureVerifier, body: bytes, headers: Mapping[str, str]) -> bool:
    """Whether `body` carries a valid, fresh signature; malformed headers are simply invalid."""
    timestamp = headers.get("x-slack-request-timestamp")
    signature = headers.get("x-slack-signature")
    if not timestamp or not signature or not timestamp.strip().isdigit():
        return False
    return verifier.is_valid(body, timestamp.strip(), signature)


class SlackEndpoints:
    """The Starlette endpoints in front of one Bolt app."""

    def __init__(self, app: App, verifier: SignatureVerifier) -> None:
        self.app = app
        self.verifier = verifier

    async def events(self, request: Request) -> Response:
        body = await read_body(request, MAX_BODY)
        if not is_signed(self.verifier, body, request.headers):
            return JSONResponse({"error": "invalid request"}, status_code=401)
        try:
            bolt_request = to_bolt_request(request, body)
        except UnicodeDecodeError:
            return PlainTextResponse("not UTF-8", status_code=400)
        response = await run_in_threadpool(self.app.dispatch, bolt_request)
        return to_starlette_response(response)

    async def install(self, request: Request) -> Response:
        flow = self.app.oauth_flow
        if flow is None:
            return PlainTextResponse("not found", status_code=404)
        bolt_request = to_bolt_request(request, b"")
        return to_starlette_response(
            await run_in_threadpool(flow.handle_installation, bolt_request)
        )

    async def oauth_redirect(self, request: Request) -> Response:
        flow = self.app.oauth_flow
        if flow is None:
            return PlainTextResponse("not found", status_code=404)
        response = await run_in_threadpool(flow.handle_callback, to_bolt_request(request, b""))
        return to_starlette_response(response)

    def routes(self) -> list[BaseRoute]:
        return [
            Route(EVENTS_PATH, self.events, methods=["POST"]),
            Route(INSTALL_PATH, self.install, methods=["GET"]),
            Route(REDIRECT_PATH, self.oauth_redirect, methods=["GET"]),
        ]
