"""How long Mattermost asks Baton to wait after a 429 or a 503 (the outbox waits it out)."""

from __future__ import annotations

from collections.abc import Mapping
from email.utils import parsedate_to_datetime

# X-Ratelimit-Reset is documented as seconds until the window resets; some proxies send an
# epoch timestamp instead. Anything this large can only be a timestamp.
_EPOCH_THRESHOLD = 1_000_000_000


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
