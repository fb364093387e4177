"""A Baton wired for measuring in process: a console platform that shows nothing, a dispatcher
that times itself, and a count of the SQL statements sent."""

from __future__ import annotations

from collections.abc import Sequence

from bench.databases import BenchDatabase
from bench.measure import FailureLog, QueryCounter, Samples, timed
from bot.app import Baton, build
from bot.commands.dispatch import Dispatcher
from bot.commands.invocation import Invocation, Reply
from bot.commands.models import Command
from bot.config import Settings
from bot.core.actor import Actor
from bot.core.message import Message
from bot.handlers.console.platform import ConsolePlatform
from bot.platforms import PlatformRegistry


class SilentPlatform(ConsolePlatform):
    """The console platform without the printing: messages are numbered and kept, not shown."""

    def _print(self, where: str, message: Message, note: str, files: Sequence[str] = ()) -> None:
        pass


class TimedDispatcher(Dispatcher):
    """Times `dispatch` alone (parse, transaction, reply) into `samples` when it is set."""

    samples: Samples | None = None
    counter: QueryCounter | None = None

    def dispatch(self, invocation: Invocation, command: Command | None = None) -> Reply:
        if self.samples is None or self.counter is None:
            return super().dispatch(invocation, command)
        with timed(self.samples, self.counter):
            return super().dispatch(invocation, command)


class Harness:
    """A Baton on `database` with one silent console platform for every workspace."""

    def __init__(self, database: BenchDatabase) -> None:
        self.platform = SilentPlatform(write=lambda _line: None)
        registry = PlatformRegistry()
        registry.register("console", lambda _team: self.platform)
        settings = Settings(database_url=database.url, database_schema=database.schema)
        self.baton: Baton = build(settings, platforms=registry, migrate=False)
        self.counter = QueryCounter(*self.baton.db.engines)
        baton = self.baton
        self.dispatcher = TimedDispatcher(baton.db, baton.clock, baton.platforms, baton.registry)
        self.dispatcher.counter = self.counter
        self.baton.dispatcher = self.dispatcher
        self.failures = FailureLog()

    def close(self) -> None:
        self.counter.close()
        self.failures.close()
        self.baton.db.dispose()


def console_actor(team_id: str, user_id: str, channel: str) -> Actor:
    """Someone of a seeded workspace, as the console names people and channels."""
    return Actor(
        platform="console",
        team_id=team_id,
        team_name=team_id,
        user_id=user_id,
        user_name=user_id,
        channel_id=channel,
        channel_name=channel,
    )
