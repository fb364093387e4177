"""An objective's period as people name it: `2026-Q4`, `2027-H1`, `2027`, or explicit dates
(`2026-10-01..2026-12-31`, `2026-10-01 to 2026-12-31`); `Q4` and `H1` alone are this year's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from bot.core.errors import UserError

ACCEPTED = "`2026-Q4`, `2027-H1`, `2027`, `2026-10-01..2026-12-31`"
"""The forms a period may take, as the error tells them."""
FIRST_YEAR, LAST_YEAR = 2000, 2999
_YEAR = r"(?P<year>\d{4})"
_QUARTER = re.compile(rf"^(?:{_YEAR}[-\s]?)?Q(?P<quarter>[1-4])$", re.IGNORECASE)
_HALF = re.compile(rf"^(?:{_YEAR}[-\s]?)?H(?P<half>[12])$", re.IGNORECASE)
_WHOLE_YEAR = re.compile(rf"^{_YEAR}$")
_DATES = re.compile(
    r"^(?P<first>\d{4}-\d{2}-\d{2})\s*(?:\.\.|\s+to\s+)\s*(?P<last>\d{4}-\d{2}-\d{2})$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Period:
    """A named stretch of days, `starts_on` to `ends_on` inclusive."""

    name: str
    starts_on: date
    ends_on: date


def quarter(year: int, number: int) -> Period:
    first_month = 3 * (number - 1) + 1
    return Period(f"{year}-Q{number}", date(year, first_month, 1), _last_day(year, first_month + 2))


def half(year: int, number: int) -> Period:
    first_month = 6 * (number - 1) + 1
    return Period(f"{year}-H{number}", date(year, first_month, 1), _last_day(year, first_month + 5))


def whole_year(year: int) -> Period:
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))


def current_quarter(today: date) -> Period:
    """The quarter `today` falls in (the default period of a new objective)."""
    return quarter(today.year, (today.month - 1) // 3 + 1)


def parse_period(given: str, today: date) -> Period:
    """The period `given` names; `today` says which year `Q4` alone means. A UserError listing
    the accepted forms for anything else."""
    phrase = " ".join(given.split())
    if match := _QUARTER.match(phrase):
        return quarter(_year(match["year"], today, given), int(match["quarter"]))
    if match := _HALF.match(phrase):
        return half(_year(match["year"], today, given), int(match["half"]))
    if match := _WHOLE_YEAR.match(phrase):
        return whole_year(_year(match["year"], today, given))
    if match := _DATES.match(phrase):
        first, last = _date(match["first"], given), _date(match["last"], given)
        if last < first:
            raise UserError(
                "okr.error.period_backwards", starts=first.isoformat(), ends=last.isoformat()
            )
        return Period(f"{first.isoformat()}..{last.isoformat()}", first, last)
    raise UserError("okr.error.bad_period", given=given.strip()[:60], accepted=ACCEPTED)


def looks_like_period(given: str) -> bool:
    """Whether `given` is meant as a period (it may still be a wrong one, like `2026-Q5`)."""
    return bool(re.match(r"^(\d{4}|[QH]\d\b)", given.strip(), re.IGNORECASE))


def _year(given_year: str | None, today: date, given: str) -> int:
    year = int(given_year) if given_year else today.year
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UserError("okr.error.bad_period", given=given.strip()[:60], accepted=ACCEPTED)
    return year


def _date(text: str, given: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise UserError(
            "okr.error.bad_period", given=given.strip()[:60], accepted=ACCEPTED
        ) from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise UserError("okr.error.bad_period", given=given.strip()[:60], accepted=ACCEPTED)
    return day


def _last_day(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)
