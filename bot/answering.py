"""Requests first: while a request is being answered, the work that follows earlier ones
gives way.

The commands a web process runs after their ack share its interpreter with the next acks:
under the interpreter lock, an ack that arrives while a command runs takes turns with it and
waits. Threads that run such work (`gives_way`) wait, at points where they hold no lock of
the database (before a transaction begins, before a statement in autocommit), until no
request is being answered, for at most `patience`: the ack then runs nearly alone, and the
work goes on between requests, or after `patience` under a flood.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import Engine, event

PATIENCE_SECONDS = 0.02
"""The longest a thread waits at one point: under a flood of requests the work still goes on,
a step at least every 20 ms."""

_local = threading.local()


def gives_way() -> None:
    """Marks the calling thread as one that gives way to requests (see `Answering.give_way`)."""
    _local.gives_way = True


class Answering:
    """Counts the requests being answered; threads marked with `gives_way` wait for none."""

    def __init__(self, patience: float = PATIENCE_SECONDS) -> None:
        self.patience = patience
        """The longest a thread waits at one point."""
        self._requests = 0
        self._quiet = threading.Condition()

    @property
    def being_answered(self) -> int:
        """How many requests are being answered now."""
        return self._requests

    def started(self) -> None:
        with self._quiet:
            self._requests += 1

    def answered(self) -> None:
        with self._quiet:
            self._requests -= 1
            if self._requests == 0:
                self._quiet.notify_all()

    def give_way(self) -> None:
        """In a thread marked with `gives_way`: waits until no request is being answered, or
        `patience` has passed. Elsewhere nothing."""
        if not getattr(_local, "gives_way", False) or not self._requests:
            return
        with self._quiet:
            self._quiet.wait_for(lambda: self._requests == 0, self.patience)

    def watch(self, engine: Engine, *, autocommit: bool) -> None:
        """Gives way before each transaction of `engine` begins, or, for an engine in
        autocommit, before each statement: points where the thread holds no lock."""

        def before(*_args: Any) -> None:
            self.give_way()

        event.listen(engine, "before_cursor_execute" if autocommit else "begin", before)
