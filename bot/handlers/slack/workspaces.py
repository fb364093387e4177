"""Which token speaks for which workspace: SLACK_BOT_TOKEN for one, OAuth installs for many.

The registry asks for a workspace's Platform by team id (or enterprise id for an org-wide
install); its token comes from the settings or from the installation store, and is
cached for a minute so a reinstall is picked up soon.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from slack_sdk import WebClient

from bot.config import Settings
from bot.core.platform import PlatformError
from bot.handlers.slack.client import web_client
from bot.handlers.slack.people import People
from bot.handlers.slack.platform import SlackPlatform

if TYPE_CHECKING:
    from bot.handlers.slack.oauth import Installations

TOKEN_CACHE_SECONDS = 60.0


class SlackWorkspaces:
    """The factory the platform registry calls: team id -> that workspace's SlackPlatform."""

    def __init__(
        self,
        settings: Settings,
        installations: Callable[[], Installations] | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings
        self._installations = installations
        self._clock = clock
        self._tokens: dict[str, tuple[float, str]] = {}
        self._clients: dict[str, WebClient] = {}
        self._lock = threading.Lock()
        self.people = People(clock)

    def __call__(self, team_key: str) -> SlackPlatform:
        return SlackPlatform(team_key, lambda: self.client(team_key), self.people)

    def client(self, team_key: str) -> WebClient:
        """A Web API client with the bot token of `team_key`; one per token."""
        token = self.token(team_key)
        client = self._clients.get(token)
        if client is None:
            with self._lock:
                client = self._clients.setdefault(
                    token, web_client(token, self.settings.slack_api_url)
                )
        return client

    def token(self, team_key: str) -> str:
        if self._installations is None:
            if not self.settings.slack_bot_token:
                raise PlatformError("not_authed", "SLACK_BOT_TOKEN is not set")
            return self.settings.slack_bot_token
        cached = self._tokens.get(team_key)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        token = self._installed_token(team_key)
        self._tokens[team_key] = (self._clock() + TOKEN_CACHE_SECONDS, token)
        return token

    def remember_token(self, team_key: str, token: str) -> None:
        """Notes the token Bolt authorised a request with, sparing a store lookup."""
        if self._installations is not None and token:
            self._tokens[team_key] = (self._clock() + TOKEN_CACHE_SECONDS, token)

    def _installed_token(self, team_key: str) -> str:
        assert self._installations is not None
        bot = self._installations().latest_bot(team_key)
        if bot is None or not bot.bot_token:
            raise PlatformError("not_installed", f"Baton is not installed in {team_key}")
        return bot.bot_token
