"""Operating the scheduler: /readyz and /metrics, quiet logs, and a reminder on time."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette

from bot.app import Baton, build
from bot.config import Settings
from bot.core.clock import SimulatedClock, SystemClock
from bot.platforms import PlatformRegistry
from bot.web import create_web_app
from scheduler.worker import start_background_worker
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.time_travel import advance


class Client:
    """Requests to the web app in this process, without a server."""

    def __init__(self, app: Starlette) -> None:
        self.app = app

    def get(self, path: str) -> httpx.Response:
        async def fetch() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://baton") as client:
                return await client.get(path)

        return asyncio.run(fetch())


def test_readyz_and_metrics_show_the_worker_and_its_queues(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    client = Client(create_web_app(baton))
    chat.say("/baton remind me to stretch in 10 minutes")
    before = client.get("/readyz").json()
    assert before == {"ready": True, "worker_last_tick": None, "jobs_due": 0, "outbox_pending": 0}
    clock.advance(timedelta(minutes=11))
    assert client.get("/readyz").json()["jobs_due"] == 1
    advance(baton, clock, timedelta(minutes=1))
    after = client.get("/readyz").json()
    assert after["jobs_due"] == 0
    assert after["worker_last_tick"] == clock.now().isoformat()
    metrics = client.get("/metrics")
    assert metrics.headers["content-type"].startswith("text/plain")
    body = metrics.text
    for name in (
        'baton_jobs_fired_total{kind="reminder"}',
        'baton_jobs_due_total{kind="reminder"}',
        'baton_job_lateness_seconds_bucket{kind="reminder",le="60.0"}',
        "baton_jobs_retried_total",
        "baton_jobs_failed_total",
        "baton_outbox_sent_total",
        "baton_outbox_retried_total",
        "baton_outbox_failed_total",
        "baton_jobs_due_now 0.0",
        "baton_outbox_pending 0.0",
        "baton_worker_last_tick_age_seconds 0.0",
    ):
        assert name in body, name


def test_apscheduler_says_nothing_per_tick(baton: Baton, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    worker = start_background_worker(baton, 0.05, baton.db.engine)
    try:
        time.sleep(0.5)
    finally:
        worker.shutdown()
    chatter = [r for r in caplog.records if r.name.startswith("apscheduler")]
    assert [r for r in chatter if r.levelno < logging.WARNING] == []


def test_an_idle_worker_sends_a_reminder_within_two_seconds(
    settings: Settings, platform: FakePlatform
) -> None:
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(settings, clock=SystemClock(), platforms=platforms, migrate=False)
    chat = Chat(baton, platform)
    arrived = threading.Event()

    def watch(line: str) -> None:
        chat.lines.append(line)
        if "⏰ Reminder" in line:
            arrived.set()

    platform.write = watch
    chat.say("/baton help")
    worker = start_background_worker(baton, 30, baton.db.engine)
    try:
        time.sleep(1.5)  # asleep: nothing is due
        chat.say("/baton remind me to stretch in 2 seconds")
        due = time.monotonic() + 2
        assert arrived.wait(timeout=10), chat.lines[-5:]
        late = time.monotonic() - due
    finally:
        worker.shutdown()
        baton.db.dispose()
    assert late < 2.0, f"{late:.2f} s late"
