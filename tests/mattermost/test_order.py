"""Two slash commands from one person arrive in order and take effect in that order."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Task
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer


def test_one_persons_commands_take_effect_in_the_order_they_were_sent(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    for n in range(1, 21):
        response, _ = mm.send_command(acme.bob, acme.general, f"task add PG after {n}")
        assert response.status_code == 200
    fake_mm.wait_for(lambda: len(fake_mm.posts_in(acme.general["id"])) == 20, timeout=20)
    with served.baton.db.transaction() as session:
        numbered = {
            row.title: row.number for row in session.execute(select(Task.title, Task.number))
        }
    assert [numbered[f"PG after {n}"] for n in range(1, 21)] == list(range(1, 21))
