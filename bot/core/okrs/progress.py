"""How far a key result has come, how far it should be by now, and what that says.

Progress runs from 0 (the start value) to 1 (the target), whichever way the metric goes; it is
clamped, so overshooting a target counts as done and falling below the start as nothing. The
expected progress grows in a straight line over the objective's period (the ideal line of the
chart).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage.models import OkrStatus

ON_TRACK_GAP = 0.1
"""Up to this far behind the expected progress (a tenth of the way), a key result is on track."""
AT_RISK_GAP = 0.25
"""Up to this far behind, it is at risk; further behind, off track."""

_WEAKEST_FIRST = (OkrStatus.OFF_TRACK, OkrStatus.AT_RISK, OkrStatus.ON_TRACK, OkrStatus.DONE)


def progress(start: float, target: float, value: float) -> float:
    """The share of the way from `start` to `target` that `value` has come, 0 to 1."""
    if target == start:
        return 1.0 if value == target else 0.0
    return min(1.0, max(0.0, (value - start) / (target - start)))


def period_bounds(starts_on: date, ends_on: date, tz: str) -> tuple[datetime, datetime]:
    """A period's first moment and the moment after its last day, in the zone `tz`."""
    zone = ZoneInfo(tz)
    return (
        datetime.combine(starts_on, time(), zone),
        datetime.combine(ends_on + timedelta(days=1), time(), zone),
    )


def elapsed(starts: datetime, ends: datetime, now: datetime) -> float:
    """The share of the period from `starts` to `ends` gone by at `now`, 0 to 1."""
    length = (ends - starts).total_seconds()
    if length <= 0:
        return 1.0
    return min(1.0, max(0.0, (now - starts).total_seconds() / length))


def expected_value(
    start: float, target: float, starts: datetime, ends: datetime, now: datetime
) -> float:
    """Where the ideal line from `start` to `target` over the period is at `now`."""
    return start + (target - start) * elapsed(starts, ends, now)


def suggested_status(done: float, expected: float) -> OkrStatus:
    """The status the progress suggests when the owner gave no confidence: how far `done`
    (progress, 0 to 1) is behind `expected` (the expected progress by now)."""
    if done >= 1.0:
        return OkrStatus.DONE
    behind = expected - done
    if behind <= ON_TRACK_GAP:
        return OkrStatus.ON_TRACK
    if behind <= AT_RISK_GAP:
        return OkrStatus.AT_RISK
    return OkrStatus.OFF_TRACK


def status(done: float, expected: float, confidence: OkrStatus | None) -> OkrStatus:
    """A key result's status: done once it reached its target, else the confidence of its
    latest check-in, else what its progress suggests."""
    if done >= 1.0:
        return OkrStatus.DONE
    if confidence is not None:
        return confidence
    return suggested_status(done, expected)


def weakest(statuses: Iterable[OkrStatus]) -> OkrStatus | None:
    """An objective's status: its weakest key result's (None without key results)."""
    given = set(statuses)
    return next((each for each in _WEAKEST_FIRST if each in given), None)


def score(start: float, target: float, value: float) -> float:
    """A key result's grade at the end of its period, 0 to 1 (its progress)."""
    return progress(start, target, value)


def average(scores: Iterable[float]) -> float | None:
    """An objective's grade: the average of its key results' (None without key results)."""
    given = list(scores)
    return sum(given) / len(given) if given else None
