"""The similar-title memory of one process stays right when other processes change tasks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.app import Baton, build
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.platforms import PlatformRegistry
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform


@pytest.fixture
def other_process(
    settings: Settings, clock: SimulatedClock, platform: FakePlatform
) -> Iterator[Chat]:
    """A second Baton on the same database, as another web process would be."""
    elsewhere = FakePlatform(write=lambda _line: None, people=dict(platform.people))
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: elsewhere)
    other = build(settings, clock=clock, platforms=platforms, migrate=False)
    yield Chat(other, elsewhere)
    other.db.dispose()


def test_tasks_created_elsewhere_are_compared(chat: Chat, other_process: Chat) -> None:
    chat.say("/baton task add Print flyers")  # this process now remembers the workspace
    other_process.say("/baton task add Order furniture for IAA booth")
    assert "looks like work that is already open" in chat.say(
        "/baton task add Book IAA booth furniture"
    )


def test_tasks_closed_elsewhere_no_longer_warn(
    chat: Chat, other_process: Chat, baton: Baton
) -> None:
    chat.say("/baton task add Order furniture for IAA booth")
    chat.say("/baton task add Print flyers")
    other_process.say("/baton task done T-1")
    assert "T-3 Book IAA booth furniture" in chat.say("/baton task add Book IAA booth furniture")
