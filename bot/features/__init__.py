"""Every feature Baton has, registered in one place: remove a line and the feature is gone
from the grammar, help, buttons, forms, views and scheduled jobs."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.features import (
    agenda,
    digests,
    help,
    nudges,
    okr_checkins,
    okrs,
    people,
    reminders,
    runs,
    settings,
    tasks,
    templates,
)

FEATURES: tuple[Feature, ...] = (
    help.FEATURE,
    tasks.FEATURE,
    people.FEATURE,
    agenda.FEATURE,
    reminders.FEATURE,
    nudges.FEATURE,
    digests.FEATURE,
    settings.FEATURE,
    templates.FEATURE,
    runs.FEATURE,
    okrs.FEATURE,
    okr_checkins.FEATURE,
)
