"""Run buttons: each press becomes the same typed command as typed text."""

from __future__ import annotations

from bot.commands.models import Command
from bot.core.errors import UserError
from bot.features.runs import commands as m
from bot.views.runs import NEXT_SHOWN, RunAction

_MAX_NUMBER = 999_999_999


def _number(text: str) -> int:
    if not text.isascii() or not text.isdigit() or not 0 < int(text) <= _MAX_NUMBER:
        raise UserError("error.bad_button")
    return int(text)


def complete(value: str) -> Command:
    """`number:version` of the item's task, as the run's message showed it."""
    if len(value) > 20:
        raise UserError("error.bad_button")
    number, _, version = value.partition(":")
    if version and not (version.isascii() and version.isdigit()):
        raise UserError("error.bad_button")
    return m.RunItemDone(number=_number(number), seen_version=int(version) if version else None)


def retro_form(value: str) -> Command:
    return m.RunRetroForm(number=_number(value))


BUTTONS = {
    **{f"{RunAction.COMPLETE}.{n}": complete for n in range(1, NEXT_SHOWN + 1)},
    RunAction.RETRO_FORM: retro_form,
}
READ_ONLY = frozenset({RunAction.RETRO_FORM})
