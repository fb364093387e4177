"""BATON_INBOX_RUNNER=worker: a real `baton serve` only writes each command to the inbox and
acks it; a real `baton worker` runs it (woken by PostgreSQL's NOTIFY, or polling SQLite), in
the order each channel sent them."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import select

from bot.config import Settings
from storage.db import make_engine
from storage.models import InboxEntry, InboxState, Task
from tests.slack.conftest import PEOPLE, TEAM, TOKEN
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.payloads import form_body, load, sign
from tests.slack.world import SECRET

ROOT = Path(__file__).resolve().parent.parent.parent
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def environment(settings: Settings, fake: FakeSlack, port: int) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": settings.database_url,
        "DATABASE_SCHEMA": settings.database_schema or "",
        "BATON_SECRET": "test-secret",
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "BATON_INBOX_RUNNER": "worker",
        "TICK_SECONDS": "3600",  # only a notification (or SQLite's poll) wakes it in time
        "PORT": str(port),
    }
    if not settings.database_schema:
        env.pop("DATABASE_SCHEMA")
    return env


@contextmanager
def baton(command: str, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """`baton <command>` as a process of its own, stopped with SIGTERM at the end."""
    process = subprocess.Popen([sys.executable, "-m", "bot", command], cwd=ROOT, env=env)
    try:
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_ready(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        assert time.monotonic() < deadline, f"{url} did not come up"
        time.sleep(0.1)


def send_command(url: str, fake: FakeSlack, text: str, number: int) -> httpx.Response:
    fields = load("slash_command")
    fields.pop("enterprise_id")
    fields.pop("enterprise_name")
    fields.update(
        team_id=TEAM,
        team_domain="acme",
        channel_id="C0GENERAL",
        channel_name="general",
        user_id=PEOPLE["bob"],
        user_name="bob",
        command="/baton",
        text=text,
        response_url=fake.response_url(f"commands/{number}"),
        trigger_id=f"{number}.{number}.trigger{number:04d}",
    )
    body = form_body(fields)
    stamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": stamp,
        "X-Slack-Signature": sign(SECRET, stamp, body),
    }
    return httpx.post(f"{url}/slack/events", content=body.encode(), headers=headers, timeout=15)


def inbox_states(settings: Settings) -> list[InboxState]:
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    with engine.connect() as connection:
        states = list(connection.scalars(select(InboxEntry.state).order_by(InboxEntry.id)))
    engine.dispose()
    return states


def task_titles(settings: Settings) -> list[str]:
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    with engine.connect() as connection:
        titles = list(connection.scalars(select(Task.title).order_by(Task.id)))
    engine.dispose()
    return titles


def cards(fake: FakeSlack, count: int) -> list[str]:
    posted: list[Call] = fake.wait_for("chat.postMessage", count, timeout=30)
    return [str(call.params["text"]) for call in posted]


def test_the_web_process_acks_and_the_worker_process_answers(
    settings: Settings, fake_slack: FakeSlack
) -> None:
    port = free_port()
    env = environment(settings, fake_slack, port)
    url = f"http://{HOST}:{port}"
    with baton("serve", env):
        wait_until_ready(url)
        answer = send_command(url, fake_slack, "task add Book the booth", 1)
        assert (answer.status_code, answer.text) == (200, "")
        # Acked and written: the web process runs nothing, so it waits for a worker.
        assert inbox_states(settings) == [InboxState.PENDING]
        assert task_titles(settings) == []

        with baton("worker", env):
            assert cards(fake_slack, 1) == ["T-1 Book the booth"]
            # With the worker running, new commands are woken at once (NOTIFY on
            # PostgreSQL, a short poll on SQLite) and run in the order the channel sent them.
            titles = ["Rent a van", "Print the flyers", "Call the caterer"]
            for number, title in enumerate(titles, start=2):
                sent = send_command(url, fake_slack, f"task add {title}", number)
                assert (sent.status_code, sent.text) == (200, "")
            shown = cards(fake_slack, 4)
            assert shown == [
                "T-1 Book the booth",
                "T-2 Rent a van",
                "T-3 Print the flyers",
                "T-4 Call the caterer",
            ]
            deadline = time.monotonic() + 30
            while inbox_states(settings) != [InboxState.DONE] * 4:
                assert time.monotonic() < deadline, inbox_states(settings)
                time.sleep(0.1)
    assert task_titles(settings) == ["Book the booth", *titles]
