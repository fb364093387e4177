"""The scheduler on PostgreSQL: 10,000 reminders due in the same minute over 500 channels,
with one worker process and with two; the lateness of single reminders on an idle worker;
the workers' memory.

    .venv/bin/python -m bench.scheduler [--reminders 10000] [--channels 500] [--single 100]

Workers are real processes (`tests.support.worker_process`: `baton worker`'s loop with a
platform that appends each message to a file). Prints JSON lines.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text

from bench.databases import POSTGRES_URL
from bot.app import Baton, build
from bot.commands.invocation import Invocation
from bot.config import Settings
from bot.core.actor import Actor
from bot.platforms import PlatformRegistry
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import JobState, OutboxMessage, OutboxState, ScheduledJob, Workspace
from tests.support.bulk import due_reminders
from tests.support.fake_platform import FakePlatform

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def schema() -> Iterator[Baton]:
    """A migrated schema of its own, with one workspace and one person, dropped after."""
    name = f"bench_scheduler_{os.getpid()}_{time.monotonic_ns()}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{name}"'))
    engine = make_engine(POSTGRES_URL, schema=name)
    upgrade(engine)
    engine.dispose()
    platform = FakePlatform(write=lambda _line: None)
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(
        Settings(database_url=POSTGRES_URL, database_schema=name),
        platforms=platforms,
        migrate=False,
    )
    actor = Actor(
        platform="console",
        team_id="bench",
        team_name="bench",
        user_id="bob",
        user_name="bob",
        channel_id="bench",
        channel_name="bench",
    )
    baton.dispatcher.dispatch(Invocation(actor=actor, text="help"))
    try:
        yield baton
    finally:
        baton.db.dispose()
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{name}" CASCADE'))
        admin.dispose()


@contextmanager
def workers(baton: Baton, count: int, directory: Path) -> Iterator[list[subprocess.Popen[bytes]]]:
    schema_name = baton.settings.database_schema or ""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "tests.support.worker_process",
                POSTGRES_URL,
                str(directory / f"sent-{i}.txt"),
                schema_name,
            ],
            cwd=ROOT,
            env=env,
            stderr=subprocess.DEVNULL,
        )
        for i in range(count)
    ]
    try:
        time.sleep(3)  # started, migrated modules imported, asleep
        yield processes
    finally:
        for process in processes:
            process.kill()
            process.wait()


def workspace_id(baton: Baton) -> int:
    with baton.db.transaction() as session:
        return session.scalars(select(Workspace.id)).one()


def left(baton: Baton) -> tuple[int, int]:
    with baton.db.transaction() as session:
        jobs = session.scalar(select(func.count()).where(ScheduledJob.state == JobState.PENDING))
        messages = session.scalar(
            select(func.count()).where(OutboxMessage.state == OutboxState.PENDING)
        )
    return int(jobs or 0), int(messages or 0)


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def throughput(count: int, reminders: int, channels: int) -> dict[str, object]:
    with schema() as baton, tempfile.TemporaryDirectory() as directory:
        due = datetime.now(UTC) + timedelta(seconds=8)
        due_reminders(baton.db, workspace_id(baton), count=reminders, channels=channels, due=due)
        with workers(baton, count, Path(directory)) as processes:
            while datetime.now(UTC) < due:
                time.sleep(0.01)
            start = time.monotonic()
            jobs_done = None
            while True:
                jobs, messages = left(baton)
                if jobs == 0 and jobs_done is None:
                    jobs_done = time.monotonic() - start
                if jobs == 0 and messages == 0:
                    break
                time.sleep(0.05)
            sent_done = time.monotonic() - start
            rss = [round(peak_rss_mb(p.pid), 1) for p in processes]
        sent = sum(len(p.read_text().splitlines()) for p in Path(directory).glob("sent-*.txt"))
    assert jobs_done is not None
    return {
        "bench": "scheduler.throughput",
        "workers": count,
        "reminders": reminders,
        "channels": channels,
        "jobs_seconds": round(jobs_done, 2),
        "jobs_per_second": round(reminders / jobs_done),
        "sent": sent,
        "sent_seconds": round(sent_done, 2),
        "sent_per_second": round(sent / sent_done),
        "worker_peak_rss_mb": rss,
    }


def lateness(single: int) -> dict[str, object]:
    with schema() as baton, tempfile.TemporaryDirectory() as directory:
        sent = Path(directory) / "sent-0.txt"
        late: list[float] = []
        with workers(baton, 1, Path(directory)) as processes:
            for i in range(single):
                seen = len(sent.read_text().splitlines()) if sent.exists() else 0
                due = datetime.now(UTC) + timedelta(seconds=1)
                due_reminders(
                    baton.db, workspace_id(baton), count=1, channels=0, due=due, name=f"one{i}"
                )
                while (len(sent.read_text().splitlines()) if sent.exists() else 0) == seen:
                    time.sleep(0.005)
                late.append((datetime.now(UTC) - due).total_seconds())
            rss = round(peak_rss_mb(processes[0].pid), 1)
    late.sort()
    return {
        "bench": "scheduler.lateness",
        "reminders": single,
        "median_seconds": round(statistics.median(late), 3),
        "p90_seconds": round(late[int(len(late) * 0.9) - 1], 3),
        "max_seconds": round(late[-1], 3),
        "worker_peak_rss_mb": rss,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reminders", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--single", type=int, default=100)
    args = parser.parse_args()
    for count in (1, 2):
        print(json.dumps(throughput(count, args.reminders, args.channels)), flush=True)
    if args.single:
        print(json.dumps(lateness(args.single)), flush=True)


if __name__ == "__main__":
    main()
