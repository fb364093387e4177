"""Core commands in process, through `Baton.handle`: dispatch, publish and the outbox.

    python -m bench.core_commands [--db sqlite,postgres] [--sizes 10000,100000] [-n 500]

For each database kind and data size, seeds a fresh database (`bench.seed`) and prints one
JSON line per command: durations (p50, p99, mean, max in ms), SQL statements per command and
how many calls failed. Exits with 1 when any call failed.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from bench.databases import KINDS, BenchDatabase, postgres_problem, seeded
from bench.measure import FailureLog, QueryCounter, Samples, emit, timed
from bench.seed import launch_open_tasks
from bench.titles import CHANNELS, LAUNCH_CHANNEL, task_title
from bot.app import Baton, build
from bot.commands.invocation import ButtonPress, Invocation, Reply
from bot.config import Settings
from bot.core.actor import Actor
from bot.core.message import Message
from bot.handlers.console.platform import ConsolePlatform
from bot.platforms import PlatformRegistry
from bot.views.tasks import Action
from storage.models import Member, Workspace

WARMUP = 20
"""Calls of each command made first and left out of the figures (caches, connections)."""

Expect = Callable[[Reply], bool]


class SilentPlatform(ConsolePlatform):
    """The console platform without the printing: messages are numbered, kept, not shown."""

    def _print(self, where: str, message: Message, note: str) -> None:
        pass


@dataclass(frozen=True)
class Card:
    """A posted task card whose Complete button can be pressed."""

    actor: Actor
    ref: str
    value: str


def actor(team_id: str, user_id: str, channel: str) -> Actor:
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


class CoreBench:
    """Runs each core command `n` times (after a warm-up) on one seeded database."""

    def __init__(self, database: BenchDatabase, *, tasks: int, n: int) -> None:
        self.platform = SilentPlatform(write=lambda _line: None)
        registry = PlatformRegistry()
        registry.register("console", lambda _team: self.platform)
        settings = Settings(database_url=database.url, database_schema=database.schema)
        self.baton: Baton = build(settings, platforms=registry, migrate=False)
        self.counter = QueryCounter(self.baton.db.engine)
        self.failures = FailureLog()
        self.first_error: str | None = None
        self.head: dict[str, Any] = {"bench": "core", "db": database.kind, "tasks": tasks}
        self.n = n
        self.rng = random.Random(7)
        self.people = self._people()
        self.cards: list[Card] = []

    def run(self) -> int:
        """Prints the figures of every command; returns how many calls failed."""
        try:
            return self.task_add() + self.task_done() + self.task_list_mine() + self.workload()
        finally:
            self.counter.close()
            self.failures.close()
            self.baton.db.dispose()

    def _people(self) -> dict[str, list[str]]:
        """The handles of each workspace's people, by team id."""
        with self.baton.db.transaction() as session:
            rows = session.execute(
                select(Workspace.team_id, Member.user_id)
                .join(Member, Member.workspace_id == Workspace.id)
                .order_by(Workspace.id, Member.id)
            ).all()
        people: dict[str, list[str]] = {}
        for team_id, user_id in rows:
            people.setdefault(team_id, []).append(user_id)
        return people

    def _handle(self, invocation: Invocation, samples: Samples, i: int, expect: Expect) -> Reply:
        """Handles `invocation`, timed into `samples` unless call `i` is a warm-up call."""
        logged = self.failures.count
        if i < WARMUP:
            reply = self.baton.handle(invocation)
        else:
            with timed(samples, self.counter):
                reply = self.baton.handle(invocation)
        if self.failures.count > logged or not expect(reply):
            samples.errors += 1
            summary = reply.message.summary if reply.message else repr(reply)
            self.first_error = self.first_error or self.failures.first or summary
        return reply

    def _report(self, command: str, samples: Samples, **extra: Any) -> int:
        emit(self.head | {"command": command} | samples.figures() | extra)
        return samples.errors

    def task_add(self) -> int:
        """`task add <title> @someone due friday` by people of every workspace in turn."""
        samples, duplicates = Samples(), 0
        teams = list(self.people)
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            author, assignee = self.rng.sample(self.people[team], 2)
            who = actor(team, author, self.rng.choice(CHANNELS))
            text = f"task add {task_title(self.rng)} @{assignee} due friday"
            reply = self._handle(
                Invocation(actor=who, text=text),
                samples,
                i,
                lambda r: r.shows_task is not None or r.duplicate,
            )
            duplicates += i >= WARMUP and reply.duplicate
            self._keep_card(who)
        return self._report("task add", samples, duplicates=duplicates)

    def _keep_card(self, who: Actor) -> None:
        """Remembers the card just posted in the channel, to press its Complete button later."""
        for posted in self.platform.messages:
            complete = [b for b in posted.message.buttons if b.action == Action.COMPLETE]
            if complete and posted.where == f"[#{who.channel_id}]" and not posted.only_for:
                self.cards.append(Card(who, posted.ref, complete[0].value))
        self.platform.messages.clear()

    def task_done(self) -> int:
        """Presses Complete on the cards `task_add` posted, as their author."""
        samples = Samples()
        for i, card in enumerate(self.cards):
            press = ButtonPress(action=Action.COMPLETE, value=card.value, message_ref=card.ref)
            invocation = Invocation(actor=card.actor, press=press, trigger_id=f"trigger-{i}")
            self._handle(invocation, samples, i, lambda r: r.replace_source)
            self.platform.messages.clear()
        return self._report("task done (button)", samples)

    def task_list_mine(self) -> int:
        """`task list mine` by people of every workspace in turn."""
        samples = Samples()
        teams = list(self.people)
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            who = actor(team, self.rng.choice(self.people[team]), "general")
            invocation = Invocation(actor=who, text="task list mine")
            self._handle(invocation, samples, i, lambda r: r.message is not None)
            self.platform.messages.clear()
        return self._report("task list mine", samples)

    def workload(self) -> int:
        """`workload #launch` in `ws-0`, whose #launch channel holds the most open tasks."""
        samples = Samples()
        for i in range(WARMUP + self.n):
            who = actor("ws-0", self.rng.choice(self.people["ws-0"]), "general")
            invocation = Invocation(actor=who, text=f"workload #{LAUNCH_CHANNEL}")
            self._handle(invocation, samples, i, lambda r: r.message is not None)
            self.platform.messages.clear()
        open_tasks = launch_open_tasks(self.head["tasks"])
        return self._report(f"workload #{LAUNCH_CHANNEL}", samples, open_tasks=open_tasks)


def bench_core(kind: str, *, tasks: int, n: int) -> int:
    """Seeds a database of `kind` with `tasks` tasks and prints the figures of each command;
    returns how many calls failed."""
    with seeded(kind, tasks=tasks) as database:
        bench = CoreBench(database, tasks=tasks, n=n)
        failed = bench.run()
        if bench.first_error:
            print(f"core: {failed} calls failed, the first: {bench.first_error}", file=sys.stderr)
        return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time core commands in process.")
    parser.add_argument("--db", default=",".join(KINDS), help="sqlite, postgres or both")
    parser.add_argument("--sizes", default="10000,100000", help="task counts to seed")
    parser.add_argument("-n", type=int, default=500, help="measured calls per command")
    args = parser.parse_args(argv)
    failed = 0
    for kind in args.db.split(","):
        problem = postgres_problem() if kind == "postgres" else None
        if problem:
            emit({"bench": "core", "db": kind, "skipped": problem})
            continue
        for size in args.sizes.split(","):
            failed += bench_core(kind, tasks=int(size), n=args.n)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
