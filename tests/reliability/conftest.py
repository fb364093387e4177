"""The stage of a reliability test: PostgreSQL, the fake Slack and the fake Mattermost in
this process, and `baton serve` in processes of its own, connected to all three."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import Engine, column, func, select, table

from storage.db import make_engine
from storage.models import Task, TaskComment
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.reliability.flood import Sender, Sent, mattermost_sender, slack_sender
from tests.reliability.process import BatonProcess
from tests.slack.fake_slack import FakeSlack
from tests.support import databases

SLACK_TEAM = "T0ACME001"
SLACK_TOKEN = "xoxb-acme-token"
SIGNING_SECRET = "reliability-signing-secret"
SLACK_PEOPLE = {"anna": "U0ANNA", "bob": "U0BOB", "carl": "U0CARL", "dora": "U0DORA"}
COMMAND_TOKEN = "xr3j5x3p4pbmbyqmq3z6fbypwa"
INBOX = table(
    "inbox",
    column("id"),
    column("invocation"),
    column("attempts"),
    column("state"),
    column("claimed_until"),
)
"""The inbox as the tests read it: by its columns, as an operator would."""


@dataclass
class Stage:
    schema: str
    engine: Engine
    slack: FakeSlack
    mm: FakeMattermost
    mm_team: dict[str, Any]
    mm_channels: list[dict[str, Any]]
    mm_people: list[dict[str, Any]]
    directory: Path
    processes: list[BatonProcess] = field(default_factory=list)

    def env(self) -> dict[str, str]:
        return {
            "DATABASE_URL": databases.POSTGRES_URL,
            "DATABASE_SCHEMA": self.schema,
            "SLACK_BOT_TOKEN": SLACK_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": self.slack.api_url,
            "MATTERMOST_URL": self.mm.url,
            "MATTERMOST_TOKEN": self.mm.token,
            "MATTERMOST_COMMAND_TOKEN": f"{self.mm_team['id']}:{COMMAND_TOKEN}",
            "BATON_SECRET": "reliability-secret",
            "BATON_PUBLIC_URL": "http://baton.example.com",
        }

    def baton(self, name: str) -> BatonProcess:
        """A `baton serve` process (not started yet); it ends with the test at the latest."""
        process = BatonProcess(self.env(), self.directory / f"{name}.log")
        self.processes.append(process)
        return process

    def senders(self) -> list[Sender]:
        """Four people on each platform, two to a channel."""
        slack = [
            slack_sender(self.slack, SIGNING_SECRET, team=SLACK_TEAM, user=user, channel=channel)
            for user, channel in (
                (SLACK_PEOPLE["anna"], "C0GENERAL"),
                (SLACK_PEOPLE["bob"], "C0GENERAL"),
                (SLACK_PEOPLE["carl"], "C0RANDOM"),
                (SLACK_PEOPLE["dora"], "C0RANDOM"),
            )
        ]
        mattermost = [
            mattermost_sender(
                self.mm, COMMAND_TOKEN, team=self.mm_team, user=person, channel=channel
            )
            for person, channel in zip(
                self.mm_people, [c for c in self.mm_channels for _ in (0, 1)], strict=True
            )
        ]
        return slack + mattermost

    def add_targets(self, baton: BatonProcess) -> None:
        """T-1 in the Slack workspace and in the Mattermost team, for the flood to comment on."""
        with httpx.Client(timeout=10) as http:
            for sender in (self.senders()[0], self.senders()[-1]):
                response, _ = sender.request(http, baton.url, "task add The flood target")
                assert response.status_code == 200
        self.wait(lambda: self.count(select(func.count(Task.id))) == 2, 30)

    # --- what happened, from the database and the fakes ------------------------------------

    def count(self, query: Any) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(query) or 0)

    def unfinished(self) -> int:
        return self.count(select(func.count()).where(INBOX.c.state != "done"))

    def comments(self) -> list[str]:
        """Comment bodies, in the order they were written."""
        with self.engine.connect() as connection:
            query = select(TaskComment.body).order_by(TaskComment.id)
            return list(connection.scalars(query))

    def runs(self) -> dict[str, int]:
        """How often each command's inbox row was claimed, by its text."""
        with self.engine.connect() as connection:
            rows = connection.execute(select(INBOX.c.invocation, INBOX.c.attempts)).all()
        return {json.loads(invocation)["text"]: attempts for invocation, attempts in rows}

    def claimed(self) -> int:
        """Unfinished rows that a process holds (a lease not given back)."""
        query = select(func.count()).where(
            INBOX.c.state == "pending", INBOX.c.claimed_until.is_not(None)
        )
        return self.count(query)

    def replies(self, sent: Sent) -> int:
        """Replies that reached the command's response URL."""
        if sent.response_url.startswith(self.mm.url):
            return len(self.mm.responses_to(sent.response_url))
        path = urlsplit(sent.response_url).path
        return len([c for c in self.slack.of("response_url") if c.path == path])

    def wait_until_done(self, sent: list[Sent], timeout: float = 60.0) -> float:
        """Waits until every command in `sent` took effect; returns when (monotonic seconds)."""
        deadline = time.monotonic() + timeout
        while True:
            missing = {s.body for s in sent} - set(self.comments())
            if not missing:
                return time.monotonic()
            assert time.monotonic() < deadline, (
                f"{len(missing)} of {len(sent)} acknowledged commands were lost"
            )
            time.sleep(0.05)

    @staticmethod
    def wait(condition: Any, timeout: float) -> float:
        """Polls `condition` until it holds; returns when (monotonic seconds)."""
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, f"not done within {timeout}s"
            time.sleep(0.05)
        return time.monotonic()


@pytest.fixture
def stage(postgres_schema: str, tmp_path: Path) -> Iterator[Stage]:
    engine = make_engine(databases.POSTGRES_URL, schema=postgres_schema)
    databases.empty_tables(engine)
    slack = FakeSlack().start()
    slack.state.add_workspace(SLACK_TEAM, "acme", SLACK_TOKEN)
    for name, user_id in SLACK_PEOPLE.items():
        slack.state.add_user(SLACK_TEAM, user_id, name, tz="Europe/Berlin")
    mm = FakeMattermost(token="kzt1rxyuhtfepmwn5z9ck6ws8e").start()
    team = mm.add_team("acme")
    people = [mm.add_user(name) for name in ("bob", "anna", "carl", "dora")]
    mm.join(team, *people)
    channels = [mm.add_channel(team, "general"), mm.add_channel(team, "town")]
    stage = Stage(postgres_schema, engine, slack, mm, team, channels, people, tmp_path)
    yield stage
    for process in stage.processes:
        process.stop()
    mm.stop()
    slack.stop()
    engine.dispose()
