"""Runs the inbox: claim a row (a lease, committed), run its invocation, mark it done.

Any process with the row's platform runs any row: the web process that wrote it, right
after the ack, or another process once the writer's lease has passed (it died). A row may
thus start twice, never take effect twice: the dispatcher writes the invocation's delivery
key in the command's own transaction, and an invocation that came without one gets the
row's id as its key.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from datetime import timedelta

from pydantic import ValidationError

from bot.commands.dispatch import delivery_key
from bot.commands.invocation import Invocation
from bot.core.clock import Clock
from scheduler.key_holds import KeyHolds
from scheduler.leases import LeaseKeeper
from storage.db import Database
from storage.inbox_queue import ClaimedEntry, claim_next, finish, give_up, release, renew

log = logging.getLogger(__name__)

LEASE = timedelta(seconds=10)
"""How long a claim lasts unless renewed: how soon rows of a dead process run again."""
RENEW_SECONDS = 3.0
MAX_ATTEMPTS = 5
"""Claims of one row before it is given up (each run failed, or its process died)."""

Answer = Callable[[Invocation, bool], object]
"""Runs an invocation and shows its reply (`Baton.answer`); the flag says it is urgent."""


def inbox_key(row_id: int) -> str:
    """The delivery key of a row's invocation that came without one of its own."""
    return f"inbox:{row_id}"


class InboxRunner:
    """Claims and runs inbox rows one at a time per call; any number of threads may call.
    `then` is called after each row done: it should not wait (the caller looks for the next
    row once it returns)."""

    def __init__(
        self,
        db: Database,
        clock: Clock,
        answer: Answer,
        then: Callable[[], None],
        platforms: Callable[[], Collection[str]],
        missed: Callable[[bool], None],
    ) -> None:
        self._db = db
        self._clock = clock
        self._answer = answer
        self._then = then
        self._platforms = platforms
        self._leases = LeaseKeeper(self._renew, RENEW_SECONDS)
        self._holds = KeyHolds(missed)

    def will_find(self, channel_key: str, person_key: str, *, urgent: bool) -> bool:
        """A row of these keys was written: True when a thread here will find it (see
        `KeyHolds`); else the caller sends one looking."""
        return self._holds.will_find(channel_key, person_key, urgent=urgent)

    def run_next(
        self, *, urgent_only: bool = False, claimed: Callable[[], None] | None = None
    ) -> bool:
        """Runs the next row that may run; False when there is none. `claimed` is called once
        the row is this thread's, before it runs (see `bot.lanes.Lane.found`).

        After a row (True) the caller calls again at once: until that claim is done, this
        thread holds the row's keys (`KeyHolds.carry`)."""
        carried = self._holds.carried()
        entry = None
        try:
            entry = self._claim(urgent_only=urgent_only)
        finally:
            keys = (entry.channel_key, entry.person_key) if entry else ()
            self._holds.swap(carried, keys)
        if entry is None:
            return False
        self._leases.hold(entry.id)
        going_on = False
        try:
            if claimed is not None:
                claimed()
            if self._run(entry):
                self._then()
            going_on = True
        finally:
            self._leases.drop(entry.id)
            if going_on:
                self._holds.carry(keys)  # the caller claims again at once
            else:
                self._holds.swap(keys, ())
        return True

    def _claim(self, *, urgent_only: bool) -> ClaimedEntry | None:
        platforms = self._platforms()
        if not platforms:
            return None
        with self._db.alone(bookkeeping=True) as where:
            return claim_next(
                where,
                self._clock.now(),
                lease=LEASE,
                platforms=platforms,
                urgent_only=urgent_only,
                max_attempts=MAX_ATTEMPTS,
            )

    def _run(self, entry: ClaimedEntry) -> bool:
        """Runs a claimed row; False when it failed and its claim is left to run out."""
        try:
            invocation = Invocation.model_validate_json(entry.invocation)
        except ValidationError:
            log.exception("inbox %s cannot be read: given up", entry.id)
            with self._db.transaction() as session:
                give_up(session, entry.id, self._clock.now())
            return True
        if delivery_key(invocation) is None:
            invocation = invocation.model_copy(update={"idempotency_key": inbox_key(entry.id)})
        if entry.attempts > 1:
            invocation = invocation.model_copy(update={"resumed": True})
        try:
            self._answer(invocation, entry.urgent)
        except Exception:
            # Its claim is left to run out: it runs again then, until MAX_ATTEMPTS.
            log.exception("inbox %s failed (attempt %s)", entry.id, entry.attempts)
            return False
        key = delivery_key(invocation)
        kept_reply = (invocation.actor.platform, key) if key else None
        with self._db.alone(bookkeeping=True) as where:
            finish(where, entry.id, self._clock.now(), kept_reply=kept_reply)
        return True

    def _renew(self, row_ids: frozenset[int]) -> None:
        with self._db.transaction() as session:
            renew(session, row_ids, self._clock.now() + LEASE)

    def release_held(self) -> int:
        """Gives back the rows still running here, for another process to take at once."""
        held = self._leases.held()
        if held:
            with self._db.transaction() as session:
                release(session, held)
        return len(held)

    def close(self) -> None:
        self._leases.stop()
