"""The inbox: every request Baton acknowledges is written here first, then run.

A platform handler calls `accept` before it acknowledges a request: one short transaction,
shared with the acks that write at the same moment (`storage.grouped_writes`), so once the
platform has its ack, the request survives anything that happens to this process. It then
runs in this process's lanes right away; rows that this process does not finish (it died,
or shut down) are run by whichever process looks next: at its start, on the worker's tick,
or right after its own requests (see `scheduler.inbox`).

A web process that leaves its rows to the workers only writes and acks (`leave_to_workers`):
on PostgreSQL a thread of its own notifies the workers after the rows it wrote, and
`baton worker` runs them (`scheduler.worker` listens); so the work after an ack does not
share the web process's interpreter with the next acks.
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Collection
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.commands.dispatch import delivery_key
from bot.commands.invocation import Invocation
from bot.core.clock import Clock
from bot.lanes import Lane
from scheduler.inbox import Answer, InboxRunner
from storage.db import Database
from storage.grouped_writes import GroupedWrites
from storage.inbox_queue import RECORD, NewEntry, record_params
from storage.wakeups import NOTIFY_INBOX

log = logging.getLogger(__name__)

WORKERS = 8
"""Rows run at once: most of their time they wait for the platform's API (dispatching
itself takes turns, see `bot.app.DISPATCHERS`)."""
URGENT_WORKERS = 2
"""Rows someone is looking at right now run in a lane of their own, never behind a flood."""
SHUTDOWN_GRACE_SECONDS = 10.0
"""How long a process shutting down keeps running rows; platforms kill a process still there
30 seconds after SIGTERM."""


def entry_for(invocation: Invocation, *, urgent: bool) -> NewEntry:
    """The row of one request; it runs after earlier rows of its channel and its person."""
    actor = invocation.actor
    where = f"{actor.platform}:{actor.team_id}"
    return NewEntry(
        platform=actor.platform,
        team_id=actor.team_id,
        delivery_key=delivery_key(invocation),
        channel_key=f"{where}:#{actor.channel_id}",
        person_key=f"{where}:@{actor.user_id}",
        invocation=invocation.model_dump_json(),
        urgent=urgent,
    )


class Inbox:
    """Accepts requests before their ack and runs them in this process's lanes."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        answer: Answer,
        then: Callable[[], None],
        platforms: Callable[[], Collection[str]],
    ) -> None:
        self._db = db
        self._clock = clock
        record = RECORD[db.engine.dialect.name]
        self._writes: GroupedWrites[dict[str, Any], int | None] = GroupedWrites(
            lambda many: db.scalars_together(record, many)
        )
        """The acks' inbox writes: those waiting at once go in one transaction."""
        self._then = then
        # What follows a row (the outbox it queued) runs in a thread of its own, so the
        # thread that ran the row takes the next one at once: the row behind it in its
        # channel, which waits for nobody else.
        self._after = Lane(1, self._after_rows, "baton-inbox-then")
        self._runner = InboxRunner(
            db, clock, answer, self._after.wake, platforms, missed=self._look_for
        )
        self._lane = Lane(WORKERS, self._run_next, "baton-inbox")
        self._urgent = Lane(URGENT_WORKERS, self._run_urgent, "baton-inbox-urgent")
        self._wake_workers: Callable[[NewEntry], None] | None = None
        """Tells the workers of a row written, in a process that leaves its rows to them."""
        self._notifier: Lane | None = None
        """Notifies the workers on PostgreSQL, for `_wake_workers`: one notification for
        every row written while the last one was being sent."""
        self._started = False
        self._runs_here = True
        """False in a web process that leaves its rows to the workers (`leave_to_workers`)."""
        self._deadline = math.inf
        """When a process stopping takes its last row (see `stop`)."""

    def accept(self, invocation: Invocation, *, urgent: bool = False) -> bool:
        """Writes `invocation` to the inbox and has it run; False when the same delivery was
        written before (a platform's retry, maybe to another process), which runs once."""
        entry = entry_for(invocation, urgent=urgent)
        params = record_params(entry, self._clock.now())
        row_id = self._writes.write(params)
        if row_id is None:
            log.info("a delivery already in the inbox came again: %s", invocation.actor)
            return False
        if not self._runs_here:
            if self._wake_workers is not None:
                self._wake_workers(entry)
            return True  # a worker runs it (woken, or on SQLite polling)
        self._started = True
        self.written(entry.channel_key, entry.person_key, urgent=urgent)
        return True

    def written(self, channel_key: str, person_key: str, *, urgent: bool) -> None:
        """A row was written (here, or by the web process beside this worker): a lane looks
        for it, unless a thread here holds its channel or its person (it runs a row of
        theirs, or has just run one and claims the next): that thread finds it, or sends one
        looking should its claim not (see `scheduler.key_holds`). A claim now would only
        find it held back: under a flood into one channel, every ack cost a claim that read
        the whole queue."""
        if not (self._started and self._runs_here):
            return
        if not self._runner.will_find(channel_key, person_key, urgent=urgent):
            self._look_for(urgent)

    def _look_for(self, urgent: bool) -> None:
        """Sends a thread looking for a row written (`urgent`: in the urgent lane)."""
        (self._urgent if urgent else self._lane).wake()

    def leave_to_workers(self, wake: Callable[[NewEntry], None] | None = None) -> None:
        """From now on rows written here are run by `baton worker` processes, never here:
        `accept` only writes, then calls `wake` with the row (the worker `baton serve`
        started, through its pipe) or, without it, notifies every worker on PostgreSQL
        (on SQLite they poll)."""
        self._runs_here = False
        if wake is not None:
            self._wake_workers = wake
        elif self._db.engine.dialect.name == "postgresql":
            notifier = Lane(1, self._notify_workers, "baton-inbox-notify")
            self._notifier = notifier
            self._wake_workers = lambda _entry: notifier.wake()

    def start(self) -> None:
        """Runs what earlier processes left unfinished, and from now on `resume` does too."""
        self._started = True
        self.resume()

    def resume(self) -> None:
        """Looks for rows to run (the worker's tick): left by a dead process, or waiting
        behind a row of their channel that another process has finished."""
        if self._started and self._runs_here:
            self._urgent.wake()
            self._lane.wake()

    def _lanes(self) -> tuple[Lane, ...]:
        return self._urgent, self._lane, self._after

    def _notify_workers(self) -> bool:
        try:
            self._db.execute_alone(NOTIFY_INBOX, bookkeeping=True)
        except SQLAlchemyError:  # the workers look at the inbox on their tick all the same
            log.warning("could not notify the workers of new commands", exc_info=True)
        return False  # one notification tells of every row written so far

    def _after_rows(self) -> bool:
        self._then()
        return False  # one call does all there is; a wake while it runs calls it again

    def _run_next(self) -> bool:
        return time.monotonic() < self._deadline and self._runner.run_next(claimed=self._lane.found)

    def _run_urgent(self) -> bool:
        ran = time.monotonic() < self._deadline and self._runner.run_next(
            urgent_only=True, claimed=self._urgent.found
        )
        if ran:
            # A row of its channel may wait behind it for the other lane, whose threads looked,
            # found it held back, and parked (or never looked: it was held here): they look
            # again now.
            self._lane.wake()
        return ran

    def wait_idle(self, timeout: float) -> bool:
        """Waits until nothing runs in this process's lanes; False when `timeout` passed."""
        deadline = time.monotonic() + timeout
        idle = [lane.wait_idle(max(deadline - time.monotonic(), 0)) for lane in self._lanes()]
        return all(idle)

    def stop(self, grace: float) -> None:
        """Drains the inbox for up to `grace` seconds, then takes no more rows and gives back
        those still running, for another process to take at once.

        It is called once no request can arrive any more (the server stopped taking them), so
        it runs what waits (as much as there is time for), which a process started at the same
        time shares with SKIP LOCKED. Rows written later wait for another process.
        A process that leaves its rows to the workers has nothing to drain.
        """
        if not self._runs_here:
            if self._notifier is not None:
                self._notifier.close(timeout=grace)  # a notification being sent is finished
            self._runner.close()
            return
        self._deadline = time.monotonic() + grace
        self._started = True
        self.resume()
        drained = self.wait_idle(grace)
        for lane in self._lanes():
            lane.close(timeout=0)  # each finishes the row it runs, and takes no other
        released = self._runner.release_held()
        self._runner.close()
        if not drained:
            log.warning("inbox: %d rows still running after %ss, given back", released, grace)
