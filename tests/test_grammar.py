"""The command grammar, without a database."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.commands import models
from bot.commands.feature import Registry
from bot.core.errors import UserError
from bot.features import FEATURES, agenda, people, settings
from bot.features.tasks import commands

parse = Registry(FEATURES).parse
# Every feature's commands under one name, as the grammar sees them.
m = SimpleNamespace(
    **{**vars(models), **vars(commands), **vars(agenda), **vars(people), **vars(settings)}
)


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


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("tsk add x", "error.unknown_command_suggest"),
        ("task ad x", "error.unknown_command_suggest"),
        ("frobnicate", "error.unknown_command"),
        ("task add", "error.usage"),
        ("task add @carl", "error.title_empty"),
        ("task add @carl due friday", "error.title_empty"),
        ("task add Anruf @anna @carl", "error.two_assignees"),
        ("task add " + "x" * 501, "error.title_too_long"),
        ("task add \x00bad", "error.control_chars"),
        ("task add " + "y " * 3000, "error.too_long"),
        ("task done 12", "error.bad_task_id"),
        ("task done R-3", "error.bad_task_id"),
        ("task block T-4 T-3", "error.usage"),
        ("task assign T-4 anna", "error.expected_user"),
        ("handover @anna @carl", "error.usage"),
        ("settings lang es", "error.usage"),
    ],
)
def test_rejects_with_guidance(text: str, key: str) -> None:
    with pytest.raises(UserError) as caught:
        parse(text)
    assert caught.value.key == key


def test_suggestion_names_the_close_command() -> None:
    with pytest.raises(UserError) as caught:
        parse("task lst")
    assert caught.value.params["suggestion"] == "task list"
