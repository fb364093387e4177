"""The words of reminders: `/baton remind …`, `/baton reminders [#channel]`, and buttons."""

from __future__ import annotations

from bot.commands.grammar import ButtonParser
from bot.commands.models import Command
from bot.commands.words import channel_ref, user_ref
from bot.core.errors import UserError
from bot.core.snooze import CHOICES
from bot.features.reminders import commands as m

USAGE = {
    "remind": "/baton remind me|@user|#channel [to|about] <what> <when>",
    "reminders": "/baton reminders [#channel]",
}
_MAX_ID = 10**15


def remind(words: list[str]) -> m.Remind:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["remind"])
    who, rest = words[0], " ".join(words[1:])
    if who.lower() in ("me", "myself"):
        return m.Remind(rest=rest)
    if user := user_ref(who):
        return m.Remind(user=user, rest=rest)
    if channel := channel_ref(who):
        return m.Remind(channel=channel, rest=rest)
    raise UserError("error.remind_whom", given=who[:40], usage=USAGE["remind"])


def reminders(words: list[str]) -> m.RemindersList:
    if not words:
        return m.RemindersList()
    channel = channel_ref(words[0]) if len(words) == 1 else None
    if channel is None:
        raise UserError("error.usage", usage=USAGE["reminders"])
    return m.RemindersList(channel=channel)


def _numbers(value: str, parts: int) -> list[int]:
    pieces = value.split(":")
    if len(value) > 40 or len(pieces) < parts:
        raise UserError("error.bad_button")
    numbers = pieces[:parts]
    if not all(p.isascii() and p.isdigit() and 0 <= int(p) < _MAX_ID for p in numbers):
        raise UserError("error.bad_button")
    return [int(p) for p in numbers]


def complete(value: str) -> Command:
    reminder, occurrence = _numbers(value, 2)
    return m.ReminderComplete(reminder=reminder, occurrence=occurrence)


def snooze_for(choice: str) -> ButtonParser:
    """The parser of one Snooze button: Slack wants each button of a row to have its own
    action id, so the choice is in the id and the value names the reminder."""

    def snooze(value: str) -> Command:
        reminder, occurrence = _numbers(value, 2)
        return m.ReminderSnooze(reminder=reminder, occurrence=occurrence, choice=choice)

    return snooze


def delete(value: str) -> Command:
    return m.ReminderDelete(reminder=_numbers(value, 1)[0])


BUTTONS: dict[str, ButtonParser] = {
    m.Action.COMPLETE: complete,
    m.Action.DELETE: delete,
    **{f"{m.Action.SNOOZE}.{choice}": snooze_for(choice) for choice in CHOICES},
}
