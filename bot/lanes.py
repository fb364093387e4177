"""A lane of work: up to N threads, each taking the next piece of work until none is left."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)

PARK_SECONDS = 60.0
"""How long a thread that found no work waits for more before it ends."""


class Lane:
    """Runs `step` (which does one piece of work, or returns False when it found none) in up
    to `size` threads. `wake` says there may be new work: a parked thread looks, or a new one
    starts, or when all are busy, one of them looks again before it parks. A thread goes on
    looking while it finds work; one that a wake sent looking and that found work wakes
    another, so a backlog is taken by `size` threads at once.

    A step that takes a while after finding its piece (claims a row, then runs it) calls
    `found` once it has it, so the next thread looks at once rather than when the piece is
    done, and the thread that went on from that piece takes the next one before it.

    A thread that found nothing parks for a while (`park_seconds`) instead of ending, so the
    next request is taken by a thread already there (starting one cost an ack about a
    millisecond under load); an idle lane ends its threads after that while.
    """

    def __init__(
        self,
        size: int,
        step: Callable[[], bool],
        name: str,
        *,
        park_seconds: float = PARK_SECONDS,
    ) -> None:
        self._size = size
        self._step = step
        self._name = name
        self._park_seconds = park_seconds
        lock = threading.Lock()
        self._work = threading.Condition(lock)
        """Parked threads wait here for a wake."""
        self._settled = threading.Condition(lock)
        """`wait_idle` waits here for the busy threads to park."""
        self._threads = 0
        self._busy = 0
        self._parked = 0
        self._wakes = 0
        """Wakes no thread has taken yet (at most `size`)."""
        self._closed = False
        self._looking = threading.local()
        """Whether the current thread's look was sent by a wake and has not spread yet."""

    @property
    def threads(self) -> int:
        """Threads alive, busy or parked."""
        with self._work:
            return self._threads

    def wake(self) -> None:
        self._signal(again_when_full=True)

    def found(self) -> None:
        """Called by `step`, in the lane's thread, once it has found its piece and before it
        does it: where a wake found work there may be more (a backlog left by a process that
        died), so another thread looks too, and so on up to `size`. Spread after the piece
        instead, the thread sent looking would race the one going on to the next piece: under
        a flood into one channel, each such race lost was a look that found nothing."""
        if getattr(self._looking, "woken", False):
            self._looking.woken = False
            self._signal(again_when_full=False)

    def _signal(self, *, again_when_full: bool) -> None:
        with self._work:
            if self._closed:
                return
            if self._parked > self._wakes:
                self._wakes += 1
                self._work.notify()
                return
            if self._threads < self._size:
                self._threads += 1
                self._busy += 1
            else:
                if again_when_full:
                    self._wakes = min(self._wakes + 1, self._size)
                return
        threading.Thread(target=self._loop, name=self._name, daemon=True).start()

    def _loop(self) -> None:
        self._looking.woken = True
        while True:
            try:
                found = not self._closed and self._step()
            except Exception:  # a database blip: the next wake (or the worker's tick) retries
                log.exception("%s: looking for work failed", self._name)
                found = False
            if found:
                # A step that did not say when it found its piece spreads now. A thread going
                # on from one piece to the next wakes nobody: under a flood into one channel,
                # each such wake was a look that found nothing.
                self.found()
                continue
            if not self._park():
                return
            self._looking.woken = True

    def _park(self) -> bool:
        """Waits for a wake; False when the thread is to end (closed, or idle too long)."""
        with self._work:
            if self._wakes and not self._closed:
                self._wakes -= 1
                return True
            self._busy -= 1
            self._settled.notify_all()
            self._parked += 1
            woken = self._work.wait_for(lambda: self._closed or self._wakes > 0, self._park_seconds)
            self._parked -= 1
            if self._closed or not woken:
                self._threads -= 1
                self._settled.notify_all()
                return False
            self._wakes -= 1
            self._busy += 1
            return True

    def wait_idle(self, timeout: float) -> bool:
        """Waits until no thread is busy and no wake is waiting; False when `timeout` passed
        first."""
        with self._work:
            return self._settled.wait_for(lambda: self._busy == 0 and self._wakes == 0, timeout)

    def close(self, timeout: float) -> bool:
        """Takes no more work, ends the parked threads, and waits up to `timeout` for the
        work running to end."""
        with self._work:
            self._closed = True
            self._wakes = 0
            self._work.notify_all()
        return self.wait_idle(timeout)
