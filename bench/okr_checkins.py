"""One OKR check-in round for 500 key results: 100 owners in one channel, 5 key results each
(50 objectives of 10), all asked at 09:00 on Monday; then the cutoff's nudges and the channel's
summary. Times each phase as the worker runs it: the due jobs (requests written, messages
queued) and the outbox's delivery (each message drawn and sent to a platform that records it).

    .venv/bin/python -m bench.okr_checkins [--db sqlite|postgres] [--owners 100] [--per-owner 5]

Prints JSON lines: milliseconds, SQL statements and what each phase did.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from bench.databases import KINDS, postgres_problem, seeded
from bench.measure import QueryCounter, emit
from bot.app import Baton, build
from bot.config import Settings
from bot.core.actor import Actor
from bot.core.clock import SimulatedClock
from bot.core.okrs.rounds import plan_checkins
from bot.core.scope import open_scope
from bot.platforms import PlatformRegistry
from storage.models import CheckInRequest, KeyResult, Objective
from tests.support.fake_platform import FakePlatform

START = datetime(2026, 11, 25, 9, tzinfo=UTC)
ROUND = datetime(2026, 11, 30, 8, tzinfo=UTC)
"""Monday 30 November, 09:00 in Berlin."""
CUTOFF = datetime(2026, 12, 1, 8, tzinfo=UTC)
SUMMARY = datetime(2026, 12, 1, 10, tzinfo=UTC)
KEY_RESULTS_PER_OBJECTIVE = 10


def actor(user: str) -> Actor:
    return Actor(
        platform="console",
        team_id="bench",
        team_name="bench",
        user_id=user,
        user_name=user,
        channel_id="sales",
        channel_name="sales",
    )


def seed(baton: Baton, platform: FakePlatform, owners: int, per_owner: int) -> None:
    """The owners, met in #sales, and their key results, written through the models."""
    now = baton.clock.now()
    names = [f"owner{n:03d}" for n in range(owners)]
    for name in names:
        platform.add_person(name)
    with baton.db.transaction() as session:
        scope = open_scope(session, actor("owner000"), platform, now)
        members = [open_scope(session, actor(f"U{n.upper()}"), platform, now).member for n in names]
        workspace, channel = scope.workspace, scope.here
        total = owners * per_owner
        objective: Objective | None = None
        for index in range(total):
            if index % KEY_RESULTS_PER_OBJECTIVE == 0:
                workspace.objective_seq += 1
                objective = Objective(
                    workspace_id=workspace.id,
                    number=workspace.objective_seq,
                    title=f"Objective {workspace.objective_seq}",
                    channel_id=channel.id,
                    period="2026-Q4",
                    starts_on=date(2026, 10, 1),
                    ends_on=date(2026, 12, 31),
                    creator_id=members[0].id,
                    created_at=now,
                )
                session.add(objective)
                session.flush()
            assert objective is not None
            workspace.key_result_seq += 1
            session.add(
                KeyResult(
                    workspace_id=workspace.id,
                    number=workspace.key_result_seq,
                    objective_id=objective.id,
                    title=f"Result {workspace.key_result_seq}",
                    start_value=0,
                    target_value=100,
                    current_value=0,
                    owner_id=members[index % owners].id,
                    created_at=now,
                )
            )
        session.flush()
        plan_checkins(scope, channel)


def phase(baton: Baton, counter: QueryCounter, name: str, run: Callable[[], int]) -> None:
    statements = counter.count
    start = time.perf_counter_ns()
    done = run()
    millis = (time.perf_counter_ns() - start) / 1e6
    emit(
        {"phase": name, "ms": round(millis, 1), "done": done, "queries": counter.count - statements}
    )


def bench(kind: str, owners: int, per_owner: int) -> None:
    with seeded(kind, tasks=0, workspaces=1) as database:
        platform = FakePlatform(write=lambda _line: None)
        platforms = PlatformRegistry()
        platforms.register("console", lambda _team: platform)
        clock = SimulatedClock(START)
        baton = build(
            Settings(database_url=database.url, database_schema=database.schema),
            clock=clock,
            platforms=platforms,
            migrate=False,
        )
        try:
            seed(baton, platform, owners, per_owner)
            counter = QueryCounter(*baton.db.engines)
            emit({"db": kind, "owners": owners, "key_results": owners * per_owner})
            clock.set(ROUND)
            phase(baton, counter, "round: jobs", baton.run_due_jobs)
            phase(baton, counter, "round: direct messages", baton.deliver_outbox)
            clock.set(CUTOFF)
            phase(baton, counter, "cutoff: nudge jobs", baton.run_due_jobs)
            phase(baton, counter, "cutoff: nudges", baton.deliver_outbox)
            clock.set(SUMMARY)
            phase(baton, counter, "summary: job", baton.run_due_jobs)
            phase(baton, counter, "summary: channel post", baton.deliver_outbox)
            with baton.db.transaction() as session:
                asked = session.scalar(select(func.count()).select_from(CheckInRequest))
            emit({"requests": asked, "messages": len(platform.messages)})
            counter.close()
        finally:
            baton.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", choices=KINDS, action="append")
    parser.add_argument("--owners", type=int, default=100)
    parser.add_argument("--per-owner", type=int, default=5)
    args = parser.parse_args()
    for kind in args.db or KINDS:
        if kind == "postgres" and (problem := postgres_problem()):
            emit({"db": kind, "skipped": problem})
            continue
        bench(kind, args.owners, args.per_owner)


if __name__ == "__main__":
    main()
