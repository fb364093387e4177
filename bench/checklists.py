"""Bulk runs in process: `run bulk service-point-opening` with a CSV of N rows, 25 items each,
on a database already holding 100,000 tasks.

    python -m bench.checklists [--db sqlite,postgres] [--tasks 100000] [--rows 25,50,100,200]

For each database kind, seeds a fresh database (`bench.seed`), imports the shipped template
`service-point-opening` (25 items, 27 dependencies) into `ws-1`, and sends `run bulk` with a
CSV of each size in turn (200 rows three times), through `Baton.handle`: grammar, one
transaction, the channel's summary and each person's direct message through the outbox. Prints
one JSON line per call: seconds for the whole call and for its dispatch, SQL statements in all
and per run, transactions. Then one `run` of the template (a single run with its message) ten
times. Exits with 1 when a call failed.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.databases import KINDS, BenchDatabase, postgres_problem, seeded
from bench.in_process import Harness, console_actor
from bench.measure import Samples, emit, timed
from bot.commands.invocation import Invocation, Reply
from bot.core.templates.shipped import shipped_text
from storage.models import Member, Workspace

TEAM = "ws-1"
CHANNEL = "after-sales"
ROLES = ("network", "trainer", "it", "logistics", "marketing")
TARGET_SECONDS = {"sqlite": 2.0, "postgres": 3.0}


def csv_rows(rows: int, batch: str) -> str:
    """A CSV of `rows` service points, named after `batch` so that no subject repeats."""
    lines = ["subject,city,partner,start"]
    for i in range(rows):
        start = f"2027-0{1 + i % 9}-{1 + i % 28:02d}"
        lines.append(f"Service point {batch}-{i},City {i % 97},Partner {batch}-{i},{start}")
    return "\n".join(lines)


class BulkBench:
    def __init__(self, database: BenchDatabase, *, tasks: int) -> None:
        self.harness = Harness(database)
        self.head: dict[str, Any] = {"bench": "checklists", "db": database.kind, "tasks": tasks}
        self.failed = 0
        with self.harness.baton.db.transaction() as session:
            handles = session.scalars(
                select(Member.user_id)
                .join(Workspace, Workspace.id == Member.workspace_id)
                .where(Workspace.team_id == TEAM)
                .order_by(Member.id)
            ).all()
        self.starter = handles[0]
        self.roles = " ".join(
            f"{role}=@{handle}" for role, handle in zip(ROLES, handles[1:], strict=False)
        )

    def call(self, text: str, samples: Samples | None = None) -> Reply:
        harness = self.harness
        invocation = Invocation(actor=console_actor(TEAM, self.starter, CHANNEL), text=text)
        if samples is None:
            return harness.baton.handle(invocation)
        harness.dispatcher.samples = Samples()
        with timed(samples, harness.counter):
            reply = harness.baton.handle(invocation)
        dispatch = harness.dispatcher.samples
        harness.dispatcher.samples = None
        self.dispatch_ms = dispatch.millis[-1] if dispatch.millis else 0.0
        return reply

    def run(self, sizes: list[int]) -> int:
        try:
            template = shipped_text("service-point-opening") or ""
            reply = self.call(f"template import ```yaml\n{template}\n```")
            self._check(reply, "Imported")
            self.call(
                f"run bulk service-point-opening {self.roles} ```csv\n{csv_rows(5, 'warm')}\n```"
            )
            for n, rows in enumerate([*sizes, sizes[-1], sizes[-1]]):
                self._bulk(rows, f"b{n}")
            self._single()
        finally:
            self.harness.close()
        return self.failed

    def _bulk(self, rows: int, batch: str) -> None:
        samples = Samples()
        text = f"run bulk service-point-opening {self.roles} ```csv\n{csv_rows(rows, batch)}\n```"
        reply = self.call(text, samples)
        self._check(reply, f"Started {rows} runs")
        figures = samples.figures()
        seconds = figures["max_ms"] / 1000
        emit(
            self.head
            | {
                "command": "run bulk",
                "runs": rows,
                "items": rows * 25,
                "seconds": round(seconds, 3),
                "dispatch_seconds": round(self.dispatch_ms / 1000, 3),
                "statements": figures["queries"],
                "statements_per_run": round(figures["queries"] / rows, 2),
                "transactions": figures["transactions"],
                "target_seconds": TARGET_SECONDS[self.head["db"]],
                "errors": samples.errors,
            }
        )

    def _single(self) -> None:
        samples = Samples()
        for n in range(10):
            reply = self.call(
                f"run service-point-opening for 'One {n}' city=Lyon partner=P {self.roles}", samples
            )
            self._check(reply, "Started R-")
        figures = samples.figures()
        emit(
            self.head
            | {
                "command": "run (one, 25 items)",
                "n": figures["n"],
                "p50_ms": figures["p50_ms"],
                "max_ms": figures["max_ms"],
                "statements": figures["queries"],
                "transactions": figures["transactions"],
            }
        )

    def _check(self, reply: Reply, expected: str) -> None:
        summary = reply.message.summary if reply.message else ""
        if expected not in summary:
            self.failed += 1
            print(f"checklists: expected {expected!r}, got {summary!r}", file=sys.stderr)


def bench_checklists(kind: str, *, tasks: int, sizes: list[int]) -> int:
    with seeded(kind, tasks=tasks) as database:
        return BulkBench(database, tasks=tasks).run(sizes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time bulk runs from a CSV in process.")
    parser.add_argument("--db", default=",".join(KINDS), help="sqlite, postgres or both")
    parser.add_argument("--tasks", type=int, default=100_000, help="tasks seeded first")
    parser.add_argument("--rows", default="25,50,100,200", help="CSV sizes, in rows")
    args = parser.parse_args(argv)
    kinds = args.db.split(",")
    sizes = [int(size) for size in args.rows.split(",")]
    if len(kinds) == 1:
        problem = postgres_problem() if kinds[0] == "postgres" else None
        if problem:
            emit({"bench": "checklists", "db": kinds[0], "skipped": problem})
            return 0
        return 1 if bench_checklists(kinds[0], tasks=args.tasks, sizes=sizes) else 0
    failed = 0
    for kind in kinds:  # one process each: no run starts with caches another one filled
        command = [sys.executable, "-m", "bench.checklists", "--db", kind]
        command += ["--tasks", str(args.tasks), "--rows", args.rows]
        failed += subprocess.run(command, cwd=Path(__file__).parent.parent, check=False).returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
