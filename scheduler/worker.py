"""The worker: APScheduler wakes it when work falls due; the database holds the work.

APScheduler keeps no job of its own that the database does not know: its only jobs are the
tick and the nightly clean-up, so any number of workers can run side by side. After each
tick the worker sleeps until the next due job or message (at most `max_sleep`), and wakes
earlier when a new job is queued: PostgreSQL notifies it, SQLite is polled.

`baton worker` also runs the commands web processes acknowledged (all of them with
BATON_INBOX_RUNNER=worker): on PostgreSQL each new inbox row notifies it, so it starts the
command within milliseconds; on SQLite it looks every `INBOX_POLL` seconds.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading
from datetime import UTC, datetime, timedelta
from typing import Protocol

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy import Engine

from storage.wakeups import INBOX_CHANNEL, DueListener, Poller

log = logging.getLogger(__name__)

IDLE_GAP = timedelta(seconds=1)
"""How soon to look again at work that is due but could not be done (a message waiting
behind a retry of its channel, a row another worker holds)."""
SQLITE_POLL = 1.0
"""SQLite cannot notify: the longest a new job waits to be seen."""
INBOX_POLL = 0.2
"""SQLite cannot notify: the longest a command a web process acked waits for a worker."""


class Work(Protocol):
    """What the worker drives (a Baton)."""

    def tick(self) -> int: ...

    def due_in(self) -> timedelta | None:
        """How long until the next job or message falls due (by the work's own clock)."""
        ...

    def prune(self) -> None: ...


class Resumable(Protocol):
    def resume(self) -> None:
        """Looks for inbox rows to run (`bot.inbox.Inbox`)."""
        ...


class Pacer:
    """Runs `work.tick` when something falls due, and as soon as it is woken."""

    def __init__(self, scheduler: BaseScheduler, work: Work, max_sleep: float) -> None:
        self._scheduler = scheduler
        self._work = work
        self._max_sleep = timedelta(seconds=max_sleep)
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._stopped = False
        self._idle = threading.Event()
        self._idle.set()

    def install(self) -> None:
        # Each tick sets the next one itself (see `_at`); the day-long interval only stands in
        # should that ever fail, and never fires while a long tick is still at work.
        with self._lock:
            # The first tick is on its way: a wake meanwhile (a listener that just started)
            # asks it for one more look, rather than for a second run APScheduler would skip.
            self._running = True
        self._scheduler.add_job(
            self._tick,
            IntervalTrigger(days=1),
            id="tick",
            max_instances=1,
            coalesce=True,
            next_run_time=datetime.now(UTC),
        )

    def wake(self) -> None:
        """Look at the queue now (a tick under way looks once more when it ends)."""
        with self._lock:
            self._again = True
            if not self._running:
                self._at(datetime.now(UTC))

    def stop(self, timeout: float | None = None) -> None:
        """Asks for no more ticks and waits (up to `timeout`) for a running one to end.

        APScheduler's own shutdown waits for running jobs while holding the lock that moving
        a job takes: a tick must be told first, or it would wait for the shutdown forever.
        """
        with self._lock:
            self._stopped = True
        self._idle.wait(timeout)

    def _tick(self) -> None:
        with self._lock:
            if self._stopped:
                return
            self._running = True
            self._idle.clear()
        busy = False
        while True:
            try:
                busy = self._work.tick() > 0
                following = self._work.due_in()
            except Exception:  # a database blip must not stop the worker; the next round retries
                log.exception("tick failed")
                busy, following = False, None
            with self._lock:
                if busy or self._again:
                    self._again = False
                    continue
                self._running = False
                self._at(self._wake_time(following))
                self._idle.set()
                return

    def _wake_time(self, due_in: timedelta | None) -> datetime:
        if due_in is None:
            return datetime.now(UTC) + self._max_sleep
        # Due already, yet this tick did nothing with it: someone else holds it, or it waits
        # its turn. Look again soon rather than spin.
        wait = due_in if due_in > timedelta(0) else IDLE_GAP
        return datetime.now(UTC) + min(wait, self._max_sleep)

    def _at(self, when: datetime) -> None:
        if self._stopped:
            return
        with contextlib.suppress(LookupError):  # shut down meanwhile
            self._scheduler.modify_job("tick", next_run_time=when)


def _prune(work: Work) -> None:
    try:
        work.prune()
    except Exception:
        log.exception("prune failed")


def quiet_apscheduler() -> None:
    """APScheduler logs every run of every job at INFO: one line per tick says nothing."""
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def schedule_work(
    scheduler: BaseScheduler, work: Work, max_sleep: float, engine: Engine | None = None
) -> tuple[Pacer, DueListener | None]:
    """Installs the tick and the nightly clean-up; on PostgreSQL, listens for new jobs."""
    quiet_apscheduler()
    listens = engine is not None and engine.dialect.name == "postgresql"
    pacer = Pacer(scheduler, work, max_sleep if listens else min(max_sleep, SQLITE_POLL))
    pacer.install()
    scheduler.add_job(_prune, CronTrigger(hour=3, minute=17, timezone=UTC), args=[work], id="prune")
    if engine is None or not listens:
        return pacer, None
    return pacer, DueListener(engine, pacer.wake)


class Worker:
    """A running scheduler, its pacer and its listener, stopped together."""

    def __init__(
        self, scheduler: BaseScheduler, pacer: Pacer, listener: DueListener | None
    ) -> None:
        self.scheduler = scheduler
        self.pacer = pacer
        self.listener = listener

    def shutdown(self, wait: bool = True) -> None:
        if self.listener is not None:
            self.listener.stop()
        self.pacer.stop(timeout=None if wait else 0)
        self.scheduler.shutdown(wait=False)


def start_background_worker(
    work: Work, tick_seconds: float, engine: Engine | None = None
) -> Worker:
    """Runs the scheduled work in threads of this process (used by `baton serve`)."""
    scheduler = BackgroundScheduler(timezone=UTC)
    pacer, listener = schedule_work(scheduler, work, tick_seconds, engine)
    scheduler.start()
    if listener is not None:
        listener.start()
    return Worker(scheduler, pacer, listener)


def inbox_wakes(engine: Engine, inbox: Resumable) -> DueListener | Poller:
    """What has the worker look at the inbox as soon as a web process wrote to it."""
    if engine.dialect.name == "postgresql":
        return DueListener(engine, inbox.resume, channel=INBOX_CHANNEL)
    return Poller(inbox.resume, INBOX_POLL, name="inbox-poller")


def run_blocking_worker(work: Work, tick_seconds: float, engine: Engine | None = None) -> None:
    """`baton worker`: blocks, running due work until stopped (Ctrl-C or SIGTERM); with an
    inbox (`work.inbox`), runs each command a web process writes there as it comes."""
    scheduler = BlockingScheduler(timezone=UTC)
    _pacer, listener = schedule_work(scheduler, work, tick_seconds, engine)
    inbox: Resumable | None = getattr(work, "inbox", None)
    inbox_listener = inbox_wakes(engine, inbox) if engine is not None and inbox else None
    for each in (listener, inbox_listener):
        if each is not None:
            each.start()
    log.info("worker started")
    # SIGTERM would end the process on the spot; as SystemExit it returns to the caller,
    # which gives back the commands it is running.
    signal.signal(signal.SIGTERM, _exit)
    try:
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            scheduler.start()
    finally:
        for each in (listener, inbox_listener):
            if each is not None:
                each.stop()


def _exit(_signal: int, _frame: object) -> None:
    # Told once is enough: another SIGTERM (a platform signalling every process, then the
    # web process its worker) must not cut short the grace of the first.
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise SystemExit(0)
