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
    """Claims and runs inbox rows one at a time per call; any number of threads may call."""

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
        self._answer = answer
        self._then = then
        self._platforms = platforms
        self._leases = LeaseKeeper(self._renew, RENEW_SECONDS)

    def run_next(self, *, urgent_only: bool = False) -> bool:
        """Runs the next row that may run; False when there is none."""
        platforms = self._platforms()
        if not platforms:
            return False
        with self._db.alone() as where:
            entry = claim_next(
                where,
                self._clock.now(),
                lease=LEASE,
                platforms=platforms,
                urgent_only=urgent_only,
                max_attempts=MAX_ATTEMPTS,
            )
        if entry is None:
            return False
        self._leases.hold(entry.id)
        try:
            self._run(entry)
        finally:
            self._leases.drop(entry.id)
        return True

    def _run(self, entry: ClaimedEntry) -> None:
        try:
            invocation = Invocation.model_validate_json(entry.invocation)
        except ValidationError:
            log.exception("inbox %s cannot be read: given up", entry.id)
            with self._db.transaction() as session:
                give_up(session, entry.id, self._clock.now())
            return
        if delivery_key(invocation) is None:
            invocation = invocation.model_copy(update={"idempotency_key": inbox_key(entry.id)})
        if entry.attempts > 1:
            invocation = invocation.model_copy(update={"resumed": True})
        try:
            self._answer(invocation, entry.urgent)
        except Exception:
            # Its claim is left to run out: it runs again then, until MAX_ATTEMPTS.
            log.exception("inbox %s failed (attempt %s)", entry.id, entry.attempts)
            return
        key = delivery_key(invocation)
        kept_reply = (invocation.actor.platform, key) if key else None
        with self._db.alone() as where:
            finish(where, entry.id, self._clock.now(), kept_reply=kept_reply)
        self._then()

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
