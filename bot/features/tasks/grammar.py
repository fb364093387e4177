"""The words of tasks: `/baton task add|list|show|done|…`."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.models import MAX_COMMENT, MAX_NOTES, Command, Help, UserRef
from bot.commands.tokens import unquote
from bot.commands.words import channel_ref, need_user, title, unknown, user_ref
from bot.core.errors import UserError
from bot.core.ids import looks_like_task_ref, parse_task_ref
from bot.core.okrs.refs import looks_like_key_result_ref, parse_key_result_ref
from bot.features.tasks import commands as m

USAGE: dict[str, str] = {
    "task add": "/baton task add <title> [@assignee] [due <when>] [after T-n]",
    "task new": "/baton task new  (a form, in Slack and Mattermost)",
    "task list": "/baton task list [mine|@user|#channel|overdue|done|all] [page N]",
    "task show": "/baton task show T-n [history]",
    "task done": "/baton task done T-n",
    "task reopen": "/baton task reopen T-n",
    "task delete": "/baton task delete T-n [confirm]",
    "task restore": "/baton task restore T-n",
    "task assign": "/baton task assign T-n @user|me|nobody",
    "task due": "/baton task due T-n <when>|none",
    "task rename": "/baton task rename T-n <title>",
    "task notes": "/baton task notes T-n <text>|none",
    "task edit": "/baton task edit T-n  (a form, in Slack and Mattermost)",
    "task comment": "/baton task comment T-n <text>",
    "task block": "/baton task block T-n on T-m",
    "task unblock": "/baton task unblock T-n [from T-m]",
}


# --- task add: <title> [@assignee] [due <when>] [after T-n[, T-m]] [for K-n] ----------------

_OPTION_WORDS = ("due", "after", "for")


def _parse_options(words: list[str]) -> dict[str, object] | None:
    """Reads trailing options; None when `words` is not a well-formed run of options.

    `after` may come more than once (the waits add up); a second person is not an option.
    """
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
            if not value or (key in ("due", "for") and key in options):
                return None
            if key == "for":  # `for K-5`; `for Lyon` stays in the title
                if len(value) != 1 or not looks_like_key_result_ref(value[0]):
                    return None
                options["key_result"] = parse_key_result_ref(value[0])
            elif key == "after":
                refs = [w.strip(",") for w in value if w.strip(",")]
                if not refs or not all(looks_like_task_ref(r) for r in refs):
                    return None
                waits = options.get("after", ())
                assert isinstance(waits, tuple)
                options["after"] = waits + tuple(parse_task_ref(r) for r in refs)
            else:
                options["due"] = unquote(" ".join(value))
            i = j
        else:
            return None
    return options


def parse_task_add(words: list[str]) -> m.TaskAdd:
    """The title is the longest leading run of words after which only options follow.

    A title is more than mentions; two people right before the options are two owners, and a
    task has one.
    """
    if not words:
        raise UserError("error.usage", usage=USAGE["task add"])
    for start in range(1, len(words) + 1):
        options = _parse_options(words[start:])
        if options is None:
            continue
        head = words[:start]
        if all(user_ref(w) for w in head):
            raise UserError("error.title_empty")
        owner = options.get("assignee")
        other = user_ref(head[-1])
        if isinstance(owner, UserRef) and other is not None:
            raise UserError("error.two_assignees", first=f"@{other.name}", second=f"@{owner.name}")
        return m.TaskAdd(title=title(unquote(" ".join(head))), **options)
    raise AssertionError("unreachable: an empty run of options always parses")


# --- task -------------------------------------------------------------------------------------


def _one_task(words: list[str], usage: str) -> int:
    if len(words) != 1:
        raise UserError("error.usage", usage=usage)
    return parse_task_ref(words[0])


def task_list(words: list[str]) -> m.TaskList:
    page = 1
    if len(words) >= 2 and words[-2].lower() == "page":
        if not words[-1].isdigit() or not 1 <= int(words[-1]) <= 10_000:
            raise UserError("error.usage", usage=USAGE["task list"])
        page, words = int(words[-1]), words[:-2]
    if not words:
        return m.TaskList(page=page)
    if len(words) > 1:
        raise UserError("error.usage", usage=USAGE["task list"])
    word = words[0]
    if ref := user_ref(word):
        return m.TaskList(scope=m.ListScope.USER, user=ref, page=page)
    if channel := channel_ref(word):
        return m.TaskList(scope=m.ListScope.CHANNEL, channel=channel, page=page)
    try:
        return m.TaskList(scope=m.ListScope(word.lower()), page=page)
    except ValueError:
        raise UserError("error.usage", usage=USAGE["task list"]) from None


def _task_assign(words: list[str]) -> m.TaskAssign:
    if len(words) != 2:
        raise UserError("error.usage", usage=USAGE["task assign"])
    number = parse_task_ref(words[0])
    if words[1].lower() == "me":
        return m.TaskAssign(number=number)
    if words[1].lower() in _NOBODY:
        return m.TaskAssign(number=number, nobody=True)
    return m.TaskAssign(number=number, assignee=need_user(words[1], USAGE["task assign"]))


_NOBODY = ("nobody", "none", "noone", "no-one")


def _task_due(words: list[str]) -> m.TaskDue:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task due"])
    when = unquote(" ".join(words[1:]))
    return m.TaskDue(
        number=parse_task_ref(words[0]), when=None if when.lower() in _NOBODY else when
    )


def _task_rename(words: list[str]) -> m.TaskRename:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task rename"])
    return m.TaskRename(number=parse_task_ref(words[0]), title=title(unquote(" ".join(words[1:]))))


def _task_notes(words: list[str]) -> m.TaskNotes:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task notes"])
    notes = unquote(" ".join(words[1:]))
    if len(notes) > MAX_NOTES:
        raise UserError("error.notes_too_long", limit=MAX_NOTES)
    return m.TaskNotes(
        number=parse_task_ref(words[0]), notes="" if notes.lower() in _NOBODY else notes
    )


def _task_comment(words: list[str]) -> m.TaskComment:
    if len(words) < 2:
        raise UserError("error.usage", usage=USAGE["task comment"])
    text = " ".join(words[1:])
    if len(text) > MAX_COMMENT:
        raise UserError("error.comment_too_long", limit=MAX_COMMENT)
    return m.TaskComment(number=parse_task_ref(words[0]), text=text)


def _task_block(words: list[str]) -> m.TaskBlock:
    if len(words) != 3 or words[1].lower() != "on":
        raise UserError("error.usage", usage=USAGE["task block"])
    return m.TaskBlock(number=parse_task_ref(words[0]), blocker=parse_task_ref(words[2]))


def _task_unblock(words: list[str]) -> m.TaskUnblock:
    if len(words) == 1:
        return m.TaskUnblock(number=parse_task_ref(words[0]))
    if len(words) != 3 or words[1].lower() != "from":
        raise UserError("error.usage", usage=USAGE["task unblock"])
    return m.TaskUnblock(number=parse_task_ref(words[0]), blocker=parse_task_ref(words[2]))


def _task_show(words: list[str]) -> m.TaskShow:
    history = len(words) == 2 and words[1].lower() in ("history", "log")
    return m.TaskShow(
        number=_one_task(words[:1] if history else words, USAGE["task show"]), history=history
    )


def _task_delete(words: list[str]) -> m.TaskDelete:
    confirmed = len(words) == 2 and words[1].lower() in ("confirm", "confirmed", "yes")
    number = _one_task(words[:1] if confirmed else words, USAGE["task delete"])
    return m.TaskDelete(number=number, confirmed=confirmed)


_TASK: dict[str, Callable[[list[str]], Command]] = {
    "add": parse_task_add,
    "new": lambda w: parse_task_add(w) if w else m.TaskAddForm(),
    "list": task_list,
    "show": _task_show,
    "done": lambda w: m.TaskDone(number=_one_task(w, USAGE["task done"])),
    "reopen": lambda w: m.TaskReopen(number=_one_task(w, USAGE["task reopen"])),
    "delete": _task_delete,
    "restore": lambda w: m.TaskRestore(number=_one_task(w, USAGE["task restore"])),
    "assign": _task_assign,
    "due": _task_due,
    "comment": _task_comment,
    "block": _task_block,
    "unblock": _task_unblock,
    "rename": _task_rename,
    "notes": _task_notes,
    "edit": lambda w: m.TaskEditForm(number=_one_task(w, USAGE["task edit"])),
}
_TASK_ALIASES = {"ls": "list", "complete": "done", "close": "done", "rm": "delete", "create": "add"}


def task(words: list[str]) -> Command:
    """`task <sub> …`; `task T-3` shows it, and a bare `task` is help on tasks."""
    if not words:
        return Help(topic="task")
    if looks_like_task_ref(words[0]) and len(words) == 1:
        return m.TaskShow(number=parse_task_ref(words[0]))
    sub = words[0].lower()
    sub = _TASK_ALIASES.get(sub, sub)
    parser = _TASK.get(sub)
    if parser is None:
        raise unknown(f"task {words[0]}", [f"task {name}" for name in _TASK])
    return parser(words[1:])
