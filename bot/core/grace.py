"""How late scheduled work may run and still be on time."""

from __future__ import annotations

from datetime import datetime, timedelta

GRACE = timedelta(hours=1)
"""Work run within this of its time (after a worker restart, say) is sent as if on time;
later than this, a one-off message is still sent, marked late."""


def is_late(due_at: datetime, now: datetime) -> bool:
    return now - due_at > GRACE
