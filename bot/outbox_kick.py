"""Delivers the outbox right after a request, without piling up concurrent deliveries."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class OutboxKick:
    """Runs `deliver` after each request, at most one pass at a time in this process.

    A kick that arrives during a pass asks for one more pass afterwards, so whatever a request
    queued is always looked at after it was committed. Delivery errors are logged: the worker's
    tick retries them.
    """

    def __init__(self, deliver: Callable[[], int]) -> None:
        self._deliver = deliver
        self._guard = threading.Lock()
        self._running = False
        self._again = False

    def __call__(self) -> None:
        with self._guard:
            if self._running:
                self._again = True
                return
            self._running = True
        while True:
            try:
                self._deliver()
            except Exception:  # a database blip must not surface in a request
                log.exception("outbox delivery failed")
            with self._guard:
                if not self._again:
                    self._running = False
                    return
                self._again = False
