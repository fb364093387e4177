"""Button presses become the same typed commands as typed text."""

from __future__ import annotations

from pydantic import ValidationError

from bot.commands import models as m
from bot.commands.invocation import ButtonPress
from bot.commands.tokens import check_text
from bot.core.errors import UserError
from bot.views.tasks import Action

_MAX_NUMBER = 999_999_999


def _number(value: str) -> int:
    """The task number of a button value `number` or `number:version`."""
    number = value.partition(":")[0]
    if not number.isascii() or not number.isdigit() or not 0 < int(number) <= _MAX_NUMBER:
        raise UserError("error.bad_button")
    return int(number)


def _from_json(action: str, value: str) -> m.Command:
    """The command carried whole in a button's value (checked like typed text)."""
    try:
        if action == Action.CREATE_ANYWAY:
            command = m.TaskAdd.model_validate_json(value)
            texts: tuple[str, ...] = (command.title, command.due or "", command.notes)
            result: m.Command = command.model_copy(update={"force": True})
        else:
            form = m.TaskAddForm.model_validate_json(value)
            texts = (form.title, form.notes)
            result = form
    except ValidationError:
        raise UserError("error.bad_button") from None
    for text in texts:
        check_text(text)
    return result


def command_for(press: ButtonPress) -> m.Command:
    """The command a button stands for; a UserError for unknown or tampered buttons."""
    action, value = press.action, press.value
    if action in (Action.CREATE_ANYWAY, Action.NEW_TASK_FORM):
        return _from_json(action, value)
    if len(value) > 20:
        raise UserError("error.bad_button")
    if action == Action.COMPLETE:
        return m.TaskDone(number=_number(value))
    if action == Action.REOPEN:
        return m.TaskReopen(number=_number(value))
    if action == Action.SHOW:
        return m.TaskShow(number=_number(value))
    if action == Action.COMMENT:
        return m.TaskCommentForm(number=_number(value))
    if action == Action.ASSIGN_ME:
        return m.TaskAssign(number=_number(value))
    if action == Action.SNOOZE:
        return m.TaskSnooze(number=_number(value), days=1)
    raise UserError("error.bad_button")
