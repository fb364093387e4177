"""Bad OKR input gets a short reply that tells how to do it right, and nothing is saved."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from bot.app import Baton
from bot.commands.invocation import Invocation
from bot.core.catalog import text
from storage.models import Base, CheckIn, KeyResult, Objective, OkrCadence, Run, Task
from tests.support.chat import Chat
from tests.support.queries import count

INTERNAL_ERROR = text("error.internal")
OBJECTIVE = "/baton okr add objective Grow the service network"
KEY_RESULT = "/baton okr add kr O-1 Service points live from 61 to 125 @anna"


def rows(baton: Baton) -> dict[str, int]:
    models: tuple[type[Base], ...] = (Objective, KeyResult, CheckIn, OkrCadence, Task, Run)
    return {model.__name__: count(baton, model) for model in models}


@pytest.fixture
def sales(chat: Chat) -> Chat:
    chat.say(OBJECTIVE, channel="sales")
    chat.say(KEY_RESULT, channel="sales")
    return chat


@pytest.mark.parametrize(
    ("line", "says"),
    [
        (
            "/baton okr checkin K-1 lots",
            "`lots` is not a value I can read. Write a number like `87`",
        ),
        ("/baton okr checkin K-1 1,234.5", "`1,234.5` is not a value I can read"),
        ("/baton okr checkin K-1", "Usage: `/baton okr checkin K-n <value>"),
        ("/baton okr checkin K-9 80", "There is no key result K-9 here."),
        (
            "/baton okr checkin O-1 80",
            "`O-1` is not a key result id. Key result ids look like `K-5`.",
        ),
        ("/baton okr add kr O-1 Dealers from many to 125", "`many` is not a value I can read"),
        ("/baton okr add kr O-1 Dealers from 61 to 61", "The target is the same as the start"),
        ("/baton okr add kr O-1 Dealers 61 to 125", "Say how the key result is measured"),
        ("/baton okr add kr O-9 Dealers from 1 to 2", "There is no objective O-9 here."),
        ("/baton okr add kr K-1 Dealers from 1 to 2", "`K-1` is not an objective id."),
        ("/baton okr add kr O-1 from 1 to 2", "Give it a title: `/baton okr add kr O-n <title>"),
        ("/baton okr add kr O-1 Trainings tasks to 2.5", "Count at least one task or run done"),
        ("/baton okr add objective Y period 2026-Q5", "`2026-Q5` is not a period I can read."),
        ("/baton okr add objective Y period 2026-12-31..2026-10-01", "before it starts"),
        ("/baton okr add objective period 2026-Q4", "Give it a title"),
        ("/baton okr add goal Y", "Add an objective or a key result"),
        ("/baton okr list 2026-13", "`2026-13` is not a period I can read."),
        ("/baton okr show O-7", "There is no objective O-7 here."),
        ("/baton okr chart", "Usage: `/baton okr chart O-n`"),
        ("/baton okr cadence daily", "I can't read `daily` as a cadence."),
        ("/baton okr cadence weekly on someday", "`someday` is not a day of the week."),
        ("/baton okr cadence weekly at 25:00", "`25:00` is not a time of day."),
        ("/baton okr cadence weekly cutoff 0h", "`0h` is not a cutoff I can use."),
        ("/baton okr grade O-1", "I don't know `okr grade`."),
        ("/baton task add Train Metz for K-9", "There is no key result K-9 here."),
    ],
)
def test_a_mistake_gets_a_clear_reply_and_changes_nothing(
    sales: Chat, baton: Baton, line: str, says: str
) -> None:
    before = rows(baton)
    assert says in sales.say(line, channel="sales")
    assert sales.last_reply is not None
    assert sales.last_reply.failed
    assert rows(baton) == before


def test_a_key_result_of_another_workspace_is_not_found_and_not_touched(
    sales: Chat, baton: Baton
) -> None:
    sales.team = "T2"
    reply = sales.say("/baton okr checkin K-1 99", channel="sales")
    assert "There is no key result K-1 here." in reply
    assert "There is no objective O-1 here." in sales.say("/baton okr show O-1")
    assert count(baton, CheckIn) == 0
    sales.team = "T1"
    assert "61 points" not in sales.say("/baton okr show O-1", channel="sales")


def test_an_archived_objective_takes_no_key_results_check_ins_or_linked_work(
    sales: Chat, baton: Baton
) -> None:
    with baton.db.transaction() as session:
        objective = session.get_one(Objective, 1)
        objective.state = objective.state.ARCHIVED
    before = rows(baton)
    assert "O-1 is archived" in sales.say("/baton okr add kr O-1 CRM live milestone")
    assert "it takes no more check-ins" in sales.say("/baton okr checkin K-1 80", user="anna")
    assert "it takes no more check-ins" in sales.say("/baton task add Call Lyon for K-1")
    assert rows(baton) == before


def test_a_run_for_an_unknown_key_result_does_not_start(sales: Chat, baton: Baton) -> None:
    sales.say("/baton template import vehicle-delivery", channel="sales")
    reply = sales.say(
        "/baton run vehicle-delivery for 'Jane Doe' for K-8 logistics=@anna finance=@carl "
        "sales=@dora",
        channel="sales",
    )
    assert "There is no key result K-8 here." in reply
    assert count(baton, Run) == 0
    assert count(baton, Task) == 0


WORDS = [
    "add", "objective", "kr", "checkin", "list", "show", "chart", "cadence", "O-1", "K-1",
    "O-0", "K-99", "from", "to", "unit", "milestone", "tasks", "period", "2026-Q4", "2027",
    "2026-10-01..2026-12-31", "87", "87,5", "%", "1.2k", "-4", "0", "on-track", "at-risk",
    "weekly", "every", "2", "weeks", "monthly", "on", "monday", "at", "9am", "cutoff", "24h",
    "@anna", "@nobody", "#sales", "for", "x", "'", '"', "```",
]  # fmt: skip


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rest=st.one_of(st.lists(st.sampled_from(WORDS), max_size=12).map(" ".join), st.text()))
@example(rest="add kr O-1 X from 1 to 1e308")
@example(rest="checkin K-1 999999999999999M")
@example(rest="add objective X period 2999-12-31..2999-12-31")
def test_any_okr_line_gets_a_reply_never_an_error(sales: Chat, rest: str) -> None:
    invocation = Invocation(actor=sales.actor("bob", "sales"), text=f"okr {rest}")
    reply = sales.baton.dispatcher.dispatch(invocation)
    assert reply.message is not None
    assert reply.message.summary != INTERNAL_ERROR
