"""Storage against the real databases: migrations, time zones, concurrency."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import Invocation
from storage.due_queue import claim_due_job, schedule_job
from storage.migrate import include_name
from storage.models import Base, ScheduledJob, Task, TaskEvent, Workspace
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


def test_concurrent_creators_get_distinct_numbers(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add First")  # creates the workspace and people
    errors: list[BaseException] = []

    def create(worker: int) -> None:
        for i in range(5):
            text = f"task add Distinct job {worker}-{i} number {worker * 100 + i}"
            invocation = Invocation(actor=chat.actor("bob", "general"), text=text)
            try:
                baton.dispatcher.dispatch(invocation)
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

    threads = [threading.Thread(target=create, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with baton.db.transaction() as session:
        numbers = sorted(session.scalars(select(Task.number)))
        seq = session.scalar(select(Workspace.task_seq))
    assert numbers == list(range(1, len(numbers) + 1))
    assert seq == len(numbers)
    assert len(numbers) > 1


def test_a_claimed_job_is_skipped_by_other_workers(chat: Chat, baton: Baton) -> None:
    chat.say("/baton help")
    now = baton.clock.now()
    with baton.db.transaction() as session:
        workspace_id = session.scalars(select(Workspace.id)).one()
        schedule_job(session, workspace_id, "test.a", now - timedelta(minutes=2), {})
        schedule_job(session, workspace_id, "test.b", now - timedelta(minutes=1), {})

    with baton.db.transaction() as first:
        held = claim_due_job(first, now, {"console"})
        assert held is not None
        if baton.db.engine.dialect.name == "postgresql":
            with baton.db.transaction() as second:
                other = claim_due_job(second, now, {"console"})
                assert other is not None
                assert other.id != held.id
        assert held.kind == "test.a"
    with baton.db.transaction() as session:
        assert len(session.scalars(select(ScheduledJob)).all()) == 2


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
