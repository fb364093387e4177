"""How a template's report looks: cycle times, late items, runs past their expected finish."""

from __future__ import annotations

from bot.core.catalog import text
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
                        median=f"{cycle.median:.1f}",
                        p90=f"{cycle.p90:.1f}",
                        shortest=f"{cycle.shortest:.1f}",
                        longest=f"{cycle.longest:.1f}",
                        deviation=f"{cycle.deviation:.1f}",
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
                    mean=f"{item.mean_days:.1f}",
                    most=f"{item.most_days:.1f}",
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
                text("report.overdue_run", lang, days=f"{run.days_past:.1f}"),
                Moment(at=run.expected_finish, with_time=False),
                ")",
            )
            for run in report.overdue
        ]
        blocks += packed(lines)
    blocks.append(Context(text=(text("report.footer", lang, name=name, active=report.active),)))
    return Message(summary=head, blocks=tuple(blocks), tz=tz)
