"""The inbox: a request written before its ack runs once, in its channel's order, whichever
process runs it, and a process shutting down gives back what it has not finished."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import event, func, select, update

from bot.app import Baton, build
from bot.commands.invocation import Invocation
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.core.message import Message
from bot.inbox import entry_for
from bot.platforms import PlatformRegistry
from scheduler.inbox import LEASE, MAX_ATTEMPTS
from storage.db import Database, make_engine
from storage.inbox_queue import ClaimedEntry, NewEntry, claim_next, finish, record
from storage.models import InboxEntry, InboxState, ProcessedDelivery, Task
from tests.conftest import START
from tests.support import databases
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.waiting import until


def typed(chat: Chat, text: str, *, user: str = "bob", channel: str = "general") -> Invocation:
    return Invocation(actor=chat.actor(user, channel), text=text)


def rows(baton: Baton) -> list[InboxEntry]:
    with baton.db.transaction() as session:
        return list(session.scalars(select(InboxEntry).order_by(InboxEntry.id)))


def task_count(baton: Baton) -> int:
    with baton.db.transaction() as session:
        return int(session.scalar(select(func.count(Task.id))) or 0)


def test_a_row_that_runs_again_changes_nothing_twice(chat: Chat, baton: Baton) -> None:
    # No delivery key of its own (Socket Mode gives a command none): the row's id is its key.
    assert baton.inbox.accept(typed(chat, "task add Book the booth"))
    assert baton.inbox.wait_idle(10)
    [row] = rows(baton)
    assert (row.state, row.attempts, task_count(baton)) == (InboxState.DONE, 1, 1)

    # Its process died after the command's commit, before the row was marked done.
    with baton.db.transaction() as session:
        session.execute(update(InboxEntry).values(state=InboxState.PENDING, finished_at=None))
    baton.inbox.resume()
    assert baton.inbox.wait_idle(10)
    [row] = rows(baton)
    assert (row.state, row.attempts, task_count(baton)) == (InboxState.DONE, 2, 1)
    with baton.db.transaction() as session:
        keys = list(session.scalars(select(ProcessedDelivery.key)))
    assert keys == [f"inbox:{row.id}"]


def test_the_worker_tick_runs_what_a_dead_process_held_once_its_lease_has_passed(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    baton.inbox.stop(grace=0)  # the process that acked it and died holding it
    assert baton.inbox.accept(typed(chat, "task add Book the booth"))
    assert claim(baton.db, clock) is not None
    other = build(baton.settings, clock=clock, platforms=baton.platforms, migrate=False)
    try:
        other.inbox.start()
        other.tick()
        assert other.inbox.wait_idle(10)
        assert task_count(baton) == 0, "still held by the dead process"
        clock.advance(LEASE + timedelta(seconds=1))
        other.tick()
        assert other.inbox.wait_idle(10)
        assert task_count(baton) == 1
        assert [(r.state, r.attempts) for r in rows(baton)] == [(InboxState.DONE, 2)]
    finally:
        other.inbox.stop(grace=5)
        other.db.dispose()


def test_a_delivery_that_comes_again_is_written_once(chat: Chat, baton: Baton) -> None:
    first = typed(chat, "task add Rent a van").model_copy(update={"idempotency_key": "trigger:7"})
    assert baton.inbox.accept(first)
    assert not baton.inbox.accept(first), "a retry of the same delivery"
    assert baton.inbox.wait_idle(10)
    assert (len(rows(baton)), task_count(baton)) == (1, 1)


def test_deliveries_acked_at_once_are_each_written_once(chat: Chat, baton: Baton) -> None:
    """Acks that come together write their rows in one transaction; a delivery among them
    that came twice (a platform's retry) is written once all the same."""
    deliveries = [
        typed(chat, f"task add Flyer {n}", user=f"u{n % 5}", channel=f"c{n % 3}").model_copy(
            update={"idempotency_key": f"trigger:{n % 20}"}
        )
        for n in range(40)
    ]
    together = threading.Barrier(len(deliveries))
    written: list[bool] = []

    def ack(invocation: Invocation) -> None:
        together.wait(10)
        written.append(baton.inbox.accept(invocation))

    threads = [threading.Thread(target=ack, args=(d,)) for d in deliveries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(written) == [False] * 20 + [True] * 20
    assert baton.inbox.wait_idle(10)
    assert [r.state for r in rows(baton)] == [InboxState.DONE] * 20
    assert task_count(baton) == 20


def test_rows_written_from_many_threads_while_others_run_are_all_run_without_a_tick(
    chat: Chat, baton: Baton
) -> None:
    """Rows of a few channels and people, written from eight threads while the lanes run
    those before them: each runs, in its channel's order, with no worker's tick to pick up
    a row nobody was sent looking for."""
    channels, people = ("general", "sales", "launch"), ("anna", "bob", "carl", "dora", "eve")
    written: dict[str, list[str]] = {channel: [] for channel in channels}
    guard = threading.Lock()

    def ack(thread: int) -> None:
        for n in range(25):
            channel = channels[(thread + n) % len(channels)]
            title = hashlib.sha256(f"{thread}-{n}".encode()).hexdigest()[:16]  # none alike
            with guard:  # a channel's order is the order its rows are written
                assert baton.inbox.accept(
                    typed(chat, f"task add {title}", user=people[n % 5], channel=channel)
                )
                written[channel].append(title)

    threads = [threading.Thread(target=ack, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert baton.inbox.wait_idle(30)
    assert {r.state for r in rows(baton)} == {InboxState.DONE}
    assert len(rows(baton)) == 200
    with baton.db.transaction() as session:
        done = list(session.execute(select(Task.title, Task.number).order_by(Task.number)))
    ran = [title for title, _number in done]
    for channel, titles in written.items():
        assert [t for t in ran if t in set(titles)] == titles, f"#{channel} in its order"


def entry(channel: str, person: str, text: str = "task list") -> NewEntry:
    return NewEntry(
        platform="console",
        team_id="T1",
        delivery_key=None,
        channel_key=f"console:T1:#{channel}",
        person_key=f"console:T1:@{person}",
        invocation=text,
        urgent=False,
    )


def claim(db: Database, clock: SimulatedClock) -> ClaimedEntry | None:
    with db.transaction() as session:
        return claim_next(
            session, clock.now(), lease=LEASE, platforms={"console"}, max_attempts=MAX_ATTEMPTS
        )


def write(db: Database, clock: SimulatedClock, *entries: NewEntry) -> list[int]:
    with db.transaction() as session:
        ids = [record(session, e, clock.now()) for e in entries]
    return [i for i in ids if i is not None]


def test_rows_of_one_channel_or_one_person_run_one_after_the_other(
    baton: Baton, clock: SimulatedClock
) -> None:
    db = baton.db
    general_1, general_2, bob_elsewhere, carl_in_sales = write(
        db,
        clock,
        entry("general", "bob"),
        entry("general", "anna"),
        entry("random", "bob"),
        entry("sales", "carl"),
    )
    taken = [claim(db, clock), claim(db, clock), claim(db, clock)]
    assert [c.id if c else None for c in taken] == [general_1, carl_in_sales, None], (
        "anna waits for bob's row in #general, bob's row in #random waits for his first"
    )
    with db.transaction() as session:
        finish(session, general_1, clock.now())
    next_two = [claim(db, clock), claim(db, clock)]
    assert sorted(c.id for c in next_two if c) == [general_2, bob_elsewhere]


def test_a_dead_processs_row_is_taken_again_after_its_lease_and_given_up_in_the_end(
    baton: Baton, clock: SimulatedClock
) -> None:
    db = baton.db
    poisoned, behind = write(db, clock, entry("general", "bob"), entry("general", "anna"))
    first = claim(db, clock)
    assert first is not None
    assert (first.id, first.attempts) == (poisoned, 1)
    assert claim(db, clock) is None, "claimed, and its channel waits for it"
    for attempt in range(2, MAX_ATTEMPTS + 1):
        clock.advance(LEASE + timedelta(seconds=1))  # the process running it died
        again = claim(db, clock)
        assert again is not None
        assert (again.id, again.attempts) == (poisoned, attempt)
    clock.advance(LEASE + timedelta(seconds=1))
    after = claim(db, clock)
    assert after is not None
    assert after.id == behind, "the row that kept failing no longer holds up its channel"
    with db.transaction() as session:
        assert session.get(InboxEntry, poisoned).state == InboxState.FAILED  # type: ignore[union-attr]


class Hanging(FakePlatform):
    """Holds every ephemeral reply until `release` is set, as a platform taking its time."""

    def __init__(self) -> None:
        super().__init__(write=lambda _line: None, tz="Europe/Berlin")
        self.release = threading.Event()
        self.waiting = threading.Event()

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        self.waiting.set()
        self.release.wait(timeout=30)
        super().ephemeral(channel_id, user_id, message)


@pytest.fixture
def hanging(settings: Settings, clock: SimulatedClock) -> Iterator[tuple[Baton, Hanging]]:
    platform = Hanging()
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(settings, clock=clock, platforms=platforms, migrate=False)
    yield baton, platform
    platform.release.set()
    baton.inbox.stop(grace=10)
    baton.db.dispose()


def test_a_process_shutting_down_gives_back_what_it_could_not_finish(
    hanging: tuple[Baton, Hanging],
) -> None:
    baton, platform = hanging
    chat = Chat(baton, platform)
    assert baton.inbox.accept(typed(chat, "task list"))
    assert platform.waiting.wait(10), "the reply is on its way"
    baton.inbox.stop(grace=0.2)
    [running] = rows(baton)
    assert (running.state, running.claimed_until) == (InboxState.PENDING, None), (
        "given back: another process takes it at once, without waiting for the lease"
    )
    assert baton.inbox.accept(typed(chat, "task add Print the flyers", user="carl"))
    assert [r.claimed_until for r in rows(baton)] == [None, None], "no more rows taken"
    assert task_count(baton) == 0
    platform.release.set()


def test_a_command_held_back_by_a_button_press_of_its_channel_runs_when_the_press_is_done(
    hanging: tuple[Baton, Hanging],
) -> None:
    baton, platform = hanging
    chat = Chat(baton, platform)
    assert baton.inbox.accept(typed(chat, "task list"), urgent=True)
    assert platform.waiting.wait(10), "the press is running"
    assert baton.inbox.accept(typed(chat, "task add Print the flyers", user="carl"))
    assert baton.inbox._lane.wait_idle(10), "the command's lane looked, found it held back"
    assert task_count(baton) == 0
    platform.release.set()
    assert baton.inbox.wait_idle(10)
    assert task_count(baton) == 1, "run without waiting for the worker's tick"
    assert [r.state for r in rows(baton)] == [InboxState.DONE, InboxState.DONE]


def claims_made(baton: Baton) -> list[str]:
    """The inbox claims sent from now on, as they are sent."""
    claims: list[str] = []

    def count_claims(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.startswith("UPDATE inbox SET state=CASE"):
            claims.append(statement)

    for engine in baton.db.engines:
        event.listen(engine, "before_cursor_execute", count_claims)
    return claims


def general_running(baton: Baton, platform: Hanging) -> tuple[Chat, list[str], int]:
    """Runs a first row of #general, held by `platform`; returns the chat, the claims made
    from the start, and how many there were once that row ran: its own, and the look of
    the thread it sent looking for more once it had its row, which found nothing."""
    chat = Chat(baton, platform)
    claims = claims_made(baton)
    assert baton.inbox.accept(typed(chat, "task list"))
    assert platform.waiting.wait(10), "the first row of #general is running"
    assert until(lambda: len(claims) == 2), claims
    return chat, claims, len(claims)


def written_by_serve(baton: Baton, invocation: Invocation) -> None:
    """What `baton serve` does for the worker beside it: writes the row, says where it waits."""
    written = entry_for(invocation, urgent=False)
    with baton.db.transaction() as session:
        assert record(session, written, baton.clock.now()) is not None
    baton.inbox.written(written.channel_key, written.person_key, urgent=False)


def test_a_flood_into_a_busy_channel_costs_no_claim_per_row(
    hanging: tuple[Baton, Hanging],
) -> None:
    baton, platform = hanging
    chat, claims, claimed_before = general_running(baton, platform)
    for n in range(1, 11):
        assert baton.inbox.accept(typed(chat, f"task add Print flyer batch {n}", user="carl"))
    time.sleep(0.3)  # time for a wake, had there been one, to send a thread looking
    assert len(claims) == claimed_before, "rows behind a row running here are not looked for"
    platform.release.set()
    assert baton.inbox.wait_idle(10)
    assert [r.state for r in rows(baton)] == [InboxState.DONE] * 11
    with baton.db.transaction() as session:
        titles = list(session.scalars(select(Task.title).order_by(Task.number)))
    assert titles == [f"Print flyer batch {n}" for n in range(1, 11)], "in the order written"
    # The thread that ran the first row took the other ten one after the other, then looked
    # once more; nobody else looked (a claim per ack, as before, would be 10 more; a thread
    # sent looking once the first row was done, as before, would race it for every row).
    assert len(claims) == claimed_before + 10 + 1, claims


def test_rows_the_web_process_wrote_behind_a_running_one_cost_no_claim(
    hanging: tuple[Baton, Hanging],
) -> None:
    """In the worker beside `baton serve`: what `baton serve` writes and says down the pipe."""
    baton, platform = hanging
    chat, claims, claimed_before = general_running(baton, platform)
    for n in range(1, 6):
        written_by_serve(baton, typed(chat, f"task add Print flyer batch {n}", user="carl"))
    time.sleep(0.3)  # time for a wake, had there been one, to send a thread looking
    assert len(claims) == claimed_before, "rows behind a row running here are not looked for"
    written_by_serve(baton, typed(chat, "task add Call the caterer", channel="sales"))
    platform.release.set()
    assert baton.inbox.wait_idle(10)
    assert [r.state for r in rows(baton)] == [InboxState.DONE] * 7, "each run once told"


def test_a_row_written_while_a_claim_is_under_way_that_cannot_see_it_still_runs(
    hanging: tuple[Baton, Hanging],
) -> None:
    """The thread that ran the first row of #general holds #general while it claims again:
    a row written then sends no thread looking, and if that claim started before the row
    was there, the thread sends one looking as it lets go of #general."""
    baton, platform = hanging
    chat, _claims, _ = general_running(baton, platform)
    behind = typed(chat, "task add Print the flyers", user="carl")
    writer = threading.Thread(target=written_by_serve, args=(baton, behind))

    def write_behind_the_next_claim(
        _conn: object, _cursor: object, statement: str, *_: object
    ) -> None:
        if statement.startswith("UPDATE inbox SET state=CASE") and writer.ident is None:
            writer.start()
            if baton.db.engine.dialect.name == "postgresql":
                # Written and told once the claim has run; on SQLite the claim's transaction
                # holds the write lock, so the row is written after it all the same.
                writer.join(10)

    for engine in baton.db.engines:
        event.listen(engine, "after_cursor_execute", write_behind_the_next_claim)
    platform.release.set()
    assert baton.inbox.wait_idle(10)
    writer.join(10)
    assert baton.inbox.wait_idle(10)
    assert [r.state for r in rows(baton)] == [InboxState.DONE] * 2
    assert task_count(baton) == 1


@pytest.fixture
def postgres(postgres_schema: str) -> Iterator[Database]:
    engine = make_engine(databases.POSTGRES_URL, schema=postgres_schema)
    databases.empty_tables(engine)
    yield Database(engine)
    engine.dispose()


def test_processes_claiming_at_once_never_take_the_same_row(postgres: Database) -> None:
    clock = SimulatedClock(START)
    general, sales = write(postgres, clock, entry("general", "bob"), entry("sales", "carl"))
    with postgres.transaction() as first:
        mine = claim_next(
            first, clock.now(), lease=LEASE, platforms={"console"}, max_attempts=MAX_ATTEMPTS
        )
        # Another process claims while the first one's claim is not yet committed.
        with postgres.transaction() as second:
            theirs = claim_next(
                second, clock.now(), lease=LEASE, platforms={"console"}, max_attempts=MAX_ATTEMPTS
            )
    assert (mine and mine.id, theirs and theirs.id) == (general, sales)


def test_finished_rows_are_forgotten_with_the_delivery_keys(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    assert baton.inbox.accept(typed(chat, "task add Book the booth"))
    assert baton.inbox.wait_idle(10)
    baton.inbox.stop(grace=0)
    assert baton.inbox.accept(typed(chat, "task add Rent a van"))  # written, never run
    clock.advance(timedelta(days=3))
    baton.prune()
    assert [(r.state, json_text(r)) for r in rows(baton)] == [
        (InboxState.PENDING, "task add Rent a van")
    ]


def json_text(row: InboxEntry) -> str:
    return Invocation.model_validate_json(row.invocation).text or ""


class KilledError(RuntimeError):
    """The process died here (as far as the database can tell: its run never finished)."""


@pytest.mark.parametrize("command", ["task list", "settings tz Europe/Paris"])
def test_a_run_cut_off_before_its_reply_shows_the_reply_when_it_runs_again(
    command: str,
    chat: Chat,
    baton: Baton,
    platform: FakePlatform,
    clock: SimulatedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown = platform.ephemeral
    cut_off: list[Message] = []

    def dies_the_first_time(channel_id: str, user_id: str, message: Message) -> None:
        if not cut_off:
            cut_off.append(message)
            raise KilledError("after the commit, before the reply")
        shown(channel_id, user_id, message)

    monkeypatch.setattr(platform, "ephemeral", dies_the_first_time)
    assert baton.inbox.accept(typed(chat, command))
    assert baton.inbox.wait_idle(10)
    assert cut_off
    assert not [p for p in platform.messages if p.only_for]
    [row] = rows(baton)
    assert row.state == InboxState.PENDING, "the run never finished"

    clock.advance(LEASE + timedelta(seconds=1))
    baton.inbox.resume()
    assert baton.inbox.wait_idle(10)
    [again] = [p.message for p in platform.messages if p.only_for]
    assert again.summary == cut_off[0].summary, "the reply the first run decided, shown once"
    [row] = rows(baton)
    assert (row.state, row.attempts) == (InboxState.DONE, 2)
    with baton.db.transaction() as session:
        assert list(session.scalars(select(ProcessedDelivery.reply))) == [None], "forgotten"
