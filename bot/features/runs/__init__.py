"""Checklist runs: started from templates (one or many at once), followed in their channel,
finished with a retrospective, reported on by cycle time."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.features.runs import bulk, forms, handlers, reports
from bot.features.runs import commands as m
from bot.features.runs.buttons import BUTTONS, READ_ONLY
from bot.features.runs.grammar import USAGE, report, run, runs
from bot.features.runs.views import VIEWS

FEATURE = Feature(
    name="runs",
    words={"run": run, "runs": runs, "report": report},
    usage=USAGE,
    handlers={
        m.RunStart: forms.start,
        m.RunForm: forms.new_run_form,
        m.RunStatus: handlers.status,
        m.RunCancel: handlers.cancel,
        m.RunRetro: handlers.retro,
        m.RunRetroForm: forms.retro_form,
        m.RunList: handlers.list_,
        m.RunItemDone: handlers.item_done,
        m.RunBulk: bulk.bulk,
        m.Report: reports.report_,
    },
    buttons=BUTTONS,
    read_only_buttons=READ_ONLY,
    forms={forms.START: forms.submit_start, forms.RETRO: forms.submit_retro},
    views=VIEWS,
    takes_block=frozenset({"run"}),
)
