"""Token buckets per client address, kept in this process's memory.

In memory is enough for what they guard (a page that writes a row, such as Slack's install
page): a limit per process lets N processes allow N times as much, and a restart forgets
who was counted, and both only loosen a limit that is there to bound the cost of abuse, not
to count exactly. Keeping them in the database would make every refused request a write,
the very cost being limited.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable

KEYS_KEPT = 10_000
"""Addresses remembered at most; the least recently seen is forgotten first (it gets a full
bucket again, which is harmless), so many addresses cannot grow the memory without end."""


class RateLimit:
    """Allows `burst` requests at once per key, refilled at `per_minute`."""

    def __init__(
        self,
        per_minute: float,
        burst: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        keys_kept: int = KEYS_KEPT,
    ) -> None:
        self._rate = per_minute / 60.0
        self._burst = float(burst)
        self._clock = clock
        self._keys_kept = keys_kept
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def allow(self, key: str) -> bool:
        """Takes a token from `key`'s bucket; False when it is empty."""
        now = self._clock()
        with self._lock:
            tokens, at = self._buckets.pop(key, (self._burst, now))
            tokens = min(self._burst, tokens + (now - at) * self._rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > self._keys_kept:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self) -> int:
        """Seconds until one more request is allowed, for a `Retry-After` header."""
        return max(1, round(1.0 / self._rate)) if self._rate > 0 else 60
