"""Keeps the claims of the rows a process is running, for as long as it runs them."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class LeaseKeeper:
    """Renews the claims of the rows held here every `every` seconds, in a thread of its own.

    A lease can then be short: a process that dies stops renewing, and its rows are free to
    be taken again a few seconds later, while a row that runs long is never taken from a
    process that is still running it.
    """

    def __init__(self, renew: Callable[[frozenset[int]], None], every: float) -> None:
        self._renew = renew
        self._every = every
        self._held: set[int] = set()
        self._lock = threading.Lock()
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def hold(self, row_id: int) -> None:
        with self._lock:
            self._held.add(row_id)
            if self._thread is None and not self._stopped.is_set():
                self._thread = threading.Thread(target=self._keep, name="baton-leases", daemon=True)
                self._thread.start()

    def drop(self, row_id: int) -> None:
        with self._lock:
            self._held.discard(row_id)

    def held(self) -> frozenset[int]:
        with self._lock:
            return frozenset(self._held)

    def stop(self) -> None:
        self._stopped.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=self._every + 5)

    def _keep(self) -> None:
        while not self._stopped.wait(self._every):
            held = self.held()
            if not held:
                continue
            try:
                self._renew(held)
            except Exception:  # a database blip: the next round renews, well within the lease
                log.exception("renewing %d inbox claims failed", len(held))
