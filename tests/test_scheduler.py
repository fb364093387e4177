"""Scheduled work: the real APScheduler ticking the due queue, and outbox retries."""

from __future__ import annotations

import threading
from datetime import timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from scheduler.maintenance import prune_delivery_keys
from scheduler.outbox import MAX_ATTEMPTS
from scheduler.worker import start_background_worker
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
    assert baton.deliver_outbox() == 0, "not retried before backoff"
    clock.advance(timedelta(minutes=1))
    assert baton.deliver_outbox() == 2
    assert chat.dms("anna")
    assert "Assignee: @anna" in "\n".join(chat.lines[-12:])


def test_outbox_gives_up_at_once_on_permanent_errors(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth")
    platform.failing = "channel_not_found"
    platform.failing_retryable = False
    chat.say("/baton task assign T-1 @anna")
    with baton.db.transaction() as session:
        rows = session.execute(
            select(OutboxMessage.kind, OutboxMessage.state, OutboxMessage.attempts).where(
                OutboxMessage.kind.in_(["update", "direct"])
            )
        ).all()
    assert sorted(rows) == [("direct", OutboxState.FAILED, 1), ("update", OutboxState.FAILED, 1)]


def test_outbox_backoff_doubles_and_gives_up_after_the_last_attempt(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth")
    platform.failing = "service_unavailable"
    chat.say("/baton task assign T-1 @anna")

    def direct_row() -> tuple[int, OutboxState, timedelta]:
        with baton.db.transaction() as session:
            row = session.scalars(select(OutboxMessage).where(OutboxMessage.kind == "direct")).one()
            return row.attempts, row.state, row.next_attempt_at - clock.now()

    waits = []
    attempts, state, wait = direct_row()
    while state == OutboxState.PENDING:
        waits.append(wait)
        clock.advance(wait)
        baton.deliver_outbox()
        attempts, state, wait = direct_row()
    assert waits == [timedelta(seconds=10 * 2**n) for n in range(MAX_ATTEMPTS - 1)]
    assert (attempts, state) == (MAX_ATTEMPTS, OutboxState.FAILED)
    platform.failing = None
    clock.advance(timedelta(hours=2))
    assert baton.deliver_outbox() == 0, "a message given up is not sent later"
    assert MAX_ATTEMPTS == 8


def test_delivery_keys_are_pruned_after_two_days(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton task add Book the booth")
    chat.click("Complete")
    assert count(baton, ProcessedDelivery) == 1
    clock.advance(timedelta(days=3))
    assert prune_delivery_keys(baton.db, clock) == 1
    assert count(baton, ProcessedDelivery) == 0
