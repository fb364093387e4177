"""OKR check-in rounds: each owner asked on the channel's cadence in their own zone, nudged
once at the cutoff, a summary to the channel after it, and the grades at the period's end."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.core.okrs.grading import GRADE_JOB
from bot.core.okrs.rounds import ASK_JOB, NUDGE_JOB, SUMMARY_JOB
from bot.features.okr_checkins import asking, form, grading, summary
from bot.views.okr_checkins import OPEN_FORM

FEATURE = Feature(
    name="okr_checkins",
    words={},
    usage={},
    handlers={form.CheckInForm: form.open_form},
    buttons={OPEN_FORM: form.pressed},
    read_only_buttons=frozenset({OPEN_FORM}),
    forms={form.FORM: form.submit},
    views={
        asking.ASK_VIEW: asking.draw_ask,
        asking.NUDGE_VIEW: asking.draw_nudge,
        summary.SUMMARY_VIEW: summary.draw_summary,
        grading.GRADING_VIEW: grading.draw_grading,
    },
    jobs={
        ASK_JOB: asking.ask_owner,
        NUDGE_JOB: asking.nudge_owner,
        SUMMARY_JOB: summary.send_summary,
        GRADE_JOB: grading.grade_objective,
    },
)
