"""A lane of work: up to N threads, each taking the next piece of work until none is left."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Lane:
    """Runs `step` (which does one piece of work, or returns False when it found none) in up
    to `size` threads. `wake` says there may be new work: a thread starts, or when all are
    busy, one of them looks again before it stops. A thread that found work starts another,
    so a backlog is taken by `size` threads at once. Threads end when they find nothing, so
    an idle lane holds none."""

    def __init__(self, size: int, step: Callable[[], bool], name: str) -> None:
        self._size = size
        self._step = step
        self._name = name
        self._state = threading.Condition()
        self._running = 0
        self._again = False
        self._closed = False

    def wake(self) -> None:
        self._add_thread(again_when_full=True)

    def _add_thread(self, *, again_when_full: bool) -> None:
        with self._state:
            if self._closed:
                return
            if self._running >= self._size:
                self._again = self._again or again_when_full
                return
            self._running += 1
        threading.Thread(target=self._loop, name=self._name, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                found = not self._closed and self._step()
            except Exception:  # a database blip: the next wake (or the worker's tick) retries
                log.exception("%s: looking for work failed", self._name)
                found = False
            if found:
                # Where there was work there may be more (a backlog left by a process that
                # died): another thread looks too, up to `size`.
                self._add_thread(again_when_full=False)
                continue
            with self._state:
                if self._again and not self._closed:
                    self._again = False
                    continue
                self._running -= 1
                self._state.notify_all()
                return

    def wait_idle(self, timeout: float) -> bool:
        """Waits until no thread is running; False when `timeout` passed first."""
        with self._state:
            return self._state.wait_for(lambda: self._running == 0, timeout)

    def close(self, timeout: float) -> bool:
        """Takes no more work, and waits up to `timeout` for the work running to end."""
        with self._state:
            self._closed = True
        return self.wait_idle(timeout)
