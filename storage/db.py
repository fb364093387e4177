"""Engine and transactions: one `Database` per process, one transaction per service call."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Executable, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from storage.outbox_queue import write_queued


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 would begin a transaction only at the first write, after the reads
    # that decided it: Baton begins them itself (see _on_sqlite_begin).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


_FIRST = threading.local()


@contextmanager
def first_in_line() -> Iterator[None]:
    """SQLite transactions begun in this thread meanwhile go before those waiting (see
    `SqliteWriters`)."""
    _FIRST.in_line = True
    try:
        yield
    finally:
        _FIRST.in_line = False


class SqliteWriters:
    """Serialises this process's SQLite transactions with a turn of its own, taken before
    `BEGIN IMMEDIATE` and let go once the connection is back in the pool (after its commit
    or rollback): a transaction waiting for another starts as soon as that one ends, instead
    of sleeping in SQLite's busy handler, whose naps grow to 50 ms and more (an inbox write
    before an ack waited that long for a command running in the background). Other
    processes still wait in the busy handler (`busy_timeout`).

    A transaction begun `first_in_line` (the inbox write before an ack) takes the next
    turn before any other that waits: an ack waits for the transaction under way, never for
    the queue of commands behind it."""

    WAIT_SECONDS = 5.0
    """Past this the transaction goes on to SQLite's own waiting (a thread that opened a
    second transaction inside its first would otherwise wait for itself forever)."""

    def __init__(self) -> None:
        self._turn = threading.Condition()
        self._taken = False
        self._first_waiting = 0
        self._mine = threading.local()

    def begin(self, connection: Any) -> None:
        # IMMEDIATE takes the write lock before the first read, so two commands changing one
        # task run one after the other and the second sees the first's change.
        if not getattr(self._mine, "held", False):
            self._mine.held = self._take_turn(first=getattr(_FIRST, "in_line", False))
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    def _take_turn(self, *, first: bool) -> bool:
        deadline = time.monotonic() + self.WAIT_SECONDS
        with self._turn:
            self._first_waiting += first
            try:
                while self._taken or (self._first_waiting and not first):
                    left = deadline - time.monotonic()
                    if left <= 0 or not self._turn.wait(left):
                        return False
                self._taken = True
                return True
            finally:
                self._first_waiting -= first

    def checked_in(self, *_args: Any) -> None:
        if getattr(self._mine, "held", False):
            self._mine.held = False
            with self._turn:
                self._taken = False
                self._turn.notify_all()


@dataclass(frozen=True)
class Pool:
    """PostgreSQL connections a pool keeps open (`kept`), and how many more it may open while
    all are busy (`extra`), each closed as soon as it comes back."""

    kept: int
    extra: int


@dataclass(frozen=True)
class Pools:
    """The connections of one process: for transactions, and for bookkeeping (see
    `make_bookkeeping_engine`)."""

    transactions: Pool
    bookkeeping: Pool


RUNNING_WORK = Pools(transactions=Pool(10, 20), bookkeeping=Pool(4, 6))
"""A process that runs commands and scheduled work: up to 40 connections, 14 kept."""
ACKING_ONLY = Pools(transactions=Pool(30, 0), bookkeeping=Pool(2, 0))
"""A web process that leaves the work to workers: up to 32 connections, opened as needed and
kept. Under a flood its acks wait their turn for one rather than open more: each extra
connection was a new PostgreSQL backend, forked for a few statements, every few requests.
Fewer than 30 made the acks' commits queue (10: p50 77–85 ms against 64 at 50 clients)."""


def make_engine(url: str, *, schema: str | None = None, pool: Pool | None = None) -> Engine:
    """The engine for `url`; `schema` keeps every table of a PostgreSQL run in that schema."""
    return _engine(url, schema=schema, pool=pool or RUNNING_WORK.transactions)


def make_bookkeeping_engine(
    url: str, *, schema: str | None = None, pool: Pool | None = None
) -> Engine | None:
    """On PostgreSQL, a second, smaller pool for bookkeeping (see `Database`): in autocommit,
    and its commits do not wait for the write-ahead log to reach the disk
    (`synchronous_commit=off`). Such a commit can be lost only if PostgreSQL itself crashes,
    within a fraction of a second after it; then a claim or a lease is as if never taken,
    a row done or a message sent as if not yet: the work is done again (a message may be sent
    twice). None elsewhere."""
    if make_url(url).get_backend_name() != "postgresql":
        return None
    return _engine(url, schema=schema, pool=pool or RUNNING_WORK.bookkeeping, bookkeeping=True)


