"""Connects Mattermost when MATTERMOST_URL and MATTERMOST_TOKEN are set."""

from __future__ import annotations

from collections.abc import Callable

from bot.config import Settings
from bot.handlers.mattermost.client import MattermostClient
from bot.handlers.mattermost.membership import TeamMembership
from bot.handlers.mattermost.platform import MattermostPlatform
from bot.handlers.mattermost.render import MattermostRenderer

API_TIMEOUT = 10.0
"""Seconds an API call waits for Mattermost's answer; a post answered later is found by the
outbox's next attempt, not made twice."""
MEMBERSHIP_TIMEOUT = 3.0
"""Seconds a membership check may wait: it runs before a request is answered."""


def platform_factory(settings: Settings) -> Callable[[str], MattermostPlatform]:
    """Gives the platform of one team; every team shares one API client (one bot account) and
    one memory of who belongs to which team."""
    if not settings.baton_secret:
        raise ValueError("BATON_SECRET must be set to sign the context of Mattermost buttons")
    url, token = settings.mattermost_url or "", settings.mattermost_token or ""
    client = MattermostClient(url, token, timeout=API_TIMEOUT)
    # Its own client: a request waits for the answer, so no long timeouts or backoff.
    checks = MattermostClient(url, token, timeout=MEMBERSHIP_TIMEOUT, connection_attempts=2)
    membership = TeamMembership(checks)
    renderer = MattermostRenderer(settings.baton_public_url, settings.baton_secret)

    def for_team(team_id: str) -> MattermostPlatform:
        return MattermostPlatform(client, renderer, team_id, settings.baton_secret, membership)

    return for_team
