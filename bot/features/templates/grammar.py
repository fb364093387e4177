"""The words of templates: `/baton template list|show|import|export|clone`."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.grammar import CodeBlock
from bot.commands.models import Command
from bot.commands.words import unknown
from bot.core.errors import UserError
from bot.features.templates import commands as m

USAGE: dict[str, str] = {
    "template list": "/baton template list",
    "template show": "/baton template show <name>",
    "template import": "/baton template import <shipped name>, or followed by YAML in a code block",
    "template export": "/baton template export <name>",
    "template clone": "/baton template clone <name> as <new name>",
}


def _name(words: list[str], usage: str) -> str:
    if len(words) != 1 or isinstance(words[0], CodeBlock) or len(words[0]) > m.MAX_NAME:
        raise UserError("error.usage", usage=usage)
    return words[0].lower()


def _import(words: list[str]) -> m.TemplateImport:
    if words and isinstance(words[-1], CodeBlock):
        if len(words) > 1:
            raise UserError("error.usage", usage=USAGE["template import"])
        return m.TemplateImport(source=words[-1])
    return m.TemplateImport(shipped=_name(words, USAGE["template import"]))


def _clone(words: list[str]) -> m.TemplateClone:
    usage = USAGE["template clone"]
    if len(words) != 3 or words[1].lower() != "as" or any(isinstance(w, CodeBlock) for w in words):
        raise UserError("error.usage", usage=usage)
    return m.TemplateClone(name=_name(words[:1], usage), new_name=_name(words[2:], usage))


def _list(words: list[str]) -> m.TemplateList:
    if words:
        raise UserError("error.usage", usage=USAGE["template list"])
    return m.TemplateList()


_TEMPLATE: dict[str, Callable[[list[str]], Command]] = {
    "list": _list,
    "show": lambda w: m.TemplateShow(name=_name(w, USAGE["template show"])),
    "import": _import,
    "export": lambda w: m.TemplateExport(name=_name(w, USAGE["template export"])),
    "clone": _clone,
}


def template(words: list[str]) -> Command:
    """`template <sub> …`; a bare `template` lists them."""
    if not words:
        return m.TemplateList()
    sub = words[0].lower()
    parser = _TEMPLATE.get(sub)
    if parser is None:
        raise unknown(f"template {words[0][:40]}", [f"template {name}" for name in _TEMPLATE])
    return parser(words[1:])
