"""Two teams on one Mattermost server are kept apart: tokens, members, replies and buttons."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.handlers.mattermost.context import sign_state
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


def members_of(served: Served, team_id: str) -> set[str]:
    with served.baton.db.transaction() as session:
        query = (
            select(Member.user_id)
            .join(Workspace, Workspace.id == Member.workspace_id)
            .where(Workspace.team_id == team_id)
        )
        return set(session.scalars(query))


def due_of(served: Served, number: int) -> datetime | None:
    with served.baton.db.transaction() as session:
        return session.scalars(select(Task.due_at).where(Task.number == number)).one()


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


def test_only_members_of_the_tokens_team_are_served(
    mm: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    fake_mm: FakeMattermost,
    served: Served,
) -> None:
    """Eve, of globex, sends a command as if she were in acme (a token known, a user id made up
    or borrowed): 403, and she becomes nobody in acme."""
    answer = mm.command(globex.eve, acme.general, "task add Sneak in")
    assert answer.status == 403
    assert answer.body == "Only members of this team can use Baton here."
    assert rows(served)["Task"] == 0
    assert members_of(served, acme.team["id"]) == set()
    fake_mm.leave(acme.team, acme.dora)
    assert mm.command(acme.dora, acme.general, "task list").status == 403, "dora left acme"

    assert mm.command(acme.bob, acme.general, "task list").status == 200
    assert mm.command(acme.bob, acme.general, "task list").status == 200
    asked = fake_mm.calls_to("GET", rf"/teams/{acme.team['id']}/members/{acme.bob['id']}")
    assert len(asked) == 1, "a membership is remembered for a while"


def test_membership_that_cannot_be_checked_refuses_with_503(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    fake_mm.fail_next(503, path=r"^/teams/.*/members/")
    answer = mm.command(acme.bob, acme.general, "task add Maybe")
    assert answer.status == 503
    assert "try again" in answer.body
    assert rows(served)["Task"] == 0
    assert mm.command(acme.bob, acme.general, "task add Maybe").status == 200, "not remembered"


def test_replies_go_only_to_mattermost_urls_host(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, elsewhere: FakeMattermost
) -> None:
    port = fake_mm.port
    foreign = [
        elsewhere.issue_response_url(acme.bob["id"], acme.general["id"]),
        f"http://localhost:{port}/hooks/commands/{new_id()}",
        f"https://127.0.0.1:{port}/hooks/commands/{new_id()}",
        f"http://127.0.0.1:{port}@{elsewhere.url[7:]}/hooks/commands/{new_id()}",
    ]
    for url in foreign:
        answer = mm.command(acme.bob, acme.general, "settings", response_url=url)
        assert (answer.status, answer.reply) == (200, None)
    assert elsewhere.calls == []
    assert [c for c in fake_mm.calls if c.path.startswith("/hooks/")] == []
    notes = fake_mm.ephemerals_for(acme.bob["id"])
    assert len(notes) == len(foreign), "each reply is shown through the API instead"
    assert mm.command(acme.bob, acme.general, "settings").reply is not None, "its own host works"


def card(mm: MattermostServer, acme: Team, fake: FakeMattermost, text: str) -> dict[str, Any]:
    mm.command(acme.bob, acme.general, text)
    return fake.posts_in(acme.general["id"])[-1]


def press(post: dict[str, Any], label: str, user: dict[str, Any], **fields: str) -> httpx.Response:
    """A PostActionIntegrationRequest for the button `label` of `post`, with `fields` changed."""
    [action] = [a for a in post["props"]["attachments"][0]["actions"] if a["name"] == label]
    request = payload(
        "post_action_integration_request",
        user_id=user["id"],
        user_name=user["username"],
        channel_id=post["channel_id"],
        post_id=post["id"],
        trigger_id=new_id(),
        context=action["integration"]["context"],
    )
    return httpx.post(action["integration"]["url"], json=request | fields)


def test_a_replayed_snooze_with_fresh_post_ids_acts_once(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    post = card(mm, acme, fake_mm, "task add Book the booth due 2026-12-01")
    stale = copy.deepcopy(post)
    due = due_of(served, 1)
    assert due is not None
    for _ in range(10):
        replay = press(stale, "Snooze 1d", acme.anna, post_id=new_id(), team_id=acme.team["id"])
        assert replay.status_code == 200
    assert due_of(served, 1) == due + timedelta(days=1), "snoozed once"
    with served.baton.db.transaction() as session:
        kinds = list(session.scalars(select(TaskEvent.kind).where(TaskEvent.kind != "created")))
    assert len(kinds) == 1


def test_a_member_of_another_team_cannot_press_or_submit(
    mm: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    fake_mm: FakeMattermost,
    served: Served,
) -> None:
    post = card(mm, acme, fake_mm, "task add Book the booth")
    before = rows(served)
    for team_id in (acme.team["id"], ""):  # as acme's (a lie) or as a direct channel (empty)
        for label in ("Complete", "Assign to me", "Snooze 1d"):
            refused = press(post, label, globex.eve, team_id=team_id)
            assert refused.status_code == 403, (team_id, label)
            message = refused.json()["error"]["message"]
            assert message == "Only members of this team can use Baton here."
    fake_mm.leave(acme.team, acme.dora)
    assert press(post, "Complete", acme.dora).status_code == 403, "dora left acme"

    # A dialog opened by `open_form` is bound to the team only, not to a person.
    state = sign_state(
        served.settings.baton_secret,
        form="task.comment",
        context="1",
        team=acme.team["id"],
        user="",
        channel=acme.general["id"],
    )
    submission = payload(
        "dialog_submission",
        callback_id="task.comment",
        state=state,
        user_id=globex.eve["id"],
        channel_id=acme.general["id"],
        team_id=acme.team["id"],
        submission={"comment": "I was never here"},
    )
    dialogs = f"{served.url}/mattermost/dialogs"
    assert httpx.post(dialogs, json=submission).status_code == 403
    assert rows(served) == before, "nothing changed"
    assert globex.eve["id"] not in members_of(served, acme.team["id"])
    assert acme.dora["id"] not in members_of(served, acme.team["id"])
    by_anna = submission | {"user_id": acme.anna["id"], "submission": {"comment": "Booked"}}
    assert httpx.post(dialogs, json=by_anna).status_code == 200, "a member of acme can"
    assert rows(served)["TaskComment"] == 1


def test_people_of_another_team_cannot_be_mentioned_or_assigned(
    mm: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    fake_mm: FakeMattermost,
    served: Served,
) -> None:
    answer = mm.command(acme.bob, acme.general, "task add Plan @eve")
    assert "I can't find `@eve` in this workspace" in answer.text
    mm.command(acme.bob, acme.general, "task new")
    values = {"title": "Plan", "assignee": globex.eve["id"]}
    assert mm.submit(fake_mm.dialogs[-1], values, acme.bob, acme.general).status == 200
    assert rows(served)["Task"] == 0
    assert members_of(served, acme.team["id"]) == {acme.bob["id"]}
    mm.command(acme.bob, acme.general, "task add Plan @anna")
    assert acme.anna["id"] in members_of(served, acme.team["id"]), "a member of acme can be"
