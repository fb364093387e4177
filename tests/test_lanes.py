"""Lanes run work in threads that park between wakes instead of starting anew each time."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from bot.lanes import Lane
from tests.support.waiting import until


class Work:
    """Pieces of work a lane takes one at a time, each recording the thread that ran it."""

    def __init__(self, piece_seconds: float = 0.0) -> None:
        self.piece_seconds = piece_seconds
        self._guard = threading.Lock()
        self.waiting = 0
        self.ran_in: list[int] = []
        self.gate = threading.Event()
        self.gate.set()

    def add(self, pieces: int = 1) -> None:
        with self._guard:
            self.waiting += pieces

    def step(self, found: Callable[[], None] | None = None) -> bool:
        with self._guard:
            if not self.waiting:
                return False
            self.waiting -= 1
        if found is not None:
            found()
        self.gate.wait(10)
        time.sleep(self.piece_seconds)
        with self._guard:
            self.ran_in.append(threading.get_ident())
        return True


def test_a_wake_is_taken_by_the_thread_parked_from_the_last_one() -> None:
    work = Work()
    lane = Lane(4, work.step, "test-lane")
    for _ in range(5):
        work.add()
        lane.wake()
        assert lane.wait_idle(10)
    assert len(work.ran_in) == 5
    # The first piece found started a second thread to look for more; both then parked.
    assert len(set(work.ran_in)) <= 2, "parked threads took every later wake"
    assert lane.threads <= 2
    assert lane.close(10)
    assert until(lambda: lane.threads == 0), "closing ends the parked thread"


def test_a_backlog_is_shared_by_up_to_size_threads() -> None:
    work = Work(piece_seconds=0.005)
    lane = Lane(3, work.step, "test-lane")
    work.add(60)
    lane.wake()
    assert lane.wait_idle(10)
    assert len(work.ran_in) == 60
    assert lane.threads == 3, "each thread that found work woke another, up to three"
    lane.close(10)


def test_a_wake_while_every_thread_is_busy_is_looked_at_before_they_park() -> None:
    work = Work()
    work.gate.clear()
    lane = Lane(1, work.step, "test-lane")
    work.add()
    lane.wake()
    assert until(lambda: lane.threads == 1)
    work.add()
    lane.wake()  # the only thread is busy: it looks again before it parks
    work.gate.set()
    assert lane.wait_idle(10)
    assert len(work.ran_in) == 2
    lane.close(10)


def test_a_step_that_says_when_it_found_its_piece_spreads_before_doing_it() -> None:
    work = Work()
    work.gate.clear()
    lane: Lane = Lane(3, lambda: work.step(found=lane.found), "test-lane")
    work.add(2)
    lane.wake()
    assert until(lambda: work.waiting == 0, timeout=5), "both pieces taken while the first is held"
    work.gate.set()
    assert lane.wait_idle(10)
    assert len(set(work.ran_in)) == 2
    lane.close(10)


def test_an_idle_lane_ends_its_threads_after_a_while() -> None:
    work = Work()
    lane = Lane(2, work.step, "test-lane", park_seconds=0.05)
    work.add()
    lane.wake()
    assert lane.wait_idle(10)
    assert until(lambda: lane.threads == 0)
    work.add()
    lane.wake()
    assert lane.wait_idle(10)
    assert len(work.ran_in) == 2, "a wake after the threads ended starts one again"
    lane.close(10)


def test_a_closed_lane_takes_no_more_work() -> None:
    work = Work()
    lane = Lane(2, work.step, "test-lane")
    assert lane.close(10)
    work.add()
    lane.wake()
    assert lane.wait_idle(10)
    assert work.ran_in == []
    assert work.waiting == 1
