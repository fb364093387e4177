"""Scheduled work: the real APScheduler ticking the due queue, and outbox retries."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from scheduler.outbox import MAX_ATTEMPTS, deliver_outbox
from scheduler.worker import prune_delivery_keys, start_background_worker
from storage.models import OutboxMessage, OutboxState, ProcessedDelivery
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.queries import count


def test_background_worker_hands_back_when_due(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton handover @anna to @carl until tomorrow 10:00")
    handed_back = threading.Event()

    def watch(line: str) -> None:
        chat.lines.append(line)
        if "back to @anna" in line:
            handed_back.set()

    platform.write = watch
    clock.advance(timedelta(days=2))
    scheduler = start_background_worker(baton, tick_seconds=0.05)
    try:
        assert handed_back.wait(timeout=10), chat.lines[-10:]
    finally:
        scheduler.shutdown(wait=True)
    assert "Assignee: @anna" in chat.say("/baton task show T-1")


def test_outbox_retries_until_the_platform_is_back(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth")
    platform.failing = "service_unavailable"
    chat.say("/baton task assign T-1 @anna")  # card update and DM fail for now
    with baton.db.transaction() as session:
        pending = session.scalars(select(OutboxMessage).where(OutboxMessage.state == "pending"))
        assert {item.kind for item in pending} == {"update", "direct"}
    platform.failing = None
    assert deliver_outbox(baton.db, baton.platforms, clock) == 0, "not retried before backoff"
    clock.advance(timedelta(minutes=1))
    assert deliver_outbox(baton.db, baton.platforms, clock) == 2
    assert chat.dms("anna")
    assert "Assignee: @anna" in "\n".join(chat.lines[-12:])


def test_outbox_gives_up_on_permanent_errors(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth")
    platform.failing = "channel_not_found"
    platform.failing_retryable = False
    chat.say("/baton task assign T-1 @anna")
    with baton.db.transaction() as session:
        states = set(session.scalars(select(OutboxMessage.state)))
    assert states == {OutboxState.FAILED}
    assert MAX_ATTEMPTS > 1


def test_delivery_keys_are_pruned_after_two_days(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth")
    chat.click("Complete")
    assert count(baton, ProcessedDelivery) == 1
    clock.advance(timedelta(days=3))
    assert prune_delivery_keys(baton) == 1
    assert count(baton, ProcessedDelivery) == 0
