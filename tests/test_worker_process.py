"""The real worker process: killed with SIGKILL and started again, it loses nothing and sends
nothing twice; missed recurring work is sent once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.app import Baton
from bot.config import Settings
from bot.core.clock import SimulatedClock
from storage.models import JobState, OutboxMessage, OutboxState, ScheduledJob, Workspace
from tests.support.bulk import due_reminders
from tests.support.chat import Chat

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def worker(settings: Settings, sent: Path) -> Iterator[subprocess.Popen[bytes]]:
    command = [sys.executable, "-m", "tests.support.worker_process", settings.database_url]
    command += [str(sent), settings.database_schema or ""]
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        yield process
    finally:
        process.kill()  # SIGKILL: no clean-up of any kind
        process.wait()


def lines(sent: Path) -> list[str]:
    return sent.read_text().splitlines() if sent.exists() else []


def wait_for(sent: Path, count: int, timeout: float = 30) -> list[str]:
    deadline = time.monotonic() + timeout
    while len(lines(sent)) < count:
        assert time.monotonic() < deadline, lines(sent)
        time.sleep(0.1)
    return lines(sent)


def test_a_killed_worker_restarted_sends_every_missed_reminder_once(
    chat: Chat, settings: Settings, clock: SimulatedClock, tmp_path: Path
) -> None:
    now = datetime.now(UTC).replace(microsecond=0)
    clock.set(now - timedelta(days=3, hours=3))  # set up three days ago, then nobody ran
    chat.say("/baton remind me to call the agent in 1 hour")  # late by three days
    chat.say("/baton remind #general to stand up every day at 9am")
    chat.say("/baton task add Book the booth due tomorrow")  # overdue: the digest has news
    chat.say("/baton digest at 9:00")
    clock.set(now - timedelta(minutes=10))
    chat.say("/baton remind me to stretch in 5 minutes")  # late by five minutes: on time
    sent = tmp_path / "sent.txt"
    with worker(settings, sent):
        first = wait_for(sent, 4)
        time.sleep(2)  # anything more would come now
    assert len(lines(sent)) == 4, lines(sent)
    joined = "\n".join(first)
    assert joined.count("call the agent") == 1
    assert "Late: this was due" in next(line for line in first if "call the agent" in line)
    assert joined.count("stand up") == 1, "three missed days go out once"
    assert joined.count("Daily digest of #general") == 1
    stretch = next(line for line in first if "stretch" in line)
    assert "Late" not in stretch, "within the grace window it is on time"

    # While no worker runs, another reminder falls due; a new worker sends it, once.
    clock.set(datetime.now(UTC))
    chat.say("/baton remind me to drink water in 1 second")
    time.sleep(2)
    with worker(settings, sent):
        wait_for(sent, 5)
        time.sleep(2)
    assert len(lines(sent)) == 5
    assert "drink water" in lines(sent)[4]


def test_two_workers_on_postgres_deliver_10000_due_reminders_each_exactly_once(
    chat: Chat, baton: Baton, settings: Settings, tmp_path: Path
) -> None:
    if baton.db.engine.dialect.name != "postgresql":
        pytest.skip("several workers share the queue on PostgreSQL only")
    chat.say("/baton help")
    with baton.db.transaction() as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
    due_reminders(baton.db, workspace_id, count=10_000, channels=500, due=datetime.now(UTC))
    sent = [tmp_path / "one.txt", tmp_path / "two.txt"]
    with worker(settings, sent[0]), worker(settings, sent[1]):
        deadline = time.monotonic() + 300
        while True:
            with baton.db.transaction() as session:
                left = session.scalar(
                    select(func.count()).where(OutboxMessage.state == OutboxState.PENDING)
                )
                jobs = session.scalar(
                    select(func.count()).where(ScheduledJob.state == JobState.PENDING)
                )
            if left == 0 and jobs == 0:
                break
            assert time.monotonic() < deadline, (left, jobs)
            time.sleep(0.5)
        time.sleep(1)
    each = [lines(path) for path in sent]
    assert all(each), "both workers took part"
    said = Counter(line.split("⏰ Reminder: ")[1].split(" ")[0] for part in each for line in part)
    assert len(said) == 10_000
    assert set(said.values()) == {1}
