"""The channels and people whose next inbox row a thread of this process will look for.

Rows of one channel key or one person key run one after the other. While a row runs here,
and while the thread that ran it claims the next one, a row written under one of its keys
needs no thread sent looking for it: that thread's claim finds it, or, should the claim
find nothing more of the key, the thread says so and one is sent then (`missed`). Under a
flood into one channel every row written while the last one was done, before the next claim,
sent a thread looking: a claim that read the channel's whole queue and found nothing.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Collection


class KeyHolds:
    """Keys held by this process's inbox threads: each by the rows of it running here, and
    by a thread on its way from one of them to its next claim (`carry`)."""

    def __init__(self, missed: Callable[[bool], None]) -> None:
        self._missed = missed
        """Sends a thread looking (for an urgent row, when True): a row was written under a
        key the thread holding it let go of without a claim that could see the row."""
        self._lock = threading.Lock()
        self._held: Counter[str] = Counter()
        self._told: dict[str, bool] = {}
        """Keys under which a row was written while held, and whether one was urgent."""
        self._carrying = threading.local()

    def will_find(self, channel_key: str, person_key: str, *, urgent: bool) -> bool:
        """A row of these keys was written (and committed): True when a thread here will
        find it, as it holds one of them; else the caller sends one looking."""
        with self._lock:
            held = [key for key in (channel_key, person_key) if self._held[key]]
            for key in held:
                self._told[key] = self._told.get(key, False) or urgent
        return bool(held)

    def carried(self) -> frozenset[str]:
        """The keys this thread carries from its last row (see `carry`), now its own no more:
        the caller passes them to `swap` once its claim is done."""
        keys: frozenset[str] = getattr(self._carrying, "keys", frozenset())
        self._carrying.keys = frozenset()
        return keys

    def carry(self, keys: Collection[str]) -> None:
        """This thread ran a row of `keys` and claims again at once: it holds them until that
        claim is done (`swap`), which sees every row written meanwhile."""
        self._carrying.keys = frozenset(keys)

    def swap(self, carried: Collection[str], claimed: Collection[str]) -> None:
        """A claim is done: holds the keys of the row it took (`claimed`, none when it took
        none) and lets go of those the thread `carried`. A row written under a key let go of
        (while held, and held here no more) gets a thread sent looking for it: the claim may
        have started before that row was written."""
        urgencies: list[bool] = []
        with self._lock:
            self._held.update(claimed)
            self._held.subtract(carried)
            for key in claimed:
                # The thread that took this key claims again once its row is done, after
                # every row written under the key so far.
                self._told.pop(key, None)
            for key in carried:
                if self._held[key] <= 0:
                    del self._held[key]
                    urgent = self._told.pop(key, None)
                    if urgent is not None:
                        urgencies.append(urgent)
        for urgent in sorted(set(urgencies), reverse=True):
            self._missed(urgent)