def _engine(url: str, *, schema: str | None, pool: Pool, bookkeeping: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(url, pool_pre_ping=False)
        event.listen(engine, "connect", _on_sqlite_connect)
        writers = SqliteWriters()
        event.listen(engine, "begin", writers.begin)
        event.listen(engine.pool, "checkin", writers.checked_in)
        return engine
    options = [f"-csearch_path={schema}"] if schema else []
    if bookkeeping:
        options.append("-csynchronous_commit=off")
    connect_args: dict[str, Any] = {"options": " ".join(options)} if options else {}
    # No pre-ping: it costs a round trip per transaction. A connection the server dropped
    # fails one transaction (nothing is written), and SQLAlchemy then renews the pool.
    return create_engine(
        url,
        pool_size=pool.kept,
        max_overflow=pool.extra,
        pool_recycle=1800,
        connect_args=connect_args,
        **({"isolation_level": "AUTOCOMMIT"} if bookkeeping else {}),
    )


EXAMPLE_URL = "sqlite:///./baton.db or postgresql+psycopg://user:pass@host/db"


class Database:
    """Hands out transactions: each commits on success and rolls back on error."""

    def __init__(self, engine: Engine, bookkeeping: Engine | None = None) -> None:
        self.engine = engine
        self._bookkeeping = bookkeeping
        """Where bookkeeping goes on PostgreSQL (`make_bookkeeping_engine`): statements whose
        loss in a crash of the database means only work done again (claims and leases,
        rows marked done or sent). Without it, the engine's connections in autocommit."""
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.outbox_queued = threading.Event()
        """Set when a transaction of this process queued outbox messages: a hint that saves
        looking at the outbox after every request; the scheduler looks regardless."""

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self._sessions() as session:
            with session.begin():
                yield session
                queued = write_queued(session)
            if queued:
                self.outbox_queued.set()

    @contextmanager
    def autocommitted(self, *, bookkeeping: bool = False) -> Iterator[Session]:
        """A session whose statements each commit on their own on PostgreSQL, in autocommit:
        no BEGIN nor COMMIT round trips, for work whose every statement stands alone (a claim
        that commits at once, then reads; for `bookkeeping`, see `__init__`). Elsewhere a
        transaction, as `transaction`."""
        if self.engine.dialect.name != "postgresql":
            with self.transaction() as session:
                yield session
            return
        with self._autocommit(bookkeeping=bookkeeping) as connection:
            with self._sessions(bind=connection) as session:
                yield session
                session.flush()
                queued = write_queued(session)
            if queued:
                self.outbox_queued.set()

    def execute_alone(
        self,
        statement: Executable,
        params: dict[str, Any] | None = None,
        *,
        bookkeeping: bool = False,
    ) -> None:
        """Runs one statement that needs no transaction around it: on PostgreSQL in
        autocommit, one round trip instead of three (BEGIN, the statement, COMMIT); for
        `bookkeeping`, see `__init__`."""
        if self.engine.dialect.name != "postgresql":
            self.execute_together((statement, params))
            return
        with self._autocommit(bookkeeping=bookkeeping) as connection:
            connection.execute(statement, params)

    def execute_together(self, *statements: tuple[Executable, dict[str, Any] | None]) -> None:
        """Runs statements in one short transaction of their own, on a connection: none of a
        session's bookkeeping (they queue nothing in the outbox)."""
        with self.engine.begin() as connection:
            for statement, params in statements:
                connection.execute(statement, params)

    def scalars_together(self, statement: Executable, many: Sequence[dict[str, Any]]) -> list[Any]:
        """Runs `statement` once with each of `many`, in one transaction, and returns the one
        value each run returned (None for none): the inbox writes of the acks waiting at
        once, which on SQLite go first in line (`SqliteWriters`). One alone runs in
        autocommit on PostgreSQL: one round trip."""
        if self.engine.dialect.name == "postgresql" and len(many) == 1:
            with self._autocommit(bookkeeping=False) as connection:
                return [connection.execute(statement, many[0]).scalar_one_or_none()]
        with first_in_line(), self.engine.begin() as connection:
            return [connection.execute(statement, params).scalar_one_or_none() for params in many]

    @contextmanager
    def alone(self, *, bookkeeping: bool = False) -> Iterator[Connection | Session]:
        """Where each statement stands alone (`execute_alone`): on PostgreSQL a connection in
        autocommit (for `bookkeeping`, see `__init__`), elsewhere one transaction for them
        all."""
        if self.engine.dialect.name != "postgresql":
            with self.transaction() as session:
                yield session
            return
        with self._autocommit(bookkeeping=bookkeeping) as connection:
            yield connection

    @property
    def engines(self) -> tuple[Engine, ...]:
        """Every engine statements go through, the bookkeeping one too (for listeners that
        must see them all)."""
        return (self.engine,) if self._bookkeeping is None else (self.engine, self._bookkeeping)

    def _autocommit(self, *, bookkeeping: bool) -> Connection:
        if bookkeeping and self._bookkeeping is not None:
            return self._bookkeeping.connect()
        return self.engine.connect().execution_options(isolation_level="AUTOCOMMIT")

    def dispose(self) -> None:
        self.engine.dispose()
        if self._bookkeeping is not None:
            self._bookkeeping.dispose()


def unreachable(url: str) -> str | None:
    """None when the database at `url` answers, else why it does not (for checks before use)."""
    try:
        engine = make_engine(url)
    except Exception as error:  # a URL SQLAlchemy cannot read or has no driver for
        return f"{url!r} is not a database URL Baton can use ({error}); for example {EXAMPLE_URL}"
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
    except Exception as error:  # any failure to connect is the answer asked for
        reason = str(error).splitlines()[0]
        return f"the database at {engine.url.render_as_string()} is unreachable: {reason}"
    finally:
        engine.dispose()
    return None
