"""The registry of connected platforms: which Platform serves a given workspace."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.platform import Platform

PlatformFactory = Callable[[str], Platform]


class PlatformRegistry:
    """Maps a platform name to a factory that gives the Platform for one team."""

    def __init__(self) -> None:
        self._factories: dict[str, PlatformFactory] = {}

    def register(self, name: str, factory: PlatformFactory) -> None:
        self._factories[name] = factory

    @property
    def names(self) -> frozenset[str]:
        return frozenset(self._factories)

    def for_workspace(self, platform: str, team_id: str) -> Platform:
        try:
            factory = self._factories[platform]
        except KeyError:
            raise LookupError(f"no platform {platform!r} is connected") from None
        return factory(team_id)

    def __contains__(self, name: object) -> bool:
        return name in self._factories
