"""Bare Bolt apps to compare `baton serve` with: a slash command that only acks.

    SLACK_BOT_TOKEN=… SLACK_SIGNING_SECRET=… SLACK_API_URL=… \
        uvicorn bench.slack_bare:ack_only --port 8902          # process_before_response=True
        uvicorn bench.slack_bare:ack_default --port 8902       # Bolt's default (False)
        uvicorn bench.slack_bare:signature_only --port 8902    # plain Starlette, HMAC check only

Served through Bolt's own Starlette adapter, as its documentation shows.
"""

from __future__ import annotations

import os
from typing import Any

from slack_bolt import Ack, App
from slack_bolt.adapter.starlette import SlackRequestHandler
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route


def _bolt(process_before_response: bool) -> Starlette:
    client = WebClient(token=os.environ["SLACK_BOT_TOKEN"], base_url=os.environ["SLACK_API_URL"])
    app = App(
        client=client,
        signing_secret=os.environ["SLACK_SIGNING_SECRET"],
        process_before_response=process_before_response,
    )

    @app.command("/baton")
    def ack_only(ack: Ack, body: dict[str, Any]) -> None:
        ack()

    handler = SlackRequestHandler(app)

    async def events(request: Request) -> Response:
        return await handler.handle(request)

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def _signature_only() -> Starlette:
    verifier = SignatureVerifier(os.environ["SLACK_SIGNING_SECRET"])

    async def events(request: Request) -> Response:
        body = await request.body()
        timestamp = request.headers.get("x-slack-request-timestamp", "")
        signature = request.headers.get("x-slack-signature", "")
        if not verifier.is_valid(body, timestamp, signature):
            return JSONResponse({"error": "invalid request"}, status_code=401)
        return Response(b"")

    return Starlette(routes=[Route("/slack/events", events, methods=["POST"])])


def __getattr__(name: str) -> Starlette:
    """The app `name`, built when uvicorn imports it (and only that one)."""
    if name == "ack_only":
        return _bolt(process_before_response=True)
    if name == "ack_default":
        return _bolt(process_before_response=False)
    if name == "signature_only":
        return _signature_only()
    raise AttributeError(name)
