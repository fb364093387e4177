"""Writes of many threads at once, grouped into one transaction (a group commit).

Under a flood, acks that each wrote their inbox row in a transaction of their own waited on
SQLite for the write lock in turn: the lock passing from thread to thread, and the interpreter
with it, cost more than the writes. Here the first writer to come writes for everyone waiting
when it begins; those who came while it wrote are written next, by one of them.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Generic, TypeVar, cast

Item = TypeVar("Item")
Result = TypeVar("Result")


class _Slot(Generic[Item, Result]):
    __slots__ = ("done", "error", "item", "leads", "result", "written")

    def __init__(self, item: Item) -> None:
        self.item = item
        self.done = threading.Event()
        self.leads = False
        self.written = False
        self.result: Result | None = None
        self.error: BaseException | None = None

    def outcome(self) -> Result:
        if self.error is not None:
            raise self.error
        if not self.written:
            raise RuntimeError("the write was cut short")
        return cast(Result, self.result)


class GroupedWrites(Generic[Item, Result]):
    """Calls `write_all` with the items of every thread waiting, in the order they came, and
    gives each thread its own result. `write_all` returns one result per item, or raises,
    having written none of them: then each item is written again alone, so that one item
    that cannot be written fails only its own thread, which raises that error."""

    def __init__(self, write_all: Callable[[Sequence[Item]], Sequence[Result]]) -> None:
        self._write_all = write_all
        self._lock = threading.Lock()
        self._waiting: list[_Slot[Item, Result]] = []
        self._writing = False
        """Whether a thread is writing a group: one at a time, the others wait their turn."""

    @property
    def waiting(self) -> int:
        """Items waiting for a group to be written before theirs."""
        with self._lock:
            return len(self._waiting)

    def write(self, item: Item) -> Result:
        slot: _Slot[Item, Result] = _Slot(item)
        with self._lock:
            self._waiting.append(slot)
            if not self._writing:
                self._writing = slot.leads = True
        if not slot.leads:
            slot.done.wait()  # written by another thread, or its turn to write
        if slot.leads:
            self._lead()
        return slot.outcome()

    def _lead(self) -> None:
        """Writes every item waiting, then hands the turn to the first that came meanwhile."""
        with self._lock:
            group, self._waiting = self._waiting, []
        try:
            self._write_group(group)
        finally:
            with self._lock:
                following = self._waiting[0] if self._waiting else None
                if following is None:
                    self._writing = False
                else:
                    following.leads = True
            for slot in group:
                slot.done.set()
            if following is not None:
                following.done.set()

    def _write_group(self, group: list[_Slot[Item, Result]]) -> None:
        try:
            results = self._write_all([slot.item for slot in group])
        except Exception as failed:
            if len(group) == 1:
                group[0].error = failed
                return
            for slot in group:
                self._write_alone(slot)
            return
        for slot, result in zip(group, results, strict=True):
            slot.result, slot.written = result, True

    def _write_alone(self, slot: _Slot[Item, Result]) -> None:
        try:
            [slot.result] = self._write_all([slot.item])
            slot.written = True
        except Exception as failed:  # its thread raises it
            slot.error = failed
