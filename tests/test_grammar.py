"""The command grammar, without a database."""

from __future__ import annotations

import pytest

from bot.commands import models as m
from bot.commands.grammar import parse
from bot.core.catalog import text
from bot.core.errors import UserError


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
            "task add Ask @anna about the booth <@U42|bob> after T-3, T-4",
            m.TaskAdd(
                title="Ask @anna about the booth",
                assignee=m.UserRef(user_id="U42", name="bob"),
                after=(3, 4),
            ),
        ),
        ('task add "Due diligence" due tomorrow', m.TaskAdd(title="Due diligence", due="tomorrow")),
        ("task add Prepare Anna's laptop", m.TaskAdd(title="Prepare Anna's laptop")),
        ("task list", m.TaskList()),
        ("task list overdue", m.TaskList(scope=m.ListScope.OVERDUE)),
        ("task list @anna", m.TaskList(scope=m.ListScope.USER, user=m.UserRef(name="anna"))),
        (
            "task list #launch",
            m.TaskList(scope=m.ListScope.CHANNEL, channel=m.ChannelRef(name="launch")),
        ),
        (
            "task list <#C0FAIR|fair>",
            m.TaskList(
                scope=m.ListScope.CHANNEL, channel=m.ChannelRef(channel_id="C0FAIR", name="fair")
            ),
        ),
        ("workload <#C0FAIR>", m.Workload(channel=m.ChannelRef(channel_id="C0FAIR"))),
        ("task list <@U42>", m.TaskList(scope=m.ListScope.USER, user=m.UserRef(user_id="U42"))),
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
def test_parses(text: str, expected: m.Command) -> None:
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
        ('task add "Book the booth', 'A quote `"` is never closed.'),
        ("task add " + "x" * 501, "That title has 501 characters; the limit is 500."),
        ("task add \x00bad", "Your text contains control characters."),
        ("task add " + "y " * 3000, "That is too long for me (over 4000 characters)."),
        ("task done 12", "`12` is not a task id."),
        ("task done R-3", "`R-3` is not a task id."),
        ("task done T-1 T-2", "Usage: `/baton task done T-n`"),
        (
            "task list mine overdue",
            "Usage: `/baton task list [mine|@user|#channel|overdue|done|all]`",
        ),
        (
            "task list everything",
            "Usage: `/baton task list [mine|@user|#channel|overdue|done|all]`",
        ),
        ("task assign T-4", "Usage: `/baton task assign T-n @user`"),
        (
            "task assign T-4 anna",
            "`anna` is not a person. Mention someone like `@anna`. "
            "Usage: `/baton task assign T-n @user`",
        ),
        ("task due T-4", "Usage: `/baton task due T-n <when>`"),
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
        ("agenda add", "Usage: `/baton agenda add <topic> | list | clear`"),
        ("agenda lst", "I don't know `agenda lst`. Did you mean `/baton agenda list`?"),
        ("settings tz", "Usage: `/baton settings tz <Area/City>  (for example Europe/Berlin)`"),
        ("settings lang es", "Usage: `/baton settings lang en|fr|de`"),
        ("settings lang", "Usage: `/baton settings lang en|fr|de`"),
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
