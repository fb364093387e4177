"""Core commands in process, through `Baton.handle`: dispatch, publish and the outbox.

    python -m bench.core_commands [--db sqlite,postgres] [--sizes 10000,100000] [-n 500]

For each database kind and data size, seeds a fresh database (`bench.seed`) and prints one
JSON line per command: durations of the whole `handle` (p50, p99, mean, max in ms) and of its
`dispatch` alone (parse, transaction, reply), SQL statements and transactions per command,
and how many calls failed. Exits with 1 when any call failed.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.databases import KINDS, BenchDatabase, postgres_problem, seeded
from bench.in_process import Harness, console_actor
from bench.measure import Samples, emit, timed
from bench.seed import launch_open_tasks
from bench.titles import CHANNELS, LAUNCH_CHANNEL, task_title
from bot.commands.invocation import ButtonPress, Invocation, Reply
from bot.core.actor import Actor
from bot.handlers.console.platform import Posted
from bot.views.tasks import Action
from storage.models import Member, Workspace

WARMUP = 50
"""Calls of each command made first and left out of the figures: one per workspace, so that
the figures show a running process (connections open, statements compiled, titles
normalised), not the first command after a start."""

Expect = Callable[[Reply], bool]


@dataclass(frozen=True)
class Card:
    """A posted task card whose Complete button can be pressed."""

    actor: Actor
    ref: str
    value: str


@dataclass
class Command:
    """The figures of one command: the whole `handle`, and `dispatch` within it."""

    handle: Samples
    dispatch: Samples

    def figures(self) -> dict[str, Any]:
        inner = self.dispatch.figures()
        keys = ("p50_ms", "p99_ms", "mean_ms", "queries")
        return self.handle.figures() | {f"dispatch_{k}": inner[k] for k in keys if k in inner}


class CoreBench:
    """Runs each core command `n` times (after a warm-up) on one seeded database."""

    def __init__(self, database: BenchDatabase, *, tasks: int, n: int) -> None:
        self.harness = Harness(database)
        self.platform = self.harness.platform
        self.head: dict[str, Any] = {"bench": "core", "db": database.kind, "tasks": tasks}
        self.n = n
        self.rng = random.Random(7)
        self.people = self._people()
        self.cards: list[Card] = []
        self.posted: list[Posted] = []
        """What the latest call posted, updated or sent."""
        self.first_error: str | None = None

    def run(self) -> int:
        """Prints the figures of every command; returns how many calls failed."""
        try:
            return (
                self.task_add(list(self.people))
                # ws-0 has the most open tasks: the similar-title check reads 5,000 of them.
                + self.task_add(["ws-0"], "task add in ws-0")
                + self.task_done()
                + self.task_list_mine()
                + self.workload()
            )
        finally:
            self.harness.close()

    def _people(self) -> dict[str, list[str]]:
        """The handles of each workspace's people, by team id."""
        with self.harness.baton.db.transaction() as session:
            rows = session.execute(
                select(Workspace.team_id, Member.user_id)
                .join(Member, Member.workspace_id == Workspace.id)
                .order_by(Workspace.id, Member.id)
            ).all()
        people: dict[str, list[str]] = {}
        for team_id, user_id in rows:
            people.setdefault(team_id, []).append(user_id)
        return people

    def _handle(self, invocation: Invocation, command: Command, i: int, expect: Expect) -> Reply:
        """Handles `invocation`, timed into `command` unless call `i` is a warm-up call."""
        harness = self.harness
        logged = harness.failures.count
        if i < WARMUP:
            reply = harness.baton.handle(invocation)
        else:
            harness.dispatcher.samples = command.dispatch
            with timed(command.handle, harness.counter):
                reply = harness.baton.handle(invocation)
            harness.dispatcher.samples = None
        if harness.failures.count > logged or not expect(reply):
            command.handle.errors += 1
            summary = reply.message.summary if reply.message else repr(reply)
            self.first_error = self.first_error or harness.failures.first or summary
        self.posted = list(self.platform.messages)
        self.platform.messages.clear()
        return reply

    def _report(self, name: str, command: Command, **extra: Any) -> int:
        # Other work on the machine shows in the figures: say how busy it was.
        load = {"load_1m": round(os.getloadavg()[0], 2)}
        emit(self.head | {"command": name} | command.figures() | extra | load)
        return command.handle.errors

    def task_add(self, teams: list[str], name: str = "task add") -> int:
        """`task add <title> @someone due friday` by people of `teams` in turn."""
        command, duplicates = Command(Samples(), Samples()), 0
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            author, assignee = self.rng.sample(self.people[team], 2)
            who = console_actor(team, author, self.rng.choice(CHANNELS))
            text = f"task add {task_title(self.rng)} @{assignee} due friday"
            reply = self._handle(
                Invocation(actor=who, text=text),
                command,
                i,
                lambda r: r.message is None or _similar_warning(r),
            )
            duplicates += i >= WARMUP and _similar_warning(reply)
            self._keep_card(who)
        return self._report(name, command, duplicates=duplicates)

    def _keep_card(self, who: Actor) -> None:
        """Remembers the card just posted in the channel, to press its Complete button later."""
        for posted in self.posted:
            complete = [b for b in posted.message.buttons if b.action == Action.COMPLETE]
            if complete and posted.where == f"[#{who.channel_id}]" and not posted.only_for:
                self.cards.append(Card(who, posted.ref, complete[0].value))

    def task_done(self) -> int:
        """Presses Complete on the cards `task_add` posted, as their author."""
        command = Command(Samples(), Samples())
        for i, card in enumerate(self.cards[: WARMUP + self.n]):
            press = ButtonPress(action=Action.COMPLETE, value=card.value, message_ref=card.ref)
            invocation = Invocation(actor=card.actor, press=press, trigger_id=f"trigger-{i}")
            self._handle(invocation, command, i, lambda r: r.replace_source)
        return self._report("task done (button)", command)

    def task_list_mine(self) -> int:
        """`task list mine` by people of every workspace in turn."""
        command = Command(Samples(), Samples())
        teams = list(self.people)
        for i in range(WARMUP + self.n):
            team = teams[i % len(teams)]
            who = console_actor(team, self.rng.choice(self.people[team]), "general")
            invocation = Invocation(actor=who, text="task list mine")
            self._handle(invocation, command, i, lambda r: r.message is not None)
        return self._report("task list mine", command)

    def workload(self) -> int:
        """`workload #launch` in `ws-0`, whose #launch channel holds the most open tasks."""
        command = Command(Samples(), Samples())
        for i in range(WARMUP + self.n):
            who = console_actor("ws-0", self.rng.choice(self.people["ws-0"]), "general")
            invocation = Invocation(actor=who, text=f"workload #{LAUNCH_CHANNEL}")
            self._handle(invocation, command, i, lambda r: r.message is not None)
        open_tasks = launch_open_tasks(self.head["tasks"])
        return self._report(f"workload #{LAUNCH_CHANNEL}", command, open_tasks=open_tasks)


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
    runs = [(kind, int(size)) for kind in args.db.split(",") for size in args.sizes.split(",")]
    if len(runs) == 1:
        kind, size = runs[0]
        problem = postgres_problem() if kind == "postgres" else None
        if problem:
            emit({"bench": "core", "db": kind, "skipped": problem})
            return 0
        return 1 if bench_core(kind, tasks=size, n=args.n) else 0
    # One process per run, so that no run starts with the caches another one filled.
    failed = 0
    for kind, size in runs:
        command = [sys.executable, "-m", "bench.core_commands", "--db", kind]
        command += ["--sizes", str(size), "-n", str(args.n)]
        root = Path(__file__).parent.parent
        failed += subprocess.run(command, cwd=root, check=False).returncode
    return 1 if failed else 0


def _similar_warning(reply: Reply) -> bool:
    """Whether the reply warns of a similar open task (its *Create anyway* button)."""
    buttons = reply.message.buttons if reply.message else ()
    return any(b.action == Action.CREATE_ANYWAY for b in buttons)


if __name__ == "__main__":
    sys.exit(main())
