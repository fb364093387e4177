"""HTTP routes of `baton serve` for Slack: events, install and OAuth redirect.

`POST /slack/events` reads at most MAX_BODY (413 past it, the rest left unread), checks the
request signature before anything else (bad, missing or stale, or a body that is not UTF-8:
401, nothing read further), refuses a payload of a shape Slack does not send (400), and then
runs Bolt off the event loop, so neither a database lookup during authorisation nor a busy
moment ever stalls other requests. Each refusal is one line in the log, never a traceback.

`GET /slack/install` writes an OAuth state row per visit, so it is rate-limited per client
address: a few visits a minute are plenty for people installing Baton.
"""

from __future__ import annotations

import logging
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
from bot.handlers.slack.shapes import MalformedError, payload_of
from bot.http_body import BodyTooLargeError, read_body
from bot.rate_limit import RateLimit

log = logging.getLogger(__name__)

MAX_BODY = 1_000_000
"""Slack's largest payloads (a modal's full state, a long message) stay far below."""
INSTALLS_PER_MINUTE = 6
INSTALL_BURST = 10


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
    return unsigned_because(verifier, body, headers) is None


def unsigned_because(
    verifier: SignatureVerifier, body: bytes, headers: Mapping[str, str]
) -> str | None:
    """Why `body` is not validly signed, or None when it is."""
    timestamp = (headers.get("x-slack-request-timestamp") or "").strip()
    signature = headers.get("x-slack-signature") or ""
    if not timestamp.isdigit() or not signature or not signature.isascii():
        return "no usable signature headers"
    try:
        # The verifier would decode it too, raising; Slack only ever sends UTF-8.
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return "the body is not UTF-8"
    if not verifier.is_valid(text, timestamp, signature):
        return "a wrong or stale signature"
    return None


def refused(request: Request, status: int, why: str) -> None:
    """The one log line of a refused request."""
    client = request.client.host if request.client else "?"
    path = request.url.path
    log.warning("refused %s %s from %s (%d): %s", request.method, path, client, status, why)


class SlackEndpoints:
    """The Starlette endpoints in front of one Bolt app."""

    def __init__(
        self, app: App, verifier: SignatureVerifier, installs: RateLimit | None = None
    ) -> None:
        self.app = app
        self.verifier = verifier
        self.installs = installs or RateLimit(INSTALLS_PER_MINUTE, INSTALL_BURST)

    async def events(self, request: Request) -> Response:
        try:
            body = await read_body(request, MAX_BODY)
        except BodyTooLargeError:
            refused(request, 413, f"a body over {MAX_BODY} bytes")
            raise
        why = unsigned_because(self.verifier, body, request.headers)
        if why is not None:
            refused(request, 401, why)
            return JSONResponse({"error": "invalid request"}, status_code=401)
        try:
            payload_of(body.decode("utf-8"), _content_type(request))
        except MalformedError as error:
            refused(request, 400, f"a malformed payload ({error})")
            return JSONResponse({"error": "malformed request"}, status_code=400)
        bolt_request = to_bolt_request(request, body)
        response = await run_in_threadpool(self.app.dispatch, bolt_request)
        return to_starlette_response(response)

    async def install(self, request: Request) -> Response:
        flow = self.app.oauth_flow
        if flow is None:
            return PlainTextResponse("not found", status_code=404)
        # Behind a local proxy uvicorn takes the address from X-Forwarded-For.
        client = request.client.host if request.client else ""
        if not self.installs.allow(client):
            refused(request, 429, "too many install pages")
            retry = str(self.installs.retry_after())
            return PlainTextResponse("too many requests", 429, headers={"Retry-After": retry})
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


def _content_type(request: Request) -> str | None:
    """The media type as Bolt reads it (the header up to `;`, as it is)."""
    value = request.headers.get("content-type")
    return value.split(";")[0] if value else None
