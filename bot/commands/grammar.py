"""The `/baton` grammar: a command line in, a typed command out (or a UserError saying how).

The first word picks the feature's parser (`task`, `agenda`, …); the features declare them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from bot.commands.invocation import ButtonPress
from bot.commands.models import Command, Help
from bot.commands.tokens import check_text, split_words
from bot.commands.words import unknown
from bot.core.errors import UserError

Parser = Callable[[list[str]], Command]
ButtonParser = Callable[[str], Command]


def parse(text: str, parsers: Mapping[str, Parser]) -> Command:
    """Parses the text after `/baton`; raises UserError with guidance for anything malformed."""
    words = split_words(check_text(text))
    if not words:
        return Help()
    head = words[0].lower()
    parser = parsers.get(head)
    if parser is None:
        raise unknown(head, list(parsers))
    return parser(words[1:])


def pressed(press: ButtonPress, buttons: Mapping[str, ButtonParser]) -> Command:
    """The command a button stands for; a UserError for unknown or tampered buttons."""
    parser = buttons.get(press.action)
    if parser is None:
        raise UserError("error.bad_button")
    return parser(press.value)
