"""OKRs: objectives per channel and period, key results with their check-ins, and charts."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.features.okrs import commands as m
from bot.features.okrs import handlers
from bot.features.okrs.grammar import USAGE, okr
from bot.features.okrs.views import VIEWS

FEATURE = Feature(
    name="okrs",
    words={"okr": okr, "okrs": lambda words: okr(["list", *words])},
    usage=USAGE,
    handlers={
        m.OkrAddObjective: handlers.new_objective,
        m.OkrAddKeyResult: handlers.new_key_result,
        m.OkrCheckin: handlers.checkin,
        m.OkrOwner: handlers.new_owner,
        m.OkrList: handlers.list_,
        m.OkrShow: handlers.show,
        m.OkrChart: handlers.chart,
        m.OkrCadenceSet: handlers.cadence,
    },
    views=VIEWS,
)
