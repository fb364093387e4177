"""Wake-ups across processes: PostgreSQL tells listeners when a job is queued or moved.

A trigger (migration 0008) sends `NOTIFY baton_due` after every statement that inserts a
scheduled job or changes a due time, so a worker asleep until its next known job hears of
an earlier one at once. A web process that leaves its inbox to the workers sends
`NOTIFY baton_inbox` (`NOTIFY_INBOX`) after the rows it writes, so a worker starts the
command within milliseconds. SQLite has no such thing: its single process polls.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, Select, func, select

log = logging.getLogger(__name__)

CHANNEL = "baton_due"
INBOX_CHANNEL = "baton_inbox"
NOTIFY_INBOX: Select[tuple[None]] = select(func.pg_notify(INBOX_CHANNEL, ""))
"""Tells the workers that the inbox has new rows. A statement of its own, sent after the rows'
commit and never with them: PostgreSQL takes one lock for every committing transaction that
notifies, and held through the wait for the disk it made acks queue up one behind the other
(about 220 a second at most, where the write alone allows 900)."""


class DueListener:
    """Calls `wake` on each notification on `channel`, from a thread of its own with its own
    connection."""

    def __init__(self, engine: Engine, wake: Callable[[], None], channel: str = CHANNEL) -> None:
        self._engine = engine
        self._wake = wake
        self._channel = channel
        self._stop = threading.Event()
        name = channel.removeprefix("baton_") + "-listener"
        self._thread = threading.Thread(target=self._listen, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _listen(self) -> None:
        while not self._stop.is_set():
            try:
                self._listen_once()
            except Exception:  # a dropped connection: listen again shortly, polls cover the gap
                log.warning("listening on %s failed; retrying", self._channel, exc_info=True)
                self._stop.wait(2)

    def _listen_once(self) -> None:
        pooled = self._engine.raw_connection()
        connection: Any = pooled.driver_connection
        pooled.detach()  # in LISTEN mode, it must never go back to the pool
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {self._channel}")
            self._wake()  # anything queued while nobody listened is looked at now
            while not self._stop.is_set():
                woken = False
                for _note in connection.notifies(timeout=1.0):
                    woken = True
                    break
                if woken:
                    self._wake()
        finally:
            with contextlib.suppress(Exception):
                pooled.close()


class Poller:
    """Calls `wake` every `seconds`, from a thread of its own: where nobody can notify."""

    def __init__(self, wake: Callable[[], None], seconds: float, name: str) -> None:
        self._wake = wake
        self._seconds = seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name=name, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _poll(self) -> None:
        while not self._stop.wait(self._seconds):
            try:
                self._wake()
            except Exception:  # the next round tries again
                log.warning("polling failed", exc_info=True)
