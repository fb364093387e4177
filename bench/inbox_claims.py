"""Inbox claims behind a flood into one channel: what one claim costs as the queue grows.

    python -m bench.inbox_claims [--db sqlite,postgres] [--backlog 2500,20000] [--repeat 30]

For each database (`bench.databases.seeded`, migrated) and backlog, writes 50,000 done rows
and then `backlog` waiting rows of one channel from 30 people, and times the inbox claim
(`storage.inbox_queue.claim_next`), each time in a transaction rolled back:
- *next*: the claim that takes the channel's first row, as the thread that ran the row
  before it does at once;
- *held*: a claim while that first row runs, which finds nothing: a look sent for nothing.

It does so twice: with statistics gathered before the waiting rows were written (*stale*:
the flood came after the database last looked), then after (*fresh*). Prints one JSON line
per database, backlog and statistics, medians and the slowest in ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, func, insert, select, update

from bench.databases import KINDS, postgres_problem, seeded
from bench.measure import emit
from storage.db import make_engine
from storage.inbox_queue import claim_next
from storage.models import InboxEntry, InboxState

NOW = datetime(2026, 12, 2, 9, tzinfo=UTC)
DONE_ROWS = 50_000
PEOPLE = 30
CHANNEL = "slack:T1:#general"


def rows(count: int, *, first: int, state: InboxState, rng: random.Random) -> list[dict[str, Any]]:
    return [
        {
            "platform": "slack",
            "team_id": "T1",
            "delivery_key": f"bench-{first + n}",
            "channel_key": CHANNEL if state == InboxState.PENDING else f"slack:T1:#c{n % 200}",
            "person_key": f"slack:T1:@U{rng.randrange(PEOPLE)}",
            "invocation": "{}",
            "urgent": False,
            "state": state,
            "attempts": 1 if state == InboxState.DONE else 0,
            "created_at": NOW,
            "finished_at": NOW if state == InboxState.DONE else None,
        }
        for n in range(count)
    ]


def analyze(engine: Engine) -> None:
    with engine.connect() as connection:
        connection.exec_driver_sql("ANALYZE inbox")
        connection.commit()


def timed_claims(engine: Engine, repeat: int) -> list[float]:
    """Milliseconds of `repeat` claims, each rolled back."""
    took = []
    for _ in range(repeat):
        with engine.connect() as connection, connection.begin() as transaction:
            began = time.perf_counter()
            claim(connection)
            took.append((time.perf_counter() - began) * 1000)
            transaction.rollback()
    return took


def claim(connection: Connection) -> None:
    claim_next(
        connection,
        NOW,
        lease=timedelta(seconds=10),
        platforms=["slack"],
        max_attempts=5,
    )


def measure(engine: Engine, kind: str, backlog: int, repeat: int, fresh: bool) -> None:
    if fresh:
        analyze(engine)
    with engine.connect() as connection:
        waiting = InboxEntry.state == InboxState.PENDING
        first = connection.scalar(select(func.min(InboxEntry.id)).where(waiting))
    claim_next_ms = timed_claims(engine, repeat)
    with engine.begin() as connection:
        connection.execute(
            update(InboxEntry)
            .where(InboxEntry.id == first)
            .values(claimed_until=NOW + timedelta(minutes=5), attempts=1)
        )
    held_ms = timed_claims(engine, max(repeat // 3, 3))
    with engine.begin() as connection:
        connection.execute(
            update(InboxEntry).where(InboxEntry.id == first).values(claimed_until=None, attempts=0)
        )
    emit(
        {
            "bench": "inbox_claims",
            "db": kind,
            "backlog": backlog,
            "statistics": "fresh" if fresh else "stale",
            "next_ms": round(statistics.median(claim_next_ms), 3),
            "next_max_ms": round(max(claim_next_ms), 3),
            "held_ms": round(statistics.median(held_ms), 3),
            "held_max_ms": round(max(held_ms), 3),
        }
    )


def run(kind: str, backlog: int, repeat: int) -> None:
    rng = random.Random(backlog)
    with seeded(kind, tasks=0, workspaces=1) as database:
        engine = make_engine(database.url, schema=database.schema)
        try:
            with engine.begin() as connection:
                for start in range(0, DONE_ROWS, 10_000):
                    done = rows(10_000, first=start, state=InboxState.DONE, rng=rng)
                    connection.execute(insert(InboxEntry), done)
            analyze(engine)
            with engine.begin() as connection:
                waiting = rows(backlog, first=DONE_ROWS, state=InboxState.PENDING, rng=rng)
                connection.execute(insert(InboxEntry), waiting)
            measure(engine, kind, backlog, repeat, fresh=False)
            measure(engine, kind, backlog, repeat, fresh=True)
        finally:
            engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=",".join(KINDS))
    parser.add_argument("--backlog", default="2500,20000")
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    for kind in args.db.split(","):
        if kind == "postgres" and (problem := postgres_problem()):
            raise SystemExit(f"PostgreSQL: {problem}")
        for backlog in (int(size) for size in args.backlog.split(",")):
            run(kind, backlog, args.repeat)


if __name__ == "__main__":
    main()
