"""What people ask of reminders, typed."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from bot.commands.models import ChannelRef, Command, UserRef


class Action(StrEnum):
    """Action ids of reminder buttons."""

    COMPLETE = "reminder.complete"
    SNOOZE = "reminder.snooze"
    DELETE = "reminder.delete"


class Remind(Command):
    """`remind me|@user|#channel <what> <when>`: `user` and `channel` unset mean me."""

    user: UserRef | None = None
    channel: ChannelRef | None = None
    rest: str = Field(min_length=1, max_length=1000)


class RemindersList(Command):
    channel: ChannelRef | None = None


class ReminderComplete(Command):
    reminder: int
    occurrence: int = 0


class ReminderSnooze(Command):
    reminder: int
    occurrence: int = 0
    choice: str


class ReminderDelete(Command):
    reminder: int
