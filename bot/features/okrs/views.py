"""Replies of OKR commands, and the chart post drawn for the objective's channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from bot.commands.drawing import Drawer
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.catalog import text
from bot.core.formats import percent
from bot.core.message import Block, Context, Message, Section
from bot.core.okrs.board import KeyResultStanding, ObjectiveStanding, history, standing
from bot.core.okrs.cadences import Cadence
from bot.core.reader import Reader
from bot.core.scope import Scope
from bot.views.okrs import (
    clock_text,
    day_text,
    key_result_line,
    objective_chart,
    objective_summary,
    status_text,
    value_text,
    weekday_text,
    work_line,
)
from storage.models import Channel, Objective

CHART = "okr.chart"


def _reply(req: Request, blocks: Sequence[Block], summary: str) -> Reply:
    return Reply(message=Message(summary=summary, blocks=tuple(blocks), tz=req.tz))


def checked_in(req: Request, now: KeyResultStanding) -> Reply:
    lang = req.scope.lang
    kr = now.key_result
    line = req.t(
        "okr.checked_in",
        number=kr.number,
        value=value_text(kr.current_value, kr.unit, lang),
        target=value_text(kr.target_value, kr.unit, lang),
        progress=percent(now.progress, lang),
        expected=value_text(round(now.expected, 1), kr.unit, lang),
        status=status_text(now.status, lang),
    )
    blocks: list[Block] = [Section(text=(line,))]
    if now.owner is not None and now.owner.id != req.scope.member.id:
        blocks.append(Context(text=(req.t("okr.checked_in_for", owner=f"@{now.owner.name}"),)))
    return _reply(req, blocks, line)


def listing(
    req: Request, channel: Channel, period: str, standings: Sequence[ObjectiveStanding]
) -> Reply:
    lang = req.scope.lang
    head = req.t("okr.list_head", channel=channel.name, period=period)
    blocks: list[Block] = [Section(text=(head,))]
    for each in standings:
        blocks.append(Section(text=objective_summary(each, lang)))
        count = len(each.key_results)
        blocks.append(Context(text=(text("okr.kr_count_n", lang, count=count),)))
    return _reply(req, blocks, head)


def _standing_blocks(now: ObjectiveStanding, lang: str) -> list[Block]:
    objective = now.objective
    blocks: list[Block] = [
        Section(text=objective_summary(now, lang)),
        Context(
            text=(
                text(
                    "okr.period_days",
                    lang,
                    first=day_text(objective.starts_on, lang),
                    last=day_text(objective.ends_on, lang),
                ),
            )
        ),
    ]
    if not now.key_results:
        blocks.append(Section(text=(text("okr.no_key_results", lang, number=objective.number),)))
    blocks += [Section(text=key_result_line(each, lang)) for each in now.key_results]
    work = work_line(now.tasks, now.runs, lang)
    if work:
        blocks.append(Context(text=(text("okr.linked_work", lang, work=work),)))
    return blocks


def shown(req: Request, now: ObjectiveStanding) -> Reply:
    blocks = _standing_blocks(now, req.scope.lang)
    summary = req.t("okr.show_summary", number=now.objective.number, title=now.objective.title)
    return _reply(req, blocks, summary)


def cadence_said(req: Request, channel: Channel, cadence: Cadence, *, changed: bool) -> Reply:
    lang = req.scope.lang
    return req.say(
        "okr.cadence_set" if changed else "okr.cadence_is",
        channel=channel.name,
        every=text(f"okr.every.{cadence.every}", lang),
        weekday=weekday_text(cadence.weekday, lang),
        at=clock_text(cadence.at, lang),
        cutoff=cadence.cutoff_hours,
    )


def draw_chart(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    """The chart of an objective for its channel: the Chart block, and the same in words for
    platforms that show no images."""
    objective = scope.session.get(Objective, int(facts["objective"]))
    if objective is None or objective.workspace_id != scope.workspace.id:
        return None
    now = standing(scope, objective)
    chart = objective_chart(
        now, history(scope, [each.key_result for each in now.key_results]), reader.lang
    )
    blocks: list[Block] = [*_standing_blocks(now, reader.lang), chart]
    return Message(summary=chart.title, blocks=tuple(blocks), tz=reader.tz, lang=reader.lang)


VIEWS: dict[str, Drawer] = {CHART: draw_chart}
