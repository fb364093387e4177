"""Reminders with Slack's /remind grammar: once or recurring, to a person or a channel."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.core.reminders import JOB, preload
from bot.features.reminders import commands as m
from bot.features.reminders import handlers
from bot.features.reminders.grammar import BUTTONS, USAGE, remind, reminders
from bot.features.reminders.views import VIEW_PRELOADS, VIEWS

FEATURE = Feature(
    name="reminders",
    words={"remind": remind, "reminders": reminders},
    usage=USAGE,
    handlers={
        m.Remind: handlers.remind,
        m.RemindersList: handlers.list_,
        m.ReminderComplete: handlers.complete,
        m.ReminderSnooze: handlers.snooze,
        m.ReminderDelete: handlers.delete,
    },
    buttons=BUTTONS,
    views=VIEWS,
    view_preloads=VIEW_PRELOADS,
    jobs={JOB: handlers.go_off},
    preloads={JOB: preload},
)
