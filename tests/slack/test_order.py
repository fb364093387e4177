"""Two commands from one person arrive in order and take effect in that order: "PG after 1"
gets T-1 and "PG after 2" gets T-2, whichever threads or processes run them."""

from __future__ import annotations

import re

from sqlalchemy import select

from storage.models import Task
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.world import SlackWorld

BOB = {"team": TEAM, "user": PEOPLE["bob"], "user_name": "bob"}


def test_one_persons_commands_take_effect_in_the_order_they_were_sent(slack: SlackWorld) -> None:
    for n in range(1, 31):
        command = slack.command(f"task add PG after {n}", **BOB)
        assert slack.send_command(command).status_code == 200
    slack.settle()
    with slack.baton.db.transaction() as session:
        numbered = session.execute(select(Task.number, Task.title)).all()
    given = {int(re.sub(r"\D", "", title)): number for number, title in numbered}
    assert len(given) == 30
    assert [given[n] for n in sorted(given)] == list(range(1, 31)), "PG after n is T-n"
