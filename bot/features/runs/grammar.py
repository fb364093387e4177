"""The words of runs: `/baton run …`, `/baton runs …`, `/baton report …`."""

from __future__ import annotations

import re

from bot.commands.grammar import CodeBlock
from bot.commands.models import Command
from bot.commands.tokens import unquote
from bot.core.errors import UserError
from bot.core.ids import looks_like_run_ref, parse_run_ref
from bot.core.okrs.refs import looks_like_key_result_ref, parse_key_result_ref
from bot.core.runs.listing import Which
from bot.features.runs import commands as m

USAGE: dict[str, str] = {
    "run": "/baton run <template> [for <subject>] [start <when>] [<role>=@user …] [<field>=…]",
    "run new": "/baton run new [template]  (a form, in Slack and Mattermost)",
    "run status": "/baton run status R-n",
    "run cancel": "/baton run cancel R-n",
    "run retro": "/baton run retro R-n <what you would change next time>",
    "run bulk": "/baton run bulk <template> [start <when>] [<role>=@user …] + a CSV code block",
    "runs": "/baton runs [active|done|late]",
    "report": "/baton report <template> [csv]",
}
_PAIR = re.compile(r"^([A-Za-z][\w\-]{0,39})=(.*)$", re.DOTALL)
_QUOTES = "\"'“”„«»‘’"


def _closed(value: str) -> bool:
    return len(value) > 1 and value[-1] in _QUOTES


def _parts(words: list[str]) -> list[str | tuple[str, str]]:
    """Words, with `key=value` ones as pairs; a quoted value may hold spaces (city="Le Mans")."""
    found: list[str | tuple[str, str]] = []
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        pair = None if isinstance(word, CodeBlock) else _PAIR.match(word)
        if pair is None:
            found.append(word)
            continue
        key, value = pair.group(1).lower().replace("-", "_"), pair.group(2)
        if value[:1] in _QUOTES:
            while not _closed(value) and i < len(words):
                value += " " + words[i]
                i += 1
        found.append((key, value.strip(_QUOTES).strip()))
    return found


def _key_result(words: list[str]) -> tuple[int | None, list[str]]:
    """`for K-5` anywhere among the options: the key result the run counts toward."""
    for i in range(len(words) - 1):
        if words[i].lower() == "for" and looks_like_key_result_ref(words[i + 1]):
            return parse_key_result_ref(words[i + 1]), words[:i] + words[i + 2 :]
    return None, words


def _options(words: list[str], usage: str) -> tuple[str, str | None, tuple[tuple[str, str], ...]]:
    """`for <subject>`, `start <when>` and `key=value` pairs, in any order."""
    parts = _parts(words)
    subject: list[str] = []
    start: list[str] = []
    pairs: list[tuple[str, str]] = []
    current: list[str] | None = None
    for part in parts:
        if isinstance(part, tuple):
            pairs.append(part)
            current = None
        elif part.lower() == "for" and not subject and current is not subject:
            current = subject
        elif part.lower() == "start" and not start and current is not start:
            current = start
        elif current is None:
            raise UserError("error.usage", usage=usage)
        else:
            current.append(part)
    if (current is subject and not subject) or (current is start and not start):
        raise UserError("error.usage", usage=usage)
    return unquote(" ".join(subject)), unquote(" ".join(start)) or None, tuple(pairs)


def _number(words: list[str], usage: str) -> int:
    if len(words) != 1:
        raise UserError("error.usage", usage=usage)
    return parse_run_ref(words[0])


def _retro(words: list[str]) -> m.RunRetro:
    usage = USAGE["run retro"]
    if len(words) < 2:
        raise UserError("error.usage", usage=usage)
    return m.RunRetro(number=parse_run_ref(words[0]), text=" ".join(words[1:])[:2000])


def _bulk(words: list[str]) -> m.RunBulk:
    usage = USAGE["run bulk"]
    if len(words) < 2 or not isinstance(words[-1], CodeBlock):
        raise UserError("run.bulk_needs_csv", usage=usage)
    subject, start, pairs = _options(words[1:-1], usage)
    if subject:
        raise UserError("run.bulk_subject")
    return m.RunBulk(template=words[0].lower(), csv=words[-1], start=start, pairs=pairs)


def run(words: list[str]) -> Command:
    """`run <template> …`, or `run new|status|cancel|retro|bulk …`; `run R-3` shows it."""
    if not words:
        raise UserError("error.usage", usage=USAGE["run"])
    head = words[0].lower()
    rest = words[1:]
    if looks_like_run_ref(head) and not rest:
        return m.RunStatus(number=parse_run_ref(head))
    if head == "new":
        if len(rest) > 1:
            raise UserError("error.usage", usage=USAGE["run new"])
        return m.RunForm(template=rest[0].lower() if rest else "")
    if head == "status":
        return m.RunStatus(number=_number(rest, USAGE["run status"]))
    if head == "cancel":
        return m.RunCancel(number=_number(rest, USAGE["run cancel"]))
    if head == "retro":
        return _retro(rest)
    if head == "bulk":
        return _bulk(rest)
    if isinstance(words[-1], CodeBlock):
        raise UserError("run.block_only_bulk")
    if len(head) > m.MAX_NAME:
        raise UserError("error.usage", usage=USAGE["run"])
    key_result, rest = _key_result(rest)
    subject, start, pairs = _options(rest, USAGE["run"])
    return m.RunStart(
        template=head, subject=subject, start=start, pairs=pairs, key_result=key_result
    )


def runs(words: list[str]) -> m.RunList:
    if not words:
        return m.RunList()
    try:
        (word,) = words
        return m.RunList(which=Which(word.lower()))
    except ValueError:
        raise UserError("error.usage", usage=USAGE["runs"]) from None


def report(words: list[str]) -> m.Report:
    if len(words) == 2 and words[1].lower() == "csv":
        return m.Report(template=words[0].lower(), csv=True)
    if len(words) != 1 or len(words[0]) > m.MAX_NAME:
        raise UserError("error.usage", usage=USAGE["report"])
    return m.Report(template=words[0].lower())
