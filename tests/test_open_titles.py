"""The similar-title memory of one process stays right when other processes change tasks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from bot.app import Baton, build
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.core.open_titles import OpenTitles
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


@contextmanager
def _titles_read(baton: Baton) -> Iterator[list[str]]:
    """The statements that read open titles by number, while the block runs."""
    read: list[str] = []

    def seen(_conn: object, _cursor: object, statement: str, *_rest: object) -> None:
        if statement.startswith("SELECT tasks.number, tasks.title"):
            read.append(statement)

    event.listen(baton.db.engine, "before_cursor_execute", seen)
    try:
        yield read
    finally:
        event.remove(baton.db.engine, "before_cursor_execute", seen)


def test_a_task_created_here_is_remembered_not_read_back(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Order furniture for IAA booth")
    with _titles_read(baton) as read:
        reply = chat.say("/baton task add Book IAA booth furniture")
    assert "T-1 Order furniture for IAA booth" in reply
    assert read == []


def test_a_task_created_elsewhere_since_is_read(
    chat: Chat, other_process: Chat, baton: Baton
) -> None:
    chat.say("/baton task add Print flyers")
    other_process.say("/baton task add Order furniture for IAA booth")
    with _titles_read(baton) as read:
        reply = chat.say("/baton task add Book IAA booth furniture")
    assert "T-2 Order furniture for IAA booth" in reply
    assert len(read) == 1


def test_a_creation_rolled_back_is_not_remembered(baton: Baton, clock: SimulatedClock) -> None:
    titles = OpenTitles()
    with Session(baton.db.engine) as session:
        assert titles.similar(session, 1, "Print flyers", clock.now(), numbered=0) == []
        titles.created(session, 1, 1, "Order furniture for IAA booth")
        session.rollback()
    with Session(baton.db.engine) as session:
        titles.similar(session, 1, "Print flyers", clock.now(), numbered=0)
        titles.created(session, 1, 1, "Print flyers")  # the number given back is taken again
        session.commit()
    assert titles.remembered(1) == {1: "Print flyers"}
