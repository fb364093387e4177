"""How long to wait before calling Mattermost again after a 429 or a 5xx."""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

# X-Ratelimit-Reset is documented as seconds until the window resets; some proxies send an
# epoch timestamp instead. Anything this large can only be a timestamp.
_EPOCH_THRESHOLD = 1_000_000_000


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Retries inside one call; a wait longer than `max_delay` is left to the outbox instead,
    so a person pressing a button never waits for a rate-limit window to pass."""

    attempts: int = 3
    base_delay: float = 0.2
    max_delay: float = 2.0

    def delay(self, attempt: int, headers: Mapping[str, str], now: float) -> float:
        """Seconds to wait before attempt `attempt + 1`: what the server asks, else backoff."""
        hinted = server_hint(headers, now)
        if hinted is not None:
            return hinted
        backoff = self.base_delay * 2.0 ** (attempt - 1)
        return backoff * (1 + random.random() / 4)  # noqa: S311 - jitter, not security


def server_hint(headers: Mapping[str, str], now: float) -> float | None:
    """The wait a 429/503 response asks for through Retry-After or X-Ratelimit-Reset."""
    retry_after = headers.get("Retry-After")
    if retry_after:
        seconds = _seconds(retry_after, now)
        if seconds is not None:
            return seconds
    reset = headers.get("X-Ratelimit-Reset")
    if reset:
        try:
            value = float(reset)
        except ValueError:
            return None
        return max(value - now, 0.0) if value > _EPOCH_THRESHOLD else max(value, 0.0)
    return None


def _seconds(value: str, now: float) -> float | None:
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:  # Retry-After may also be an HTTP date
        return max(parsedate_to_datetime(value).timestamp() - now, 0.0)
    except (TypeError, ValueError):
        return None
