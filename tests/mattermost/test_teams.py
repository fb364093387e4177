"""Two teams on one Mattermost server are kept apart: tokens, members, replies and buttons."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import func, select

from storage.models import Member, Task, TaskComment, TaskEvent, Workspace
from tests.mattermost.conftest import COMMAND_TOKEN, OtherTeam, Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.fake_routes import new_id
from tests.mattermost.outgoing import MattermostServer
from tests.mattermost.payloads import payload


@pytest.fixture
def elsewhere() -> Iterator[FakeMattermost]:
    """Another server, on another port: where a forged response URL would send the reply."""
    fake = FakeMattermost().start()
    yield fake
    fake.stop()


def rows(served: Served) -> dict[str, int]:
    """How many rows each table Baton writes on a request holds."""
    with served.baton.db.transaction() as session:
        return {
            model.__name__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Workspace, Member, Task, TaskComment, TaskEvent)
        }


def slash_command(served: Served, token: str, fields: dict[str, str]) -> httpx.Response:
    """A slash command request as Mattermost sends it, with `fields` changed."""
    template = payload("slash_command")
    headers = dict(template["headers"]) | {"Authorization": f"Token {token}"}
    body = template["fields"] | {"token": "", "trigger_id": new_id()} | fields
    return httpx.post(f"{served.url}/mattermost/command", data=body, headers=headers)


def test_a_token_with_another_teams_id_gets_401_and_nothing_is_written_or_sent(
    mm_globex: MattermostServer,
    globex: OtherTeam,
    acme: Team,
    fake_mm: FakeMattermost,
    elsewhere: FakeMattermost,
    served: Served,
) -> None:
    """The issue's reproduction: team A's token, team B's id, a response URL on another host."""
    mm_globex.command(globex.eve, globex.general, "task add Globex secret plan")
    before, calls = rows(served), len(fake_mm.calls)
    response = slash_command(
        served,
        COMMAND_TOKEN,  # acme's
        {
            "team_id": globex.team["id"],
            "team_domain": globex.team["name"],
            "channel_id": globex.general["id"],
            "channel_name": "general",
            "user_id": globex.eve["id"],
            "user_name": "eve",
            "text": "task list all",
            "response_url": elsewhere.issue_response_url(globex.eve["id"], "x"),
        },
    )
    assert response.status_code == 401
    time.sleep(0.3)  # anything accepted would run in the background by now
    assert rows(served) == before, "nothing written"
    assert fake_mm.calls[calls:] == [], "nothing asked or sent through the API"
    assert elsewhere.calls == [], "nothing sent elsewhere"


def test_each_token_is_accepted_only_with_its_own_team(
    mm: MattermostServer,
    mm_globex: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    served: Served,
) -> None:
    assert mm.command(acme.bob, acme.general, "help").status == 200
    assert mm_globex.command(globex.eve, globex.general, "help").status == 200
    crossed = [
        mm.command(acme.bob, acme.general, "task add X", token=mm_globex.command_token),
        mm_globex.command(globex.eve, globex.general, "task add X", token=mm.command_token),
    ]
    assert [answer.status for answer in crossed] == [401, 401]
    no_team = {"team_id": "", "user_id": acme.bob["id"], "channel_id": acme.general["id"]}
    assert slash_command(served, COMMAND_TOKEN, no_team).status_code == 401
    assert rows(served)["Task"] == 0
