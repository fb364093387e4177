"""The work that follows an answer: pools of threads, so a chat platform's deadline (Slack's 3
seconds, a Mattermost user watching the slash command) never waits for the database or for
the platform's own API.

Two lanes: commands typed by people queue in the first; what a person is looking at right
now (a form to open before its trigger expires, a submitted form, a pressed button, the
home tab) goes in the second, so a burst of commands never delays it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

WORKERS = 16
"""Threads for commands: most of their time they wait for the platform's API."""
URGENT_WORKERS = 2


class Background:
    """Runs work after the answer; `wait_idle` tells when everything submitted is done."""

    def __init__(
        self,
        workers: int = WORKERS,
        urgent_workers: int = URGENT_WORKERS,
        *,
        name: str = "baton",
    ) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix=f"{name}-work")
        self._urgent = ThreadPoolExecutor(urgent_workers, thread_name_prefix=f"{name}-urgent")
        self._pending = 0
        self._idle = threading.Condition()

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """Queues `work` behind other commands."""
        return self._start(self._pool, work, args)

    def submit_urgent(self, work: Callable[..., T], *args: Any) -> Future[T]:
        """Runs `work` in the lane that commands never fill."""
        return self._start(self._urgent, work, args)

    def _start(self, pool: ThreadPoolExecutor, work: Callable[..., T], args: Any) -> Future[T]:
        with self._idle:
            self._pending += 1
        try:
            return pool.submit(self._run, work, *args)
        except BaseException:  # shut down: nothing will run, so nothing is pending
            self._finished()
            raise

    def _run(self, work: Callable[..., T], *args: Any) -> T:
        try:
            return work(*args)
        except Exception:
            log.exception("work after the answer failed: %s", getattr(work, "__name__", work))
            raise
        finally:
            self._finished()

    def _finished(self) -> None:
        with self._idle:
            self._pending -= 1
            if self._pending == 0:
                self._idle.notify_all()

    def wait_idle(self, timeout: float) -> bool:
        """Waits until no work is pending or running; False when `timeout` passed first."""
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
        self._urgent.shutdown(wait=True)
