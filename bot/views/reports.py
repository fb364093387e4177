"""How a template's report looks: cycle times, late items, runs past their expected finish."""

from __future__ import annotations

from bot.core.catalog import text
from bot.core.formats import number
from bot.core.ids import run_ref
from bot.core.message import Block, Context, Message, Moment, Section, Strong, Text
from bot.core.runs.report import Report
from bot.views.lines import packed


def report_message(name: str, title: str, report: Report, *, lang: str, tz: str) -> Message:
    head = text("report.title", lang, name=name, title=title)
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    cycle = report.cycle
    if cycle is None:
        blocks.append(Section(text=(text("report.no_finished", lang, name=name),)))
    else:
        blocks.append(
            Section(
                text=(
                    text(
                        "report.cycle",
                        lang,
                        count=cycle.count,
                        median=number(cycle.median, lang),
                        p90=number(cycle.p90, lang),
                        shortest=number(cycle.shortest, lang),
                        longest=number(cycle.longest, lang),
                        deviation=number(cycle.deviation, lang),
                    ),
                )
            )
        )
    if report.late_items:
        lines: list[Text] = [(Strong(text=text("report.late_items", lang)),)]
        lines += [
            (
                f"• `{item.item_id}` {item.title}: ",
                text(
                    "report.late_item",
                    lang,
                    late=item.late,
                    counted=item.counted,
                    mean=number(item.mean_days, lang),
                    most=number(item.most_days, lang),
                ),
            )
            for item in report.late_items
        ]
        blocks += packed(lines)
    if report.overdue:
        lines = [(Strong(text=text("report.overdue", lang)),)]
        lines += [
            (
                f"• {run_ref(run.number)} {run.subject}: ",
                text("report.overdue_run", lang, days=number(run.days_past, lang)),
                Moment(at=run.expected_finish, with_time=False),
                ")",
            )
            for run in report.overdue
        ]
        blocks += packed(lines)
    blocks.append(Context(text=(text("report.footer", lang, name=name, active=report.active),)))
    return Message(summary=head, blocks=tuple(blocks), tz=tz)
