"""Connects the platforms that the settings configure, and their HTTP routes."""

from __future__ import annotations

from starlette.routing import BaseRoute

from bot.app import Baton
from bot.config import Settings
from bot.platforms import PlatformRegistry


def connected_platforms(settings: Settings) -> PlatformRegistry:
    """A registry with every platform whose credentials are set."""
    registry = PlatformRegistry()
    # Mattermost
    if settings.mattermost_url and settings.mattermost_token:
        from bot.handlers.mattermost.wiring import platform_factory

        registry.register("mattermost", platform_factory(settings))
    # Slack
    if settings.slack_bot_token or settings.slack_client_id:
        from bot.handlers.slack.wiring import platform_factory as slack_platforms

        registry.register("slack", slack_platforms(settings))
    return registry


def platform_routes(baton: Baton, settings: Settings) -> list[BaseRoute]:
    """The HTTP routes of the connected platforms."""
    routes: list[BaseRoute] = []
    # Mattermost
    if settings.mattermost_url and settings.mattermost_token:
        from bot.handlers.mattermost.routes import mattermost_routes

        routes += mattermost_routes(baton, settings)
    # Slack (with SLACK_APP_TOKEN this also opens the Socket Mode connection)
    if settings.slack_bot_token or settings.slack_client_id:
        from bot.handlers.slack.wiring import slack_service

        routes += slack_service(baton, settings).routes()
    return routes
