"""Socket Mode: Slack delivers the same payloads over a WebSocket that Baton opens, so no
public URL is needed. Used when SLACK_APP_TOKEN is set.

Each envelope is acked on the socket when the listener returns (the same fast ack as over
HTTP); Slack's `retry_attempt` reaches Bolt as `X-Slack-Retry-Num`, and retried deliveries
are recognised by their trigger or event id like over HTTP.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

log = logging.getLogger(__name__)


def connect_socket_mode(app: App, app_token: str) -> SocketModeHandler:
    """Opens the Socket Mode connection (in background threads) and returns its handler."""
    handler = SocketModeHandler(app, app_token=app_token, web_client=app.client)
    handler.connect()  # type: ignore[no-untyped-call]
    log.info("Slack Socket Mode connected")
    return handler
