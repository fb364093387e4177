"""Many runs from one CSV: every row checked first (problems name row and column), then all
runs in one transaction, or none; statements do not grow with the rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import event, func, select

from bot.app import Baton
from storage.models import Run, Task, TaskDependency, Workspace
from tests.support.chat import Chat
from tests.support.queries import count

ROLES = "network=@anna trainer=@bob logistics=@carl marketing=@dora it=@anna"
HEADER = "subject,city,partner,start"


def points(n: int, first: int = 0) -> str:
    rows = [
        f"Service point {i},City {i},Partner {i},2026-12-{1 + i % 28:02d}"
        for i in range(first, first + n)
    ]
    return "\n".join([HEADER, *rows])


def bulk(chat: Chat, csv: str, roles: str = ROLES) -> str:
    return chat.say(
        f"/baton run bulk service-point-opening {roles} ```csv\n{csv}\n```", channel="network"
    )


@contextmanager
def statements(baton: Baton) -> Iterator[list[int]]:
    counted = [0]

    def one(*_args: object) -> None:
        counted[0] += 1

    for engine in baton.db.engines:
        event.listen(engine, "before_cursor_execute", one)
    try:
        yield counted
    finally:
        for engine in baton.db.engines:
            event.remove(engine, "before_cursor_execute", one)


def test_forty_service_points_start_in_one_command(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import service-point-opening")
    chat.say("/baton task add Unrelated first task")
    reply = bulk(chat, points(40))
    assert "Started 40 runs of `service-point-opening` (R-1 … R-40), 1000 items." in reply
    assert "[#network] @bob started 40 runs of service-point-opening: R-1 … R-40" in reply
    active = chat.say("/baton runs active")
    assert "Active runs (40)" in active
    assert "R-40 service-point-opening · Service point 39 · 0/25" in active
    with baton.db.transaction() as session:
        numbers = list(session.scalars(select(Task.number).order_by(Task.number)))
        seq = session.scalar(select(Workspace.task_seq))
        runs = list(session.scalars(select(Run.number).order_by(Run.number)))
        deps = session.scalar(select(func.count()).select_from(TaskDependency))
    assert numbers == list(range(1, 1002)), "numbers taken in one step, no gaps"
    assert seq == 1001
    assert runs == list(range(1, 41))
    assert deps == 40 * 27, "27 `after` links in the template"
    titles = chat.say("/baton run status R-2")
    assert "Send the service contract to Partner 1" in titles
    assert "Special tools delivered in City 1" in titles


def test_every_bad_row_is_named_and_nothing_starts(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import service-point-opening")
    chat.say("/baton run service-point-opening for 'Already Open' city=Metz partner=P " + ROLES)
    csv = "\n".join(
        [
            "name,city,partner,start,network",
            "Lyon,Lyon,Garage Martin,31/02/2026,@anna",
            "Lille,,Nord Auto,2026-12-07,anna",
            "Lyon,Lyon,Garage Martin,2026-12-07,@nobody",
            ",Metz,P,2026-12-07,@anna,extra",
            "Already Open,Metz,P,2026-12-07,@anna",
            "Nantes,Nantes,P,someday,@anna",
        ]
    )
    reply = bulk(chat, csv)
    assert "Nothing was started: 8 problem(s) in the CSV." in reply
    for expected in [
        'row 2, column start: I couldn\'t read "31/02/2026" as a date',
        "row 3, column city: empty",
        "row 3, column network: `anna` is not a person (@handle)",
        "row 4, column name: “Lyon” is also in row 2",
        "row 4, column network: I can't find @nobody",
        "row 5: 6 cells, the header has 5",
        "row 6, column subject: “Already Open” already has an active run, R-1",
        'row 7, column start: I couldn\'t read "someday" as a date',
    ]:
        assert expected in reply
    lines = [line for line in reply.splitlines() if "• row" in line]
    assert [int(line.split()[2].rstrip(",:")) for line in lines] == [2, 3, 3, 4, 4, 5, 6, 7]
    assert count(baton, Run) == 1
    assert count(baton, Task) == 25


def test_a_csv_without_the_columns_a_template_needs_is_refused(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import service-point-opening")
    reply = bulk(chat, "subject,start\nLyon,2026-12-07", roles="network=@anna")
    assert "missing column(s): city, partner" in reply
    assert "nobody for trainer, it, logistics, marketing" in reply
    assert count(baton, Run) == 0


def test_a_csv_over_2000_rows_is_refused(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import vehicle-delivery")
    rows = "\n".join(f"Customer {i}" for i in range(2001))
    reply = chat.say(
        "/baton run bulk vehicle-delivery logistics=@anna finance=@bob sales=@carl "
        f"```csv\nsubject\n{rows}\n```"
    )
    assert "the CSV has 2,001 rows; at most 2,000 runs start at once" in reply
    assert count(baton, Run) == 0


def test_role_columns_override_the_commands_people(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import vehicle-delivery")
    csv = "subject,sales\nAnn,@dora\nBen,"
    reply = chat.say(
        "/baton run bulk vehicle-delivery logistics=@anna finance=@bob sales=@carl "
        f"```csv\n{csv}\n```"
    )
    assert "Started 2 runs" in reply
    assert "Papers to the registration agent · @dora" in chat.say("/baton run status R-1")
    assert "Papers to the registration agent · @carl" in chat.say("/baton run status R-2")
    for number in range(1, 7):
        chat.say(f"/baton task done T-{number}")
    chat.say("/baton run retro R-1 Call the agent before the papers go out")
    again = chat.say(
        "/baton run bulk vehicle-delivery logistics=@anna finance=@bob sales=@carl "
        "```csv\nsubject\nCy\n```"
    )
    assert "Started 1 runs" in again
    assert "“Call the agent before the papers go out”" in again, "retros shown when run again"


def test_statements_do_not_grow_with_the_rows(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import service-point-opening")
    bulk(chat, points(2, first=100))  # people and channel known, as in steady use
    with statements(baton) as few:
        assert "Started 10 runs" in bulk(chat, points(10))
    with statements(baton) as many:
        assert "Started 60 runs" in bulk(chat, points(60, first=10))
    assert many[0] <= few[0] + 2, (few, many)
