"""The `/baton` grammar: a command line in, a typed command out (or a UserError saying how)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable

from bot.commands import models as m
from bot.commands.tokens import check_text, split_words
from bot.core.errors import UserError
from bot.core.ids import looks_like_task_ref, parse_task_ref

USAGE: dict[str, str] = {
    "task add": "/baton task add <title> [@assignee] [due <when>] [after T-n]",
    "task new": "/baton task new  (a form, in Slack and Mattermost)",
    "task list": "/baton task list [mine|@user|#channel|overdue|done|all]",
    "task show": "/baton task show T-n",
    "task done": "/baton task done T-n",
    "task reopen": "/baton task reopen T-n",
    "task delete": "/baton task delete T-n",
    "task assign": "/baton task assign T-n @user",
    "task due": "/baton task due T-n <when>",
    "task comment": "/baton task comment T-n <text>",
    "task block": "/baton task block T-n on T-m",
    "workload": "/baton workload [#channel]",
    "handover": "/baton handover @from to @to [until <when>]",
    "agenda": "/baton agenda add <topic> | list | clear",
    "settings tz": "/baton settings tz <Area/City>  (for example Europe/Berlin)",
    "settings lang": "/baton settings lang en|fr|de",
    "settings channel": "/baton settings channel tz <Area/City> | channel lang en|fr|de",
}

_SLACK_USER = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|([^>]*))?>$")
_HANDLE = re.compile(r"^@([\w.\-]{1,80})$")
_SLACK_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]+)(?:\|([^>]*))?>$")
_CHANNEL_NAME = re.compile(r"^[#~]([\w.\-]{1,80})$")


def user_ref(word: str) -> m.UserRef | None:
    """`<@U123|anna>`, `<@U123>` or `@anna` as a UserRef; None for any other word."""
    if match := _SLACK_USER.match(word):
        return m.UserRef(user_id=match.group(1), name=match.group(2) or None)
    if match := _HANDLE.match(word):
        return m.UserRef(name=match.group(1).lower())
    return None


def channel_ref(word: str) -> m.ChannelRef | None:
    if match := _SLACK_CHANNEL.match(word):
        return m.ChannelRef(channel_id=match.group(1), name=match.group(2) or None)
    if match := _CHANNEL_NAME.match(word):
        return m.ChannelRef(name=match.group(1).lower())
    return None


def _need_user(word: str, usage: str) -> m.UserRef:
    ref = user_ref(word)
    if ref is None:
        raise UserError("error.expected_user", given=word[:40], usage=usage)
    return ref


def _need_text(words: list[str], usage: str) -> str:
    text = " ".join(words).strip()
    if not text:
        raise UserError("error.usage", usage=usage)
    return text


def _title(text: str) -> str:
    if not text.strip():
        raise UserError("error.title_empty")
    if len(text) > m.MAX_TITLE:
        raise UserError("error.title_too_long", limit=m.MAX_TITLE, length=len(text))
    return text.strip()


# --- task add: <title> [@assignee] [due <when>] [after T-n[, T-m]] ---------------------------

_OPTION_WORDS = ("due", "after")


def _parse_options(words: list[str]) -> dict[str, object] | None:
    """Reads trailing options; None when `words` is not a well-formed run of options."""
    options: dict[str, object] = {}
    i = 0
    while i < len(words):
        word, key = words[i], words[i].lower()
        if (ref := user_ref(word)) is not None:
            if "assignee" in options:
                return None
            options["assignee"] = ref
            i += 1
        elif key in _OPTION_WORDS:
            j = i + 1
            while (
                j < len(words) and words[j].lower() not in _OPTION_WORDS and not user_ref(words[j])
            ):
                j += 1
            value = words[i + 1 : j]
            if not value or key in options:
                return None
            if key == "after":
                refs = [w.strip(",") for w in value if w.strip(",")]
                if not refs or not all(looks_like_task_ref(r) for r in refs):
                    return None
                options["after"] = tuple(parse_task_ref(r) for r in refs)
            else:
                options["due"] = " ".join(value)
            i = j
        else:
            return None
    return options


def parse_task_add(words: list[str]) -> m.TaskAdd:
    """The title is the longest leading run of words after which only options follow."""
    if not words:
        raise UserError("error.usage", usage=USAGE["task add"])
    for start in range(1, len(words) + 1):
        options = _parse_options(words[start:])
        if options is not None:
            title = _title(" ".join(words[:start]))
            return m.TaskAdd(title=title, **options)
    raise AssertionError("unreachable: an empty run of options always parses")


# --- task -------------------------------------------------------------------------------------


def _one_task(words: list[str], usage: str) -> int:
    if len(words) != 1:
        raise UserError("error.usage", usage=usage)
    return parse_task_ref(words[0])


def _task_list(words: list[str]) -> m.TaskList:
    if not words:
        return m.TaskList()
    if len(words) > 1:
        raise UserError("error.usage", usage=USAGE["task list"])
    word = words[0]
    if ref := user_ref(word):
        return m.TaskList(scope=m.ListScope.USER, user=ref)
    if channel := channel_ref(word):
        return m.TaskList(scope=m.ListScope.CHANNEL, channel=channel)
    try:
        return m.TaskList(scope=m.ListScope(word.lower()))
    except ValueError:
        raise UserError("error.usage", usage=USAGE["task list"]) from None


def _task_assign(words: list[str]) -> m.TaskAssign:
    if len(words) != 2:
        raise UserError("error.usage", usage=USAGE["task assign"])
    number = parse_task_ref(words[0])
    if words[1].lower() == "me":
        return m.TaskAssign(number=number)
    return m.TaskAssign(number=number, assignee=_need_user(words[1], USAGE["task assign"]))


def _task_due(words: list[str]) -> m.TaskDue:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task due"])
    return m.TaskDue(number=parse_task_ref(words[0]), when=" ".join(words[1:]))


def _task_comment(words: list[str]) -> m.TaskComment:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task comment"])
    text = " ".join(words[1:])
    if len(text) > m.MAX_COMMENT:
        raise UserError("error.comment_too_long", limit=m.MAX_COMMENT)
    return m.TaskComment(number=parse_task_ref(words[0]), text=text)


def _task_block(words: list[str]) -> m.TaskBlock:
    if len(words) != 3 or words[1].lower() != "on":
        raise UserError("error.usage", usage=USAGE["task block"])
    return m.TaskBlock(number=parse_task_ref(words[0]), blocker=parse_task_ref(words[2]))


_TASK: dict[str, Callable[[list[str]], m.Command]] = {
    "add": parse_task_add,
    "new": lambda w: parse_task_add(w) if w else m.TaskAddForm(),
    "list": _task_list,
    "show": lambda w: m.TaskShow(number=_one_task(w, USAGE["task show"])),
    "done": lambda w: m.TaskDone(number=_one_task(w, USAGE["task done"])),
    "reopen": lambda w: m.TaskReopen(number=_one_task(w, USAGE["task reopen"])),
    "delete": lambda w: m.TaskDelete(number=_one_task(w, USAGE["task delete"])),
    "assign": _task_assign,
    "due": _task_due,
    "comment": _task_comment,
    "block": _task_block,
}
_TASK_ALIASES = {"ls": "list", "complete": "done", "close": "done", "rm": "delete", "create": "add"}


def _task(words: list[str]) -> m.Command:
    if not words:
        return m.Help(topic="task")
    if looks_like_task_ref(words[0]) and len(words) == 1:
        return m.TaskShow(number=parse_task_ref(words[0]))
    sub = words[0].lower()
    sub = _TASK_ALIASES.get(sub, sub)
    parser = _TASK.get(sub)
    if parser is None:
        raise _unknown(f"task {words[0]}", [f"task {name}" for name in _TASK])
    return parser(words[1:])


# --- the rest ---------------------------------------------------------------------------------


def _workload(words: list[str]) -> m.Workload:
    if not words:
        return m.Workload()
    channel = channel_ref(words[0]) if len(words) == 1 else None
    if channel is None:
        raise UserError("error.usage", usage=USAGE["workload"])
    return m.Workload(channel=channel)


def _handover(words: list[str]) -> m.HandoverCmd:
    usage = USAGE["handover"]
    if len(words) < 3 or words[1].lower() != "to":
        raise UserError("error.usage", usage=usage)
    until = None
    if len(words) > 3:
        if words[3].lower() != "until" or len(words) == 4:
            raise UserError("error.usage", usage=usage)
        until = " ".join(words[4:])
    return m.HandoverCmd(
        from_user=_need_user(words[0], usage), to_user=_need_user(words[2], usage), until=until
    )


def _agenda(words: list[str]) -> m.Command:
    sub = words[0].lower() if words else "list"
    if sub == "add":
        return m.AgendaAdd(topic=_title(_need_text(words[1:], USAGE["agenda"])))
    if sub == "list" and len(words) <= 1:
        return m.AgendaList()
    if sub == "clear" and len(words) <= 1:
        return m.AgendaClear()
    raise _unknown(f"agenda {sub}", ["agenda add", "agenda list", "agenda clear"])


def _settings(words: list[str]) -> m.Command:
    if not words:
        return m.SettingsShow()
    sub = words[0].lower()
    if sub == "channel":
        return _channel_settings(words[1:])
    if sub == "tz" and len(words) == 2:
        return m.SettingsTz(tz=words[1])
    if sub == "lang" and len(words) == 2 and words[1].lower() in ("en", "fr", "de"):
        return m.SettingsLang(lang=words[1].lower())
    if sub in ("tz", "lang"):
        raise UserError("error.usage", usage=USAGE[f"settings {sub}"])
    raise _unknown(f"settings {sub}", ["settings tz", "settings lang", "settings channel"])


def _channel_settings(words: list[str]) -> m.Command:
    sub = words[0].lower() if words else ""
    if sub == "tz" and len(words) == 2:
        return m.ChannelSettingsTz(tz=words[1])
    if sub == "lang" and len(words) == 2 and words[1].lower() in ("en", "fr", "de"):
        return m.ChannelSettingsLang(lang=words[1].lower())
    raise UserError("error.usage", usage=USAGE["settings channel"])


_TOP: dict[str, Callable[[list[str]], m.Command]] = {
    "help": lambda w: m.Help(topic=" ".join(w).lower()),
    "task": _task,
    "tasks": _task_list,
    "workload": _workload,
    "handover": _handover,
    "agenda": _agenda,
    "settings": _settings,
}


def _unknown(given: str, known: list[str]) -> UserError:
    close = difflib.get_close_matches(given.lower(), known, n=1, cutoff=0.6)
    if close:
        return UserError("error.unknown_command_suggest", given=given[:40], suggestion=close[0])
    return UserError("error.unknown_command", given=given[:40])


def parse(text: str) -> m.Command:
    """Parses the text after `/baton`; raises UserError with guidance for anything malformed."""
    words = split_words(check_text(text))
    if not words:
        return m.Help()
    head = words[0].lower()
    parser = _TOP.get(head)
    if parser is None:
        raise _unknown(head, list(_TOP))
    return parser(words[1:])
