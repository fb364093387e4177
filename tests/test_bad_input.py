"""Bad input gets a short reply saying how to do it right, and nothing is half written."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import Baton
from bot.commands.invocation import ButtonPress, Invocation, Reply
from bot.core.catalog import text
from bot.views.tasks import Action
from storage.models import Task, TaskDependency
from tests.support.chat import Chat
from tests.support.queries import count

INTERNAL_ERROR = text("error.internal")
# Each example runs a real transaction on the test's database: fixtures are per test, on purpose.
# How many examples, and whether they are drawn at random, is the profile's (tests/conftest.py).
FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every press in the button fuzz comes from a message of its own: a press repeated on one
# message is a duplicate delivery, which gets no reply on purpose.
_MESSAGES = itertools.count()


def says_something(reply: Reply) -> bool:
    """Whether the person sees an answer: a form, or a message with words in it."""
    if reply.form is not None:
        return True
    return reply.message is not None and bool(reply.message.summary.strip())


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        ("/baton task add", "Usage: `/baton task add <title>"),
        ('/baton task add ""', "A task needs a title"),
        ("/baton task add " + "x" * 501, "the limit is 500"),
        ("/baton task add Book the booth due someday maybe", "couldn't read"),
        ("/baton task add Book the booth due 2020-01-01", "is in the past"),
        ("/baton task add Book the booth @nobody", "I can't find `@nobody`"),
        ("/baton task add Book the booth @ghost", "I can't find `@ghost`"),
        ("/baton task add Book the booth after T-42", "There is no task T-42 here"),
        ("/baton task add @carl", "A task needs a title"),
        ("/baton task add Anruf @anna @carl", "A task has one owner: @anna or @carl?"),
        ("/baton task add Book\x07 the booth", "control characters"),
        ("/baton task add " + "word " * 1000, "too long"),
        ("/baton task show T-7", "There is no task T-7 here"),
        ("/baton task show 7", "Task ids look like `T-12`"),
        ("/baton task due T-1", "Usage: `/baton task due T-n <when>|none`"),
        ("/baton task comment T-1", "Usage: `/baton task comment T-n <text>`"),
        ("/baton tasks everything", "Usage: `/baton task list"),
        ("/baton tsak list", "Did you mean `/baton task`?"),
    ],
)
def test_each_mistake_gets_advice(chat: Chat, baton: Baton, command: str, advice: str) -> None:
    reply = chat.say(command)
    assert advice in reply
    assert "(only you)" in reply
    assert count(baton, Task) == 0


def test_nothing_half_written_when_a_later_step_fails(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Vehicle received")
    failed = chat.say("/baton task add Papers to the agent after T-1, T-9")
    assert "There is no task T-9 here" in failed
    assert count(baton, Task) == 1
    assert count(baton, TaskDependency) == 0
    assert "T-2 Papers to the agent" in chat.say("/baton task add Papers to the agent")


def test_ids_of_another_workspace_do_not_exist_here(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Secret plan of team one")
    chat.team = "T2"
    assert "There is no task T-1 here" in chat.say("/baton task done T-1")
    assert "There is no task T-1 here" in chat.say("/baton task show T-1")
    assert "No open tasks here" in chat.say("/baton task list all")
    assert "T-1 Our own task" in chat.say("/baton task add Our own task")
    chat.team = "T1"
    assert "Status: Open" in chat.say("/baton task show T-1")
    assert "Secret plan" in chat.say("/baton task show T-1")


@pytest.mark.parametrize(
    ("action", "value"),
    [
        (Action.COMPLETE, "abc"),
        (Action.COMPLETE, "0"),
        (Action.COMPLETE, "-3"),
        (Action.COMPLETE, "99999999999999"),
        (Action.SNOOZE, "1" * 50),
        (Action.CREATE_ANYWAY, "{not json"),
        (Action.CREATE_ANYWAY, '{"title": ""}'),
        (Action.CREATE_ANYWAY, '{"title": "x\\u0000y"}'),
        ("task.unknown", "1"),
    ],
)
def test_tampered_buttons_get_a_reply(chat: Chat, baton: Baton, action: str, value: str) -> None:
    press = ButtonPress(action=action, value=value, message_ref="m1")
    reply = chat.run(Invocation(actor=chat.actor("bob", "general"), press=press))
    assert "That button is no longer valid" in reply or "control characters" in reply
    assert count(baton, Task) == 0


def test_button_for_a_deleted_task(chat: Chat) -> None:
    chat.say("/baton task add Book the booth")
    card = chat.last_with_buttons()
    complete = card.message.buttons[0]
    assert "Status: Deleted" in chat.say("/baton task delete T-1 confirm")
    press = ButtonPress(action=complete.action, value=complete.value, message_ref="elsewhere")
    reply = chat.run(Invocation(actor=chat.actor("bob", "general"), press=press))
    assert "T-1 was deleted by @bob" in reply


@FUZZ
@given(
    line=st.one_of(
        st.text(max_size=300),
        st.lists(
            st.sampled_from(
                [
                    "task",
                    "add",
                    "list",
                    "done",
                    "T-1",
                    "T-0",
                    "@anna",
                    "@x",
                    "due",
                    "after",
                    "friday",
                    "on",
                    "block",
                    "handover",
                    "to",
                    "until",
                    '"',
                    "'",
                    "“",
                    "#fair",
                    "<@U1>",
                    "agenda",
                    "settings",
                    "tz",
                    "lang",
                    "workload",
                    "help",
                    "comment",
                ]
            ),
            max_size=12,
        ).map(" ".join),
    )
)
@example(line='help " "')  # raised IndexError in the help handler
@example(line="task add list")  # the first task of a channel: answered by its card alone
def test_any_text_gets_a_reply_never_an_error(chat: Chat, line: str) -> None:
    chat.baton.db.outbox_queued.clear()
    reply = chat.baton.dispatcher.dispatch(
        Invocation(actor=chat.actor("bob", "general"), text=line)
    )
    # A task added in a channel is answered by its card there, through the outbox.
    assert says_something(reply) or chat.baton.db.outbox_queued.is_set(), reply
    assert reply.message is None or reply.message.summary != INTERNAL_ERROR


@FUZZ
@given(
    action=st.one_of(
        st.sampled_from([a for a in vars(Action).values() if isinstance(a, str) and "." in a]),
        st.text(max_size=40),
    ),
    value=st.one_of(st.text(max_size=200), st.integers(-5, 10**12).map(str)),
)
def test_any_button_gets_a_reply_never_an_error(chat: Chat, action: str, value: str) -> None:
    press = ButtonPress(action=action, value=value, message_ref=f"m{next(_MESSAGES)}")
    reply = chat.baton.dispatcher.dispatch(
        Invocation(actor=chat.actor("bob", "general"), press=press)
    )
    assert says_something(reply), reply
    assert reply.message is None or reply.message.summary != INTERNAL_ERROR
