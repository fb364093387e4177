"""How OKRs look: values in the reader's language, a key result's line, an objective's
summary, and the Chart of an objective (reused by the weekly summary and the grading post)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime

from babel.dates import format_date, get_day_names
from babel.numbers import format_decimal

from bot.core.catalog import text
from bot.core.formats import locale_of, percent, time_of_day
from bot.core.message import Chart, ChartLine, Inline, Strong, Text
from bot.core.okrs.board import KeyResultStanding, ObjectiveStanding
from bot.core.okrs.refs import key_result_ref, objective_ref
from bot.views.tasks import mention
from storage.models import CheckIn, KeyResult, KeyResultKind, Objective, OkrStatus, Run, Task

_STATUS_MARK = {
    OkrStatus.ON_TRACK: "🟢",
    OkrStatus.AT_RISK: "🟠",
    OkrStatus.OFF_TRACK: "🔴",
    OkrStatus.DONE: "✅",
}


def value_text(value: float, unit: str, lang: str) -> str:
    """`87.5 service points`, `87,5 %`, `1,200`: a value as the reader's language writes it."""
    if unit == "%":
        return percent(value / 100, lang)
    shown = format_decimal(value, format="#,##0.##", locale=locale_of(lang))
    return f"{shown} {unit}" if unit else shown


def status_text(status: OkrStatus | None, lang: str) -> str:
    if status is None:
        return text("okr.status.none", lang)
    return f"{_STATUS_MARK[status]} {text(f'okr.status.{status.value}', lang)}"


def day_text(day: date, lang: str) -> str:
    return format_date(day, "medium", locale=locale_of(lang))


def weekday_text(weekday: int, lang: str) -> str:
    return str(get_day_names("wide", locale=locale_of(lang))[weekday])


def clock_text(at: str, lang: str) -> str:
    """A local time of day kept as `HH:MM`, as the reader's language writes it (`10 h 30`)."""
    hour, minute = (int(part) for part in at.split(":"))
    return time_of_day(datetime(2000, 1, 1, hour, minute, tzinfo=UTC), "UTC", lang)


def objective_title(objective: Objective) -> Text:
    return (Strong(text=objective_ref(objective.number)), f" {objective.title}")


def key_result_line(standing: KeyResultStanding, lang: str) -> Text:
    """`K-5 Service points live: 87 / 125 · 40 % · expected 95 · 🟠 At risk · @anna`."""
    kr = standing.key_result
    line: list[Inline] = [
        Strong(text=key_result_ref(kr.number)),
        " ",
        text(
            "okr.kr_line",
            lang,
            title=kr.title,
            value=value_text(kr.current_value, kr.unit, lang),
            target=value_text(kr.target_value, kr.unit, lang),
            progress=percent(standing.progress, lang),
            expected=value_text(round(standing.expected, 1), kr.unit, lang),
            status=status_text(standing.status, lang),
        ),
    ]
    if standing.owner is not None:
        line += [" · ", mention(standing.owner)]
    return tuple(line)


def objective_summary(standing: ObjectiveStanding, lang: str) -> Text:
    """`O-2 Grow the network · 2026-Q4 · #sales · 🟠 At risk`."""
    objective = standing.objective
    archived = objective.state.value == "archived"
    parts: list[Inline] = [
        *objective_title(objective),
        " · ",
        text(
            "okr.objective_facts",
            lang,
            period=objective.period,
            channel=standing.channel.name,
            status=status_text(standing.status, lang),
        ),
    ]
    if archived:
        parts.append(" · " + text("okr.archived", lang))
    if objective.score is not None:
        score = format_decimal(objective.score, format="0.0#", locale=locale_of(lang))
        parts.append(" · " + text("okr.score", lang, score=score))
    return tuple(parts)


def work_line(tasks: Sequence[Task], runs: Sequence[Run], lang: str) -> str:
    """The tasks and runs linked to an objective's key results, with their state."""
    shown = [
        text(
            "okr.linked_task",
            lang,
            number=task.number,
            title=task.title,
            state=text(f"okr.task_state.{task.status.value}", lang),
        )
        for task in tasks
    ] + [
        text(
            "okr.linked_run",
            lang,
            number=run.number,
            subject=f" {run.subject}" if run.subject else "",
            state=text(f"okr.run_state.{run.status.value}", lang),
        )
        for run in runs
    ]
    return " · ".join(shown)


def objective_chart(
    standing: ObjectiveStanding, history: Mapping[int, Sequence[CheckIn]], lang: str
) -> Chart:
    """One line per key result: its start value at the period's start, then each check-in,
    against the ideal line from the start to the target over the period."""
    objective = standing.objective
    lines = []
    for each in standing.key_results:
        kr: KeyResult = each.key_result
        checked = [(checkin.at, checkin.value) for checkin in history.get(kr.id, ())]
        if kr.kind is KeyResultKind.TASKS:  # its value is counted, not checked in
            checked.append((min(standing.now, standing.ends), kr.current_value))
        points = ((standing.starts, kr.start_value), *checked)
        lines.append(
            ChartLine(
                label=f"{key_result_ref(kr.number)} {kr.title}",
                unit=kr.unit,
                start=kr.start_value,
                target=kr.target_value,
                starts=standing.starts,
                ends=standing.ends,
                points=points,
            )
        )
    return Chart(
        title=text(
            "okr.chart_title",
            lang,
            number=objective.number,
            title=objective.title,
            period=objective.period,
        ),
        lines=tuple(lines),
        name=f"okr-{objective_ref(objective.number)}",
    )
