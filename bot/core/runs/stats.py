"""Cycle-time figures: median, p90 and spread of a list of durations in days."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


def median(values: list[float]) -> float:
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value at least `share` of them reach."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered))) - 1]


@dataclass(frozen=True)
class CycleTimes:
    count: int
    median: float
    p90: float
    shortest: float
    longest: float
    deviation: float
    """The standard deviation (population): how far runs usually are from the mean."""


def cycle_times(days: list[float]) -> CycleTimes | None:
    """The figures of `days`; None when there are none."""
    if not days:
        return None
    mean = sum(days) / len(days)
    deviation = math.sqrt(sum((d - mean) ** 2 for d in days) / len(days))
    return CycleTimes(
        count=len(days),
        median=median(days),
        p90=percentile(days, 0.9),
        shortest=min(days),
        longest=max(days),
        deviation=deviation,
    )


def days_between(start: datetime, end: datetime) -> float:
    """Days from `start` to `end`."""
    return (end - start).total_seconds() / 86400
