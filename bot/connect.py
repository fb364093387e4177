"""Connects the platforms that the settings configure, and their HTTP routes."""

from __future__ import annotations

from starlette.routing import BaseRoute

from bot.app import Baton
from bot.config import Settings
from bot.platforms import PlatformRegistry


def connected_platforms(settings: Settings) -> PlatformRegistry:
    """A registry with every platform whose credentials are set."""
    return PlatformRegistry()


def platform_routes(baton: Baton, settings: Settings) -> list[BaseRoute]:
    """The HTTP routes of the connected platforms."""
    return []
