"""Wrong tokens, forged contexts and replayed dialogs are refused and change nothing."""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import func, select

from bot.handlers.mattermost.context import sign_button, sign_state, workspace_key
from storage.models import Task, TaskStatus, Workspace
from tests.mattermost.conftest import OTHER_TEAM_TOKEN, OtherTeam, Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.mattermost.payloads import payload


def count(served: Served, model: type[Any]) -> int:
    with served.baton.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def task_status(served: Served, number: int) -> TaskStatus:
    with served.baton.db.transaction() as session:
        return session.scalars(select(Task.status).where(Task.number == number)).one()


def card(mm: MattermostServer, acme: Team, fake: FakeMattermost) -> dict[str, Any]:
    mm.command(acme.bob, acme.general, "task add Book the booth")
    return fake.posts_in(acme.general["id"])[-1]


def test_a_wrong_or_missing_token_gets_401_and_changes_nothing(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    for token, where in (("not-the-token", "header"), ("", "header"), ("not-it", "field")):
        answer = mm.command(acme.bob, acme.general, "task add X", token=token, token_in=where)
        assert answer.status == 401
    assert count(served, Workspace) == 0, "nothing was even looked up"
    assert fake_mm.calls == []


def test_each_team_token_in_its_team_and_the_token_field_are_accepted(
    mm: MattermostServer, mm_globex: MattermostServer, acme: Team, globex: OtherTeam
) -> None:
    assert mm_globex.command(globex.eve, globex.general, "help").status == 200
    assert mm.command(acme.bob, acme.general, "help", token=OTHER_TEAM_TOKEN).status == 401
    answer = mm.command(acme.bob, acme.general, "help", token_in="field")
    assert answer.status == 200
    assert "/baton task add" in answer.text


def test_replies_go_only_to_response_urls_shaped_as_mattermost_makes_them(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost
) -> None:
    for url in (f"{fake_mm.url}/api/v4/users/me", "file:///etc/passwd", f"{fake_mm.url}/x y"):
        answer = mm.command(acme.bob, acme.general, "help", response_url=url)
        assert (answer.status, answer.reply) == (200, None)
    assert fake_mm.calls_to("POST", r"/users/me|/x.*") == [], "nothing was sent elsewhere"
    notes = fake_mm.ephemerals_for(acme.bob["id"])
    assert len(notes) == 3, "each reply is shown through the API instead"
    assert all("/baton task add" in note["message"] for note in notes)


def test_a_forged_context_gets_403_and_changes_nothing(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    post = card(mm, acme, fake_mm)
    context = post["props"]["attachments"][0]["actions"][0]["integration"]["context"]
    forgeries = [
        context | {"value": "1:9"},  # another version, same signature
        context | {"signature": "0" * 64},
        context | {"team": "someotherteamid00000000000"},
        sign_button("not-baton-secret", action="task.complete", value="1:1", team=acme.team["id"]),
        {"action": "task.complete", "value": "1:1"},
        "task.complete",
    ]
    for forged in forgeries:
        request = payload(
            "post_action_integration_request",
            user_id=acme.anna["id"],
            channel_id=acme.general["id"],
            team_id=acme.team["id"],
            post_id=post["id"],
            context=forged,
        )
        response = httpx.post(f"{served.url}/mattermost/actions", json=request)
        assert response.status_code == 403, forged
    assert task_status(served, 1) is TaskStatus.OPEN


def test_a_context_replayed_from_another_team_gets_403(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    post = card(mm, acme, fake_mm)
    answer = mm.press(post, "Complete", acme.anna, team_id="othrteam5x3fbpp8dbgswyc9jz")
    assert answer.status == 403
    assert task_status(served, 1) is TaskStatus.OPEN
    assert mm.press(post, "Complete", acme.anna).status == 200, "in its own team it works"
    assert task_status(served, 1) is TaskStatus.DONE


def test_a_context_moved_to_another_team_whole_gets_403(
    mm: MattermostServer,
    mm_globex: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    fake_mm: FakeMattermost,
    served: Served,
) -> None:
    # Team and workspace are rewritten together, so they agree with each other and with the
    # request: only the signature can tell that Baton never made this button for that team.
    post = card(mm, acme, fake_mm)
    fake_mm.join(globex.team, acme.anna)  # anna works in both teams
    sales = fake_mm.add_channel(globex.team, "sales")
    mm_globex.command(globex.eve, sales, "task add Sign the globex deal")
    team_b = globex.team
    context = post["props"]["attachments"][0]["actions"][0]["integration"]["context"]
    moved = context | {"team": team_b["id"], "workspace": workspace_key(team_b["id"])}
    request = payload(
        "post_action_integration_request",
        user_id=acme.anna["id"],
        channel_id=sales["id"],
        team_id=team_b["id"],
        post_id=post["id"],
        context=moved,
    )
    response = httpx.post(f"{served.url}/mattermost/actions", json=request)
    assert response.status_code == 403
    with served.baton.db.transaction() as session:
        statuses = session.scalars(select(Task.status)).all()
    assert statuses == [TaskStatus.OPEN, TaskStatus.OPEN]


def test_a_dialog_state_must_be_signed_and_submitted_by_its_person(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task new")
    dialog = fake_mm.dialogs[-1]
    values = {"title": "Sneaky task"}
    assert mm.submit(dialog, values, acme.anna, acme.general).status == 403, "not anna's"
    tampered = json.loads(dialog["dialog"]["state"]) | {"team": "othrteam5x3fbpp8dbgswyc9jz"}
    forged = dialog | {"dialog": dialog["dialog"] | {"state": json.dumps(tampered)}}
    assert mm.submit(forged, values, acme.bob, acme.general).status == 403
    unsigned = sign_state(
        "guess", form="task.new", context="", team=acme.team["id"], user=acme.bob["id"], channel=""
    )
    guessed = dialog | {"dialog": dialog["dialog"] | {"state": unsigned}}
    assert mm.submit(guessed, values, acme.bob, acme.general).status == 403
    assert count(served, Task) == 0
    assert mm.submit(dialog, values, acme.bob, acme.general).status == 200
    assert count(served, Task) == 1
