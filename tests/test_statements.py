"""Caps on the SQL statements of the hottest paths, counted on a real database.

Each statement is a round trip (on PostgreSQL about half a millisecond here), so these caps
keep `task add`, a button press and the inbox write from growing slower unnoticed. They count
what SQLAlchemy hands the driver (a batch sent with one `executemany` counts once); on SQLite
each transaction's `BEGIN IMMEDIATE` is a statement too. Caps, not timings: figures are in
bench/README.md.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, func, select

from bot.app import Baton
from bot.commands.invocation import Invocation
from scheduler.inbox import LEASE, MAX_ATTEMPTS
from storage.db import Database
from storage.inbox_queue import NewEntry, claim_next, record
from storage.models import OutboxMessage, OutboxState, ScheduledJob
from tests.support.chat import Chat

TASK_ADD = {"sqlite": 16, "postgresql": 11}
"""The whole call: dispatch, the reply, the outbox pass that posts the card (remembered for
redraws) and sends the assignee's direct message."""
PRESS = {"sqlite": 18, "postgresql": 15}
"""Complete pressed on a card: dispatch, the card redrawn in the answer, the outbox pass."""
INBOX_WRITE = {"sqlite": 2, "postgresql": 1}
"""What a platform handler waits for before its ack."""
INBOX_CLAIM = {"sqlite": 2, "postgresql": 1}
"""Taking the next inbox row, or finding none (a lane looks again after each row it ran)."""


@dataclass
class Counted:
    statements: list[str]

    def __len__(self) -> int:
        return len(self.statements)

    def listing(self) -> str:
        return "\n".join(f"{i + 1:2}. {s.split()[0]} {s[:110]!r}" for i, s in enumerate(self))

    def __iter__(self) -> Iterator[str]:
        return iter(self.statements)


@contextmanager
def counting(db: Database) -> Iterator[Counted]:
    """Counts the statements of every engine of `db` (the bookkeeping one too)."""
    counted = Counted([])

    def seen(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        counted.statements.append(" ".join(statement.split()))

    for engine in db.engines:
        event.listen(engine, "before_cursor_execute", seen)
    try:
        yield counted
    finally:
        for engine in db.engines:
            event.remove(engine, "before_cursor_execute", seen)


def dialect(baton: Baton) -> str:
    return baton.db.engine.dialect.name


def pending_outbox(baton: Baton) -> int:
    with baton.db.transaction() as session:
        query = select(func.count()).where(OutboxMessage.state == OutboxState.PENDING)
        return int(session.scalar(query) or 0)


def test_task_add_stays_within_its_statements(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Warm up the connection @anna due friday")
    with counting(baton.db) as counted:
        said = chat.say("/baton task add Book the booth @anna due friday")
    assert "T-2" in said, "the card was posted"
    assert [line for line in chat.dms("anna") if "T-2" in line], "anna was told"
    assert pending_outbox(baton) == 0, "everything queued went out"
    with baton.db.transaction() as session:
        nudges = session.scalar(select(func.count()).where(ScheduledJob.kind == "task.nudge"))
    assert nudges, "the assignee's nudges were planned"
    cap = TASK_ADD[dialect(baton)]
    assert len(counted) <= cap, f"{len(counted)} statements > {cap}:\n{counted.listing()}"


def test_a_button_press_stays_within_its_statements(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Warm up the connection @anna due friday")
    chat.click("Complete")
    chat.say("/baton task add Book the booth @anna due friday")
    with counting(baton.db) as counted:
        pressed = chat.click("Complete")
    assert "T-2" in pressed
    assert "(updated)" in pressed, "the card was redrawn in place"
    assert pending_outbox(baton) == 0
    cap = PRESS[dialect(baton)]
    assert len(counted) <= cap, f"{len(counted)} statements > {cap}:\n{counted.listing()}"


def test_the_inbox_write_before_an_ack_is_one_statement(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Warm up the connection @anna due friday")
    invocation = Invocation(actor=chat.actor("bob", "general"), text="task list mine")
    with counting(baton.db) as counted:
        accepted = baton.inbox.accept(invocation.model_copy(update={"idempotency_key": "k-1"}))
    assert accepted
    assert baton.inbox.wait_idle(30), "the accepted row ran"
    writes = [s for s in counted if "inbox" in s.lower() and s.upper().startswith("INSERT")]
    assert len(writes) == 1
    before_ack = counted.statements[: counted.statements.index(writes[0]) + 1]
    cap = INBOX_WRITE[dialect(baton)]
    assert len(before_ack) <= cap, f"{len(before_ack)} statements > {cap}:\n{counted.listing()}"


def test_an_inbox_claim_is_one_statement_found_or_not(baton: Baton) -> None:
    db, now = baton.db, baton.clock.now()
    key = "console:T1:#general"
    row = NewEntry("console", "T1", None, key, "console:T1:@bob", "{}", urgent=False)
    with db.transaction() as session:
        record(session, row, now)
    cap = INBOX_CLAIM[dialect(baton)]
    for expected in (True, False):
        with counting(db) as counted, db.alone(bookkeeping=True) as where:
            claimed = claim_next(
                where, now, lease=LEASE, platforms={"console"}, max_attempts=MAX_ATTEMPTS
            )
        assert (claimed is not None) == expected
        assert len(counted) <= cap, f"{len(counted)} statements > {cap}:\n{counted.listing()}"
