"""`/baton report <template> [csv]`: is "about two weeks" holding?"""

from __future__ import annotations

from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.message import Block, Message, Section
from bot.core.runs.report import report, report_csv
from bot.core.templates import store
from bot.features.runs import commands as m
from bot.views.lines import code_blocks
from bot.views.reports import report_message

CSV_LINES_IN_CHAT = 60
"""A chat message holds a few thousand characters: more goes through `baton report --csv`."""


def report_(req: Request, cmd: m.Report) -> Reply:
    scope = req.scope
    template = store.find(scope, cmd.template)
    title = store.latest(scope, template).title
    if not cmd.csv:
        found = report(scope, template)
        return Reply(
            message=report_message(template.name, title, found, lang=scope.lang, tz=req.tz)
        )
    lines = report_csv(scope, template).splitlines()
    head = req.t("report.csv", name=template.name, rows=len(lines) - 1)
    blocks: list[Block] = [
        Section(text=(head,)),
        *code_blocks("\n".join(lines[:CSV_LINES_IN_CHAT])),
    ]
    if len(lines) > CSV_LINES_IN_CHAT:
        more = req.t("report.csv_more", more=len(lines) - CSV_LINES_IN_CHAT, name=template.name)
        blocks.append(Section(text=(more,)))
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))
