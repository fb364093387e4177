"""The command grammar, without a database."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.commands import models
from bot.commands.feature import Registry
from bot.core.catalog import text
from bot.core.errors import UserError
from bot.features import FEATURES, agenda, people, settings
from bot.features.tasks import commands

parse = Registry(FEATURES).parse
# Every feature's commands under one name, as the grammar sees them.
m = SimpleNamespace(
    **{**vars(models), **vars(commands), **vars(agenda), **vars(people), **vars(settings)}
)


def message(error: UserError) -> str:
    """What the person reads."""
    return text(error.key, "en", **error.params)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("task add Book the booth", m.TaskAdd(title="Book the booth")),
        (
            "task add Book the booth @anna due friday 5pm",
            m.TaskAdd(title="Book the booth", assignee=m.UserRef(name="anna"), due="friday 5pm"),
        ),
        (
            "task add Pay due invoices due friday",
            m.TaskAdd(title="Pay due invoices", due="friday"),
        ),
        (
            "task add Ask @anna about the booth @bob after T-3, T-4",
            m.TaskAdd(
                title="Ask @anna about the booth",
                assignee=m.UserRef(name="bob"),
                after=(3, 4),
            ),
        ),
        ('task add "Due diligence" due tomorrow', m.TaskAdd(title="Due diligence", due="tomorrow")),
        ("task add Prepare Anna's laptop", m.TaskAdd(title="Prepare Anna's laptop")),
        ("task add Punkt @anna.", m.TaskAdd(title="Punkt", assignee=m.UserRef(name="anna"))),
        (
            'task add Call the customer "Weber" due friday',
            m.TaskAdd(title='Call the customer "Weber"', due="friday"),
        ),
        ("task add '90s brochure reprint", m.TaskAdd(title="'90s brochure reprint")),
        ('task add "Book the booth', m.TaskAdd(title='"Book the booth')),
        ("task add „Messe“ vorbereiten", m.TaskAdd(title="„Messe“ vorbereiten")),
        (
            "task add Papers @mia after T-1 after T-2",
            m.TaskAdd(title="Papers", assignee=m.UserRef(name="mia"), after=(1, 2)),
        ),
        ("task list", m.TaskList()),
        ("task list overdue", m.TaskList(scope=m.ListScope.OVERDUE)),
        ("task list @anna", m.TaskList(scope=m.ListScope.USER, user=m.UserRef(name="anna"))),
        (
            "task list #launch",
            m.TaskList(scope=m.ListScope.CHANNEL, channel=m.ChannelRef(name="launch")),
        ),
        ("workload #fair", m.Workload(channel=m.ChannelRef(name="fair"))),
        ("task list @anna.", m.TaskList(scope=m.ListScope.USER, user=m.UserRef(name="anna"))),
        ("task show T-12", m.TaskShow(number=12)),
        ("task T-12", m.TaskShow(number=12)),
        ("task done t12", m.TaskDone(number=12)),
        ("task assign T-2 me", m.TaskAssign(number=2)),
        ("task assign T-2 @carl", m.TaskAssign(number=2, assignee=m.UserRef(name="carl"))),
        ("task due T-2 next monday 9:00", m.TaskDue(number=2, when="next monday 9:00")),
        ("task comment T-2 Looks good", m.TaskComment(number=2, text="Looks good")),
        ("task block T-4 on T-3", m.TaskBlock(number=4, blocker=3)),
        ("workload", m.Workload()),
        ("workload #launch", m.Workload(channel=m.ChannelRef(name="launch"))),
        (
            "handover @anna to @carl until 2026-12-20",
            m.HandoverCmd(
                from_user=m.UserRef(name="anna"), to_user=m.UserRef(name="carl"), until="2026-12-20"
            ),
        ),
        ("agenda add Budget for Q1", m.AgendaAdd(topic="Budget for Q1")),
        ("agenda", m.AgendaList()),
        ("agenda clear", m.AgendaClear()),
        ("settings tz Europe/Vienna", m.SettingsTz(tz="Europe/Vienna")),
        ("settings lang de", m.SettingsLang(lang="de")),
        ("", m.Help()),
        ("help task", m.Help(topic="task")),
    ],
)
def test_parses(text: str, expected: models.Command) -> None:
    assert parse(text) == expected


HANDOVER_USAGE = "Usage: `/baton handover @from to @to [until <when>]`"


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("tsk add x", "I don't know `tsk`. Did you mean `/baton task`?"),
        ("task ad x", "I don't know `task ad`. Did you mean `/baton task add`?"),
        ("frobnicate", "I don't know `frobnicate`. Try `/baton help`."),
        ("task frobnicate", "I don't know `task frobnicate`."),
        ("task add", "Usage: `/baton task add <title> [@assignee] [due <when>] [after T-n]`"),
        ("task add @carl", "A task needs a title"),
        ("task add @carl due friday", "A task needs a title"),
        ("task add Anruf @anna @carl", "A task has one owner: @anna or @carl?"),
        ("task add " + "x" * 501, "That title has 501 characters; the limit is 500."),
        ("task add \x00bad", "Your text contains control characters."),
        ("task add " + "y " * 3000, "That is too long for me (over 4000 characters)."),
        ("task done 12", "`12` is not a task id."),
        ("task done R-3", "`R-3` is not a task id."),
        ("task done T-1 T-2", "Usage: `/baton task done T-n`"),
        (
            "task list mine overdue",
            "Usage: `/baton task list [mine|@user|#channel|overdue|done|all] [page N]`",
        ),
        (
            "task list everything",
            "Usage: `/baton task list [mine|@user|#channel|overdue|done|all] [page N]`",
        ),
        ("task assign T-4", "Usage: `/baton task assign T-n @user|me|nobody`"),
        (
            "task assign T-4 anna",
            "`anna` is not a person. Mention someone like `@anna`. "
            "Usage: `/baton task assign T-n @user|me|nobody`",
        ),
        ("task due T-4", "Usage: `/baton task due T-n <when>|none`"),
        ("task comment T-4", "Usage: `/baton task comment T-n <text>`"),
        ("task block T-4 T-3", "Usage: `/baton task block T-n on T-m`"),
        ("task block T-4 on", "Usage: `/baton task block T-n on T-m`"),
        ("workload fair", "Usage: `/baton workload [#channel]`"),
        ("workload #fair #ops", "Usage: `/baton workload [#channel]`"),
        ("handover @anna @carl", HANDOVER_USAGE),
        ("handover @anna to @carl friday", HANDOVER_USAGE),
        ("handover @anna to @carl until", HANDOVER_USAGE),
        (
            "handover anna to @carl",
            f"`anna` is not a person. Mention someone like `@anna`. {HANDOVER_USAGE}",
        ),
        (
            "handover @anna to carl",
            f"`carl` is not a person. Mention someone like `@anna`. {HANDOVER_USAGE}",
        ),
        ("agenda add", "Usage: `/baton agenda add <topic> | list | remove N | post | clear`"),
        ("agenda lst", "I don't know `agenda lst`. Did you mean `/baton agenda list`?"),
        ("settings tz", "Usage: `/baton settings tz <Area/City>  (for example Europe/Berlin)`"),
        ("settings lang es", "Usage: `/baton settings lang en|fr|de|auto`"),
        ("settings lang", "Usage: `/baton settings lang en|fr|de|auto`"),
        ("settings zone", "I don't know `settings zone`. Did you mean `/baton settings tz`?"),
    ],
)
def test_rejects_with_guidance(text: str, advice: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(text)
    assert advice in message(caught.value)


def test_suggestion_names_the_close_command() -> None:
    with pytest.raises(UserError) as caught:
        parse("task lst")
    assert caught.value.params["suggestion"] == "task list"
