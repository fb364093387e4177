"""Grouped writes: what threads write at once goes in one group, each thread gets its own
result, and an item that cannot be written fails its own thread only."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest

from storage.grouped_writes import GroupedWrites
from tests.support.waiting import until


class Store:
    """Writes groups of numbers, each to its square; refuses negative ones (the whole group
    then, as a transaction would); the first group waits for `gate`."""

    def __init__(self) -> None:
        self.groups: list[list[int]] = []
        self.gate = threading.Event()
        self.began = threading.Event()

    def write_all(self, items: Sequence[int]) -> list[int]:
        first = not self.groups
        self.groups.append(list(items))
        if first:
            self.began.set()
            assert self.gate.wait(10)
        if any(item < 0 for item in items):
            raise ValueError(f"cannot write {min(items)}")
        return [item * item for item in items]


class Writers:
    """Threads each writing one item; `outcomes` has each item's result or error."""

    def __init__(self, writes: GroupedWrites[int, int], items: list[int]) -> None:
        self.outcomes: dict[int, int | ValueError] = {}
        self._writes = writes
        self._threads = [threading.Thread(target=self._write, args=(item,)) for item in items]
        for thread in self._threads:
            thread.start()

    def _write(self, item: int) -> None:
        try:
            self.outcomes[item] = self._writes.write(item)
        except ValueError as refused:
            self.outcomes[item] = refused

    def joined(self) -> dict[int, int | ValueError]:
        for thread in self._threads:
            thread.join(10)
        return self.outcomes


def test_what_comes_while_a_group_is_written_is_written_next_in_one_group() -> None:
    store = Store()
    writes = GroupedWrites(store.write_all)
    first = Writers(writes, [1])
    assert store.began.wait(10)
    rest = Writers(writes, [2, 3, 4, 5])
    assert until(lambda: writes.waiting == 4), "four wait their turn"
    store.gate.set()
    outcomes = first.joined() | rest.joined()
    assert outcomes == {1: 1, 2: 4, 3: 9, 4: 16, 5: 25}, "each its own result"
    assert [sorted(group) for group in store.groups] == [[1], [2, 3, 4, 5]]


def test_an_item_that_cannot_be_written_fails_its_own_thread_only() -> None:
    store = Store()
    writes = GroupedWrites(store.write_all)
    first = Writers(writes, [1])
    assert store.began.wait(10)
    rest = Writers(writes, [2, -3, 4])
    assert until(lambda: writes.waiting == 3)
    store.gate.set()
    outcomes = first.joined() | rest.joined()
    assert isinstance(outcomes.pop(-3), ValueError)
    assert outcomes == {1: 1, 2: 4, 4: 16}, "the others written alone after the group failed"
    assert sorted(len(group) for group in store.groups) == [1, 1, 1, 1, 3]


def test_a_lone_write_that_fails_raises_and_the_next_one_is_written() -> None:
    store = Store()
    store.gate.set()
    writes = GroupedWrites(store.write_all)
    with pytest.raises(ValueError, match="cannot write -1"):
        writes.write(-1)
    assert writes.write(7) == 49
    assert store.groups == [[-1], [7]]
