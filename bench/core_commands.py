"""Core commands in process, through `Baton.handle`: dispatch, publish and the outbox.

    python -m bench.core_commands [--db sqlite,postgres] [--sizes 10000,100000] [-n 500]

For each database kind and data size, seeds a fresh database (`bench.seed`) and prints one
JSON line per command: durations (p50, p99, mean, max in ms) and SQL statements per command.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bench.databases import KINDS, BenchDatabase, postgres_problem, seeded
from bench.measure import QueryCounter, Samples, emit, timed
from bench.titles import CHANNELS, LAUNCH_CHANNEL, task_title
from bot.app import Baton, build
from bot.commands.invocation import ButtonPress, Invocation, Reply
from bot.config import Settings
from bot.core.actor import Actor
from bot.core.message import Message
from bot.handlers.console.platform import ConsolePlatform
from bot.platforms import PlatformRegistry
from bot.views.tasks import Action
from storage.models import Channel, Member, Task, TaskStatus, Workspace

WARMUP = 20
"""Calls of each command made first and left out of the figures (caches, connections)."""


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


class CoreBench:
    def __init__(self, database: BenchDatabase, *, tasks: int, n: int) -> None:
        self.platform = SilentPlatform(write=lambda _line: None)
        registry = PlatformRegistry()
        registry.register("console", lambda _team: self.platform)
        settings = Settings(database_url=database.url, database_schema=database.schema)
        self.baton: Baton = build(settings, platforms=registry, migrate=False)
        self.counter = QueryCounter(self.baton.db.engine)
        self.head = {"bench": "core", "db": database.kind, "tasks": tasks}
        self.n = n
        self.rng = random.Random(7)
        self.people = self._people()
        self.cards: list[Card] = []

    def close(self) -> None:
        self.counter.close()
        self.baton.db.dispose()

    def run(self) -> None:
        self.task_add()
        self.task_done()
        self.task_list_mine()
        self.workload()

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

    def _actor(self, team_id: str, user_id: str, channel: str) -> Actor:
        return Actor(
            platform="console",
            team_id=team_id,
            team_name=team_id,
            user_id=user_id,
            user_name=user_id,
            channel_id=channel,
            channel_name=channel,
        )

    def _report(self, command: str, samples: Samples, **extra: Any) -> None:
        emit(self.head | {"command": command} | samples.figures() | extra)

    def _handle(self, invocation: Invocation, samples: Samples, i: int) -> Reply:
        """Handles `invocation`; timed into `samples` unless call `i` is a warm-up call."""
        if i < WARMUP:
            return self.baton.handle(invocation)
        with timed(samples, self.counter):
            return self.baton.handle(invocation)

    def task_add(self) -> None:
        """`task add <title> @someone due friday` by people of every workspace in turn."""
        samples, duplicates = Samples(), 0
        teams = list(self.people)
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            author, assignee = self.rng.sample(self.people[team], 2)
            actor = self._actor(team, author, self.rng.choice(CHANNELS))
            text = f"task add {task_title(self.rng)} @{assignee} due friday"
            reply = self._handle(Invocation(actor=actor, text=text), samples, i)
            duplicates += i >= WARMUP and reply.duplicate
            self._keep_card(actor)
        self._report("task add", samples, duplicates=duplicates)

    def _keep_card(self, actor: Actor) -> None:
        """Remembers the card just posted in the channel, to press its Complete button later."""
        for posted in self.platform.messages:
            complete = [b for b in posted.message.buttons if b.action == Action.COMPLETE]
            if complete and posted.where == f"[#{actor.channel_id}]" and not posted.only_for:
                self.cards.append(Card(actor, posted.ref, complete[0].value))
        self.platform.messages.clear()

    def task_done(self) -> None:
        """Presses Complete on the cards `task_add` posted, as their author."""
        samples = Samples()
        for i, card in enumerate(self.cards):
            press = ButtonPress(action=Action.COMPLETE, value=card.value, message_ref=card.ref)
            invocation = Invocation(actor=card.actor, press=press, trigger_id=f"trigger-{i}")
            self._handle(invocation, samples, i)
            self.platform.messages.clear()
        self._report("task done (button)", samples)

    def task_list_mine(self) -> None:
        """`task list mine` by people of every workspace in turn."""
        samples = Samples()
        teams = list(self.people)
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            actor = self._actor(team, self.rng.choice(self.people[team]), "general")
            self._handle(Invocation(actor=actor, text="task list mine"), samples, i)
            self.platform.messages.clear()
        self._report("task list mine", samples)

    def workload(self) -> None:
        """`workload #launch` in `ws-0`, whose #launch channel holds the most open tasks."""
        samples = Samples()
        for i in range(WARMUP + self.n):
            actor = self._actor("ws-0", self.rng.choice(self.people["ws-0"]), "general")
            self._handle(Invocation(actor=actor, text=f"workload #{LAUNCH_CHANNEL}"), samples, i)
            self.platform.messages.clear()
        self._report(f"workload #{LAUNCH_CHANNEL}", samples, open_tasks=self._launch_open())

    def _launch_open(self) -> int:
        with self.baton.db.transaction() as session:
            count = session.scalar(
                select(func.count())
                .select_from(Task)
                .join(Channel, Channel.id == Task.channel_id)
                .join(Workspace, Workspace.id == Task.workspace_id)
                .where(
                    Workspace.team_id == "ws-0",
                    Channel.name == LAUNCH_CHANNEL,
                    Task.status == TaskStatus.OPEN,
                )
            )
        return int(count or 0)


def bench_core(kind: str, *, tasks: int, n: int) -> None:
    """Seeds a database of `kind` with `tasks` tasks and prints the figures of each command."""
    with seeded(kind, tasks=tasks) as database:
        bench = CoreBench(database, tasks=tasks, n=n)
        try:
            bench.run()
        finally:
            bench.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Time core commands in process.")
    parser.add_argument("--db", default=",".join(KINDS), help="sqlite, postgres or both")
    parser.add_argument("--sizes", default="10000,100000", help="task counts to seed")
    parser.add_argument("-n", type=int, default=500, help="measured calls per command")
    args = parser.parse_args(argv)
    for kind in args.db.split(","):
        problem = postgres_problem() if kind == "postgres" else None
        if problem:
            emit({"bench": "core", "db": kind, "skipped": problem})
            continue
        for size in args.sizes.split(","):
            bench_core(kind, tasks=int(size), n=args.n)


if __name__ == "__main__":
    main()
