"""Periods as people name them: quarters, halves, years and explicit dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.core.catalog import text
from bot.core.errors import UserError
from bot.core.okrs.periods import current_quarter, half, parse_period, quarter, whole_year

TODAY = date(2026, 11, 25)


@pytest.mark.parametrize(
    ("given_text", "name", "starts_on", "ends_on"),
    [
        ("2026-Q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2026-q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("Q2", "2026-Q2", date(2026, 4, 1), date(2026, 6, 30)),
        ("2027-H1", "2027-H1", date(2027, 1, 1), date(2027, 6, 30)),
        ("2027-H2", "2027-H2", date(2027, 7, 1), date(2027, 12, 31)),
        ("2027", "2027", date(2027, 1, 1), date(2027, 12, 31)),
        ("2026-10-01..2026-12-31", "2026-10-01..2026-12-31", date(2026, 10, 1), date(2026, 12, 31)),
        (
            "2026-10-01 to 2026-11-15",
            "2026-10-01..2026-11-15",
            date(2026, 10, 1),
            date(2026, 11, 15),
        ),
        ("2028-02-29..2028-02-29", "2028-02-29..2028-02-29", date(2028, 2, 29), date(2028, 2, 29)),
    ],
)
def test_the_accepted_forms_are_read(
    given_text: str, name: str, starts_on: date, ends_on: date
) -> None:
    period = parse_period(given_text, TODAY)
    assert (period.name, period.starts_on, period.ends_on) == (name, starts_on, ends_on)


@pytest.mark.parametrize(
    "given_text",
    [
        "",
        "Q5",
        "2026-Q0",
        "2026-H3",
        "26-Q4",
        "next quarter",
        "2026-13-01..2026-12-31",
        "2026-02-30..2026-03-01",
        "2026-10-01..",
        "1999",
        "2026-10-01 2026-12-31",
    ],
)
def test_anything_else_is_refused_with_the_accepted_forms(given_text: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_period(given_text, TODAY)
    assert refused.value.key == "okr.error.bad_period"
    assert "`2026-Q4`, `2027-H1`, `2027`" in text(refused.value.key, "en", **refused.value.params)


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(UserError) as refused:
        parse_period("2026-12-31..2026-10-01", TODAY)
    assert refused.value.key == "okr.error.period_backwards"


@given(st.integers(2000, 2999), st.integers(1, 4))
def test_the_quarters_of_a_year_follow_each_other_and_cover_it(year: int, number: int) -> None:
    period = quarter(year, number)
    assert parse_period(period.name, TODAY) == period
    if number < 4:
        assert quarter(year, number + 1).starts_on == period.ends_on + timedelta(days=1)
    assert quarter(year, 1).starts_on == whole_year(year).starts_on == half(year, 1).starts_on
    assert quarter(year, 4).ends_on == whole_year(year).ends_on == half(year, 2).ends_on


@given(st.dates(date(2000, 1, 1), date(2999, 12, 31)))
def test_every_day_falls_in_its_current_quarter(day: date) -> None:
    period = current_quarter(day)
    assert period.starts_on <= day <= period.ends_on
    assert parse_period(period.name, day) == period


@given(st.dates(date(2000, 1, 1), date(2999, 12, 31)), st.integers(0, 800))
def test_explicit_dates_read_back_as_they_were_written(first: date, length: int) -> None:
    last = min(first + timedelta(days=length), date(2999, 12, 31))
    period = parse_period(f"{first.isoformat()} to {last.isoformat()}", TODAY)
    assert (period.starts_on, period.ends_on) == (first, last)
    assert parse_period(period.name, TODAY) == period


@given(st.text(max_size=40))
def test_any_text_is_a_period_or_a_clear_refusal_never_a_traceback(given_text: str) -> None:
    refusal: UserError | None = None
    try:
        period = parse_period(given_text, TODAY)
    except UserError as refused:
        refusal = refused
    if refusal is None:
        assert period.starts_on <= period.ends_on
        return
    assert refusal.key in ("okr.error.bad_period", "okr.error.period_backwards")
    assert text(refusal.key, "de", **refusal.params)
