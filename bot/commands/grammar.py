"""The `/baton` grammar: a command line in, a typed command out (or a UserError saying how).

The first word picks the feature's parser (`task`, `agenda`, …); the features declare them.
A feature may also take a code block after its command line (a template in YAML, runs in
CSV): its parser then gets the block, as typed, as its last word (a `CodeBlock`).
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

FENCE = "```"
MAX_WITH_BLOCK = 250_000
"""Characters of a command line with a code block: a template of 500 items, 2,000 CSV rows."""


_LANGUAGES = frozenset({"", "yaml", "yml", "csv", "text", "txt"})


class CodeBlock(str):
    """The text of the code block that followed a command line, as typed."""

    __slots__ = ()


def parse(
    text: str, parsers: Mapping[str, Parser], takes_block: frozenset[str] = frozenset()
) -> Command:
    """Parses the text after `/baton`; raises UserError with guidance for anything malformed."""
    first = text.split(None, 1)[0].lower() if text.strip() else ""
    if first in takes_block and FENCE in text:
        line, block = split_block(check_text(text, MAX_WITH_BLOCK))
        words: list[str] = [*split_words(line), CodeBlock(block)]
    else:
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


def split_block(text: str) -> tuple[str, str]:
    """The command line before a code block, and the block's text (without its fences and
    the language word after the opening one: ```yaml)."""
    line, _, rest = text.partition(FENCE)
    body, closed, after = rest.rpartition(FENCE)
    if not closed:
        raise UserError("error.code_block_open")
    if after.strip():
        raise UserError("error.after_code_block")
    first, newline, others = body.partition("\n")
    if newline and first.strip().lower() in _LANGUAGES:
        body = others  # ```yaml on its own line: the word names the language
    return line, body
