"""The due queue's machinery: dedupe keys, recurrences kept in local time, coalescing, pruning."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.every import parse_every
from bot.core.recurrence import next_after
from bot.core.scope import Scope
from scheduler.maintenance import prune_finished_jobs, prune_outbox
from scheduler.runner import run_due_jobs
from storage.due_queue import cancel_jobs, schedule_job
from storage.models import JobState, OutboxMessage, ScheduledJob, Workspace
from tests.support.chat import Chat
from tests.support.queries import count

BERLIN = "Europe/Berlin"
ZONE = ZoneInfo(BERLIN)


def _workspace(chat: Chat, baton: Baton) -> int:
    chat.say("/baton help")
    with baton.db.transaction() as session:
        return session.scalars(select(Workspace.id)).one()


def test_a_dedupe_key_queues_one_pending_job_and_moves_it(chat: Chat, baton: Baton) -> None:
    workspace = _workspace(chat, baton)
    now = baton.clock.now()
    with baton.db.transaction() as session:
        schedule_job(session, workspace, "test.x", now + timedelta(hours=1), {}, dedupe_key="k")
    with baton.db.transaction() as session:
        schedule_job(session, workspace, "test.x", now + timedelta(hours=2), {}, dedupe_key="k")
    with baton.db.transaction() as session:
        jobs = session.scalars(select(ScheduledJob)).all()
        assert [(j.due_at, j.state) for j in jobs] == [(now + timedelta(hours=2), "pending")]
        assert cancel_jobs(session, workspace, ["k"], now) == 1
    with baton.db.transaction() as session:  # once cancelled, the key is free again
        schedule_job(session, workspace, "test.x", now + timedelta(hours=3), {}, dedupe_key="k")
    assert count(baton, ScheduledJob) == 2


def test_every_day_at_nine_berlin_stays_at_nine_across_both_2027_dst_changes() -> None:
    start = datetime(2027, 3, 26, 12, 0, tzinfo=UTC)
    every = parse_every("every day at 9am", now=start, tz=BERLIN)
    fired = [every.first]
    while len(fired) < 4:
        following = next_after(every.rule, BERLIN, fired[-1])
        assert following is not None
        fired.append(following)
    local = [f.astimezone(ZONE).strftime("%d %H:%M %Z") for f in fired]
    assert local == ["27 09:00 CET", "28 09:00 CEST", "29 09:00 CEST", "30 09:00 CEST"]
    autumn = parse_every("every day at 9am", now=datetime(2027, 10, 30, 12, tzinfo=UTC), tz=BERLIN)
    after = next_after(autumn.rule, BERLIN, autumn.first)
    assert after is not None
    assert [
        autumn.first.astimezone(ZONE).strftime("%d %H:%M %Z"),
        after.astimezone(ZONE).strftime("%d %H:%M %Z"),
    ] == ["31 09:00 CET", "01 09:00 CET"]


def test_a_recurring_job_missed_for_days_runs_once_then_keeps_its_rule(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    workspace = _workspace(chat, baton)
    ran: list[datetime] = []

    def handler(scope: Scope, _job: ScheduledJob) -> None:
        ran.append(scope.now)

    every = parse_every("every day at 9am", now=clock.now(), tz=BERLIN)
    with baton.db.transaction() as session:
        schedule_job(
            session, workspace, "test.daily", every.first, {}, tz=BERLIN, recurrence=every.rule
        )
    clock.advance(timedelta(days=3, hours=2))  # Thu 09:00 was due: now Sat 12:00 in Berlin
    jobs = {"test.daily": handler}
    assert run_due_jobs(baton.db, baton.platforms, clock, jobs) == 1
    assert run_due_jobs(baton.db, baton.platforms, clock, jobs) == 0
    assert len(ran) == 1
    with baton.db.transaction() as session:
        job = session.scalars(select(ScheduledJob)).one()
        assert job.state == JobState.PENDING
        assert job.due_at.astimezone(ZONE).strftime("%a %d %H:%M") == "Sun 29 09:00"


def test_old_done_jobs_and_sent_messages_are_pruned_after_30_days(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    workspace = _workspace(chat, baton)
    with baton.db.transaction() as session:
        job = schedule_job(session, workspace, "test.x", clock.now(), {})
        job.state = JobState.DONE
        job.finished_at = clock.now()
        schedule_job(session, workspace, "test.y", clock.now() + timedelta(days=60), {})
    chat.say("/baton task add Book the booth")  # a card, sent
    assert count(baton, OutboxMessage) >= 1
    clock.advance(timedelta(days=29))
    assert (prune_finished_jobs(baton.db, clock), prune_outbox(baton.db, clock)) == (0, 0)
    clock.advance(timedelta(days=2))
    assert prune_finished_jobs(baton.db, clock) == 1
    assert prune_outbox(baton.db, clock) >= 1
    assert count(baton, ScheduledJob) == 1, "the pending job stays"
    assert count(baton, OutboxMessage) == 0
