"""Moving a simulated clock the way `:advance` does: through each due job, in order."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Baton
from bot.core.clock import SimulatedClock
from storage.due_queue import next_due_at


def advance(baton: Baton, clock: SimulatedClock, delta: timedelta) -> None:
    """Runs everything that falls due within `delta`, each at its own time."""
    end = clock.now() + delta
    while True:
        with baton.db.transaction() as session:
            due = next_due_at(session)
        if due is None or due > end:
            break
        clock.set(max(due, clock.now()))
        baton.tick()
    clock.set(end)
    baton.tick()
