"""Task buttons: each press becomes the same typed command as typed text.

Values are `number:version`: the version is the task's when the card was drawn, so a press on
a card older than the task is recognised (see `handlers.current_or_stale`).
"""

from __future__ import annotations

from pydantic import ValidationError

from bot.commands.models import Command
from bot.commands.tokens import check_text
from bot.core.errors import UserError
from bot.features.tasks import commands as m
from bot.views.tasks import Action

_MAX_NUMBER = 999_999_999


def _number_and_version(value: str) -> tuple[int, int | None]:
    """The task number and card version of a button value `number` or `number:version`."""
    if len(value) > 20:
        raise UserError("error.bad_button")
    number, _, version = value.partition(":")
    if not number.isascii() or not number.isdigit() or not 0 < int(number) <= _MAX_NUMBER:
        raise UserError("error.bad_button")
    if version and not (version.isascii() and version.isdigit()):
        raise UserError("error.bad_button")
    return int(number), int(version) if version else None


def _number(value: str) -> int:
    return _number_and_version(value)[0]


def create_anyway(value: str) -> Command:
    """The new task carried whole in the value, created despite a similar one."""
    try:
        command = m.TaskAdd.model_validate_json(value)
    except ValidationError:
        raise UserError("error.bad_button") from None
    for text in (command.title, command.due or "", command.notes):
        check_text(text)
    return command.model_copy(update={"force": True})


def new_task_form(value: str) -> Command:
    """The new-task form, filled in from the value (a message shortcut)."""
    try:
        form = m.TaskAddForm.model_validate_json(value)
    except ValidationError:
        raise UserError("error.bad_button") from None
    for text in (form.title, form.notes):
        check_text(text)
    return form


def complete(value: str) -> Command:
    number, version = _number_and_version(value)
    return m.TaskDone(number=number, seen_version=version)


def assign_me(value: str) -> Command:
    number, version = _number_and_version(value)
    return m.TaskAssign(number=number, seen_version=version)


def snooze(value: str) -> Command:
    number, version = _number_and_version(value)
    return m.TaskSnooze(number=number, days=1, seen_version=version)


def delete(value: str) -> Command:
    return m.TaskDelete(number=_number(value), confirmed=True)


BUTTONS = {
    Action.DELETE: delete,
    Action.KEEP: lambda value: m.TaskKeep(number=_number(value)),
    Action.COMPLETE: complete,
    Action.REOPEN: lambda value: m.TaskReopen(number=_number(value)),
    Action.SHOW: lambda value: m.TaskShow(number=_number(value)),
    Action.COMMENT: lambda value: m.TaskCommentForm(number=_number(value)),
    Action.EDIT: lambda value: m.TaskEditForm(number=_number(value)),
    Action.ASSIGN_ME: assign_me,
    Action.SNOOZE: snooze,
    Action.CREATE_ANYWAY: create_anyway,
    Action.NEW_TASK_FORM: new_task_form,
}
READ_ONLY = frozenset({Action.SHOW, Action.COMMENT, Action.EDIT, Action.NEW_TASK_FORM, Action.KEEP})
"""Buttons that change nothing (they show or open a form), so pressing them twice is fine."""
