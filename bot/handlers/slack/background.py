"""The work that follows an ack: pools of threads, so Slack's 3-second deadline never waits
for the database or for Slack's own API.

Two lanes: commands typed by people queue in the first; what a person is looking at right
now (a modal to open before its trigger expires, a submitted modal, a pressed button, the
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
"""Threads for commands: most of their time they wait for Slack's API."""
URGENT_WORKERS = 2


class Background:
    """Runs work after the ack; `wait_idle` tells when everything submitted is done."""

    def __init__(self, workers: int = WORKERS, urgent_workers: int = URGENT_WORKERS) -> None:
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="slack-work")
        self._urgent = ThreadPoolExecutor(urgent_workers, thread_name_prefix="slack-urgent")
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
        return pool.submit(self._run, work, *args)

    def _run(self, work: Callable[..., T], *args: Any) -> T:
        try:
            return work(*args)
        except Exception:
            log.exception("work after the ack failed: %s", getattr(work, "__name__", work))
            raise
        finally:
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
