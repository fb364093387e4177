"""The words of check-in rounds: a key result's figures as its owner and its channel read them."""

from __future__ import annotations

from datetime import datetime

from babel.numbers import format_decimal

from bot.core.catalog import text
from bot.core.formats import locale_of
from bot.core.message import Button, ButtonStyle, Chart
from bot.core.okrs import progress
from bot.core.okrs.board import history, standing
from bot.core.scope import Scope
from bot.views.okrs import objective_chart
from storage.models import KeyResult, Objective, OkrStatus

OPEN_FORM = "okr_checkin.open"
"""The button that opens the check-in form of a key result (its value: the number)."""
CONFIDENCES = (OkrStatus.ON_TRACK, OkrStatus.AT_RISK, OkrStatus.OFF_TRACK)


def figure(value: float, unit: str, lang: str) -> str:
    """`87.5 %`, `1,200 partners`: a key result's value as the reader writes numbers."""
    written = format_decimal(round(value, 2), format="#,##0.##", locale=locale_of(lang))
    return f"{written} {unit}".strip() if unit else written


def change(delta: float, lang: str) -> str:
    """`+6`, `−2.5`: how far a value moved."""
    written = format_decimal(round(abs(delta), 2), format="#,##0.##", locale=locale_of(lang))
    return f"+{written}" if delta >= 0 else f"\u2212{written}"


def status_word(status: OkrStatus, lang: str) -> str:
    return text(f"okr_checkin.status.{status.value}", lang)


def expected_today(key_result: KeyResult, objective: Objective, tz: str, now: datetime) -> float:
    starts, ends = progress.period_bounds(objective.starts_on, objective.ends_on, tz)
    return progress.expected_value(
        key_result.start_value, key_result.target_value, starts, ends, now
    )


def check_in_button(number: int, lang: str) -> Button:
    return Button(
        label=text("okr_checkin.button", lang, number=number),
        action=OPEN_FORM,
        value=str(number),
        style=ButtonStyle.PRIMARY,
    )


def score_of(score: float | None, lang: str) -> str:
    """`0.75` / `0,75`: a grade from 0 to 1, or a dash without one."""
    if score is None:
        return "–"
    return format_decimal(round(score, 2), format="0.00", locale=locale_of(lang))


def chart_of(scope: Scope, objective: Objective, lang: str) -> Chart:
    """The objective's chart (its key results' check-ins against their ideal lines)."""
    now = standing(scope, objective)
    return objective_chart(now, history(scope, [each.key_result for each in now.key_results]), lang)
