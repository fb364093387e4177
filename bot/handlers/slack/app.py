"""The Bolt app: request verification, authorisation and Baton's listeners.

It is built with `process_before_response=True`. With Bolt's default (False) the sync App
runs each listener on a thread and polls for its ack every 10 ms; behind an ASGI server
that polling serialises requests (92 requests/s and p99 551 ms at 50 clients in
bench/README.md; more clients, past Slack's deadline). Here the listener's ack is the
response, and the listener returns at once: the work runs after it (from the inbox, or in
Baton's background pool).
"""

from __future__ import annotations

import logging

from slack_bolt import App

from bot.app import Baton
from bot.config import Settings
from bot.handlers.slack.client import web_client
from bot.handlers.slack.listeners import register_listeners
from bot.handlers.slack.oauth import oauth_settings
from bot.handlers.slack.runtime import SlackRuntime


class _TokenFromClient(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and then warns that the client
    Baton gives it (with that very token and Baton's retry rules) wins: true, and expected."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


logging.getLogger("slack_bolt.App").addFilter(_TokenFromClient())


def bolt_app(baton: Baton, settings: Settings, runtime: SlackRuntime) -> App:
    """One workspace with SLACK_BOT_TOKEN, or many with SLACK_CLIENT_ID/SECRET (OAuth)."""
    oauth = bool(settings.slack_client_id and settings.slack_client_secret)
    secret = settings.slack_signing_secret or ""
    if oauth:
        flow = oauth_settings(settings, baton.db.engine)
        app = App(
            signing_secret=secret,
            client=web_client(None, settings.slack_api_url),
            oauth_settings=flow,
            process_before_response=True,
            request_verification_enabled=False,  # the route checked the signature already
        )
    else:
        app = App(
            signing_secret=secret,
            client=web_client(settings.slack_bot_token, settings.slack_api_url),
            # auth.test on the first request, not at start: Slack being unreachable while
            # Baton starts must not stop `baton serve` (and Mattermost with it).
            token_verification_enabled=False,
            process_before_response=True,
            request_verification_enabled=False,  # the route checked the signature already
        )
    register_listeners(app, runtime, oauth=oauth)
    return app
