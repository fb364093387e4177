"""Storage against the real databases: migrations, time zones, concurrency."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import Invocation, Reply
from storage.due_queue import claim_due_job, schedule_job
from storage.migrate import include_name
from storage.models import Base, JobState, ScheduledJob, Task, TaskEvent, Workspace
from tests.support.chat import Chat


def test_migrations_match_the_models(baton: Baton) -> None:
    with baton.db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_datetimes_come_back_aware_in_utc(chat: Chat, baton: Baton) -> None:
    chat.say("/baton settings tz Asia/Tokyo")
    chat.say("/baton task add Ship parts due 2026-12-01 09:00")
    with baton.db.transaction() as session:
        task = session.scalars(select(Task)).one()
    assert task.due_at == datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
    assert task.due_at.tzinfo is not None


# Twenty titles that share no word, so that none is held back as similar to another.
CARGO = [
    "apples",
    "bricks",
    "cables",
    "drums",
    "engines",
    "fabric",
    "glass",
    "helmets",
    "ink",
    "jackets",
    "kettles",
    "ladders",
    "magnets",
    "nails",
    "oars",
    "paint",
    "quilts",
    "rope",
    "saddles",
    "tiles",
]


def test_concurrent_creators_all_succeed_with_gapless_numbers(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add First delivery")  # creates the workspace and people
    replies: dict[str, Reply] = {}
    start = threading.Barrier(4)

    def create(worker: int) -> None:
        start.wait()
        for cargo in CARGO[worker::4]:
            invocation = Invocation(
                actor=chat.actor("bob", "general"), text=f"task add Count {cargo}"
            )
            replies[cargo] = baton.dispatcher.dispatch(invocation)

    threads = [threading.Thread(target=create, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # The dispatcher turns every failure into a reply (a task added answers nothing: its card
    # goes to the channel), so the replies are what to check.
    refused = {c: r.message.summary for c, r in replies.items() if r.message}
    assert refused == {}
    assert len(replies) == 20
    with baton.db.transaction() as session:
        numbers = sorted(session.scalars(select(Task.number)))
        titles = set(session.scalars(select(Task.title)))
        seq = session.scalar(select(Workspace.task_seq))
    assert numbers == list(range(1, 22))
    assert seq == 21
    assert titles == {"First delivery"} | {f"Count {cargo}" for cargo in CARGO}


def schedule_two_jobs(chat: Chat, baton: Baton) -> None:
    chat.say("/baton help")  # creates the workspace
    now = baton.clock.now()
    with baton.db.transaction() as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        schedule_job(session, workspace_id, "test.a", now - timedelta(minutes=2), {})
        schedule_job(session, workspace_id, "test.b", now - timedelta(minutes=1), {})


@pytest.mark.parametrize("settings", ["postgres"], indirect=True)
def test_on_postgres_a_job_claimed_by_one_worker_is_skipped_by_another(
    chat: Chat, baton: Baton
) -> None:
    schedule_two_jobs(chat, baton)
    now = baton.clock.now()
    with baton.db.transaction() as first:
        held = claim_due_job(first, now, {"console"})
        assert held is not None
        assert held.kind == "test.a"
        with baton.db.transaction() as second:
            other = claim_due_job(second, now, {"console"})
            assert other is not None
            assert other.kind == "test.b", "the held row is skipped, not waited for"
    with baton.db.transaction() as session:
        assert len(session.scalars(select(ScheduledJob)).all()) == 2


@pytest.mark.parametrize("settings", ["sqlite"], indirect=True)
def test_on_sqlite_a_second_worker_waits_for_the_first_and_takes_the_next_job(
    chat: Chat, baton: Baton
) -> None:
    # SQLite has no row locks: every transaction takes the database's write lock up front,
    # so a second worker cannot even read the queue until the first has finished its job.
    schedule_two_jobs(chat, baton)
    now = baton.clock.now()
    claimed = threading.Event()
    taken: list[tuple[str, str]] = []

    def first_worker() -> None:
        with baton.db.transaction() as session:
            job = claim_due_job(session, now, {"console"})
            assert job is not None
            taken.append(("first claimed", job.kind))
            claimed.set()
            time.sleep(0.3)  # the second worker tries meanwhile
            job.state = JobState.DONE
            taken.append(("first done", job.kind))

    def second_worker() -> None:
        assert claimed.wait(timeout=5)
        with baton.db.transaction() as session:
            job = claim_due_job(session, now, {"console"})
            taken.append(("second claimed", job.kind if job else "nothing"))

    threads = [threading.Thread(target=first_worker), threading.Thread(target=second_worker)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert taken == [
        ("first claimed", "test.a"),
        ("first done", "test.a"),
        ("second claimed", "test.b"),
    ]


def test_two_people_completing_one_task_at_once_complete_it_once(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Confirm payment @anna")
    start = threading.Barrier(2)
    replies: list[str] = []

    def complete(user: str) -> None:
        invocation = Invocation(actor=chat.actor(user, "general"), text="task done T-1")
        start.wait()
        reply = baton.dispatcher.dispatch(invocation)
        replies.append(reply.message.summary if reply.message else "")

    threads = [threading.Thread(target=complete, args=(u,)) for u in ("anna", "carl")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with baton.db.transaction() as session:
        kinds = list(session.scalars(select(TaskEvent.kind)))
    assert kinds.count("completed") == 1
    assert sum("completed T-1" in reply for reply in replies) == 1


def test_two_people_blocking_one_task_at_once_block_it_once(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Vehicle received")
    chat.say("/baton task add Delivery appointment")
    start = threading.Barrier(2)
    replies: list[str] = []

    def block(user: str) -> None:
        invocation = Invocation(actor=chat.actor(user, "general"), text="task block T-2 on T-1")
        start.wait()
        reply = baton.dispatcher.dispatch(invocation)
        replies.append(reply.message.summary if reply.message else "")

    threads = [threading.Thread(target=block, args=(u,)) for u in ("anna", "carl")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert replies == ["T-2 now waits for T-1"] * 2
    with baton.db.transaction() as session:
        kinds = list(session.scalars(select(TaskEvent.kind)))
    assert kinds.count("blocked") == 1
