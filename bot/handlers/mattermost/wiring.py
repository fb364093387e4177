"""Connects Mattermost when MATTERMOST_URL and MATTERMOST_TOKEN are set."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from bot.handlers.mattermost.client import MattermostClient
from bot.handlers.mattermost.platform import MattermostPlatform
from bot.handlers.mattermost.render import MattermostRenderer


def platform_factory(settings: Settings) -> Callable[[str], MattermostPlatform]:
    """Gives the platform of one team; every team shares one API client (one bot account)."""
    if not settings.baton_secret:
        raise ValueError("BATON_SECRET must be set to sign the context of Mattermost buttons")
    client = MattermostClient(settings.mattermost_url or "", settings.mattermost_token or "")
    renderer = MattermostRenderer(settings.baton_public_url, settings.baton_secret)

    def for_team(team_id: str) -> MattermostPlatform:
        return MattermostPlatform(client, renderer, team_id, settings.baton_secret)

    return for_team
