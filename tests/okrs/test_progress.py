from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot.core.okrs.progress import (
    average,
    expected_value,
    period_bounds,
    progress,
    status,
    suggested_status,
    weakest,
)
from storage.models import OkrStatus

numbers = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False)


def test_progress_goes_both_ways_and_is_clamped() -> None:
    assert progress(0, 200, 50) == 0.25
    assert progress(40, 10, 25) == 0.5  # a metric that should go down
    assert progress(0, 100, 130) == 1.0
    assert progress(0, 100, -5) == 0.0


@given(numbers, numbers, numbers)
def test_progress_is_always_between_0_and_1(start: float, target: float, value: float) -> None:
    assert 0.0 <= progress(start, target, value) <= 1.0


def test_the_ideal_line_runs_over_the_period_in_the_channel_zone() -> None:
    starts, ends = period_bounds(date(2026, 10, 1), date(2026, 12, 31), "Europe/Berlin")
    assert starts == datetime(2026, 9, 30, 22, tzinfo=UTC)
    assert ends == datetime(2026, 12, 31, 23, tzinfo=UTC)
    middle = starts + (ends - starts) / 2
    assert expected_value(0, 200, starts, ends, middle) == 100
    assert expected_value(0, 200, starts, ends, ends.replace(year=2027)) == 200
    assert expected_value(0, 200, starts, ends, starts.replace(year=2025)) == 0


def test_status_from_confidence_else_from_how_far_behind() -> None:
    assert suggested_status(0.45, 0.5) is OkrStatus.ON_TRACK
    assert suggested_status(0.3, 0.5) is OkrStatus.AT_RISK
    assert suggested_status(0.1, 0.5) is OkrStatus.OFF_TRACK
    assert status(0.1, 0.5, OkrStatus.ON_TRACK) is OkrStatus.ON_TRACK
    assert status(1.0, 0.5, OkrStatus.AT_RISK) is OkrStatus.DONE


def test_an_objective_takes_its_weakest_key_result_and_their_average_grade() -> None:
    assert weakest([OkrStatus.DONE, OkrStatus.AT_RISK, OkrStatus.ON_TRACK]) is OkrStatus.AT_RISK
    assert weakest([]) is None
    assert average([1.0, 0.5, 0.0]) == 0.5
    assert average([]) is None
