"""Many workspaces: installing through OAuth, and no workspace reaching another's data."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Task, TaskStatus, Workspace
from tests.slack.fake_slack_state import Grant
from tests.slack.installs import install
from tests.slack.world import SlackWorld

ALPHA, BETA = "T0ALPHA01", "T0BETA001"


def test_installing_through_oauth_connects_a_workspace(oauth: SlackWorld) -> None:
    token = install(oauth, BETA, "beta")
    exchange = oauth.fake.of("oauth.v2.access")
    assert len(exchange) == 1
    assert exchange[0].params["code"] == "code-beta"
    oauth.send_command(
        oauth.command("task add Welcome lunch", team=BETA, user="U0BOB", user_name="bob")
    )
    card = oauth.fake.wait_for("chat.postMessage")[0]
    assert card.token == token
    assert oauth.task_count(BETA) == 1
    # Slack was asked about the token once, while installing; never before an ack
    assert len(oauth.fake.of("auth.test")) == 1


def test_an_install_needs_the_state_it_was_started_with(oauth: SlackWorld) -> None:
    oauth.fake.state.grants["code-x"] = Grant(BETA, "beta", "xoxb-x")
    forged = oauth.http.get("/slack/oauth_redirect", params={"code": "code-x", "state": "made-up"})
    assert forged.status_code == 400
    assert oauth.fake.of("oauth.v2.access") == []


def test_a_workspace_that_did_not_install_baton_is_turned_away(oauth: SlackWorld) -> None:
    response = oauth.send_command(
        oauth.command("task add Sneak in", team="T0NOBODY", user="U0X", user_name="x")
    )
    assert response.status_code == 200
    told = oauth.fake.wait_for("response_url")[0]
    assert "reinstall this app" in told.params["text"]
    oauth.settle()
    assert oauth.task_count("T0NOBODY") == 0


def test_no_workspace_sees_or_changes_another_ones_tasks(oauth: SlackWorld) -> None:
    alpha_token = install(oauth, ALPHA, "alpha")
    beta_token = install(oauth, BETA, "beta")
    oauth.send_command(
        oauth.command(
            "task add Secret alpha plan <@U0ANNA|anna>", team=ALPHA, user="U0BOB", user_name="bob"
        )
    )
    alpha_card = oauth.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "C0GENERAL"
    )[0]
    oauth.settle()
    assert alpha_card.token == alpha_token
    # the DM to anna went out with alpha's token, through the outbox
    assert {c.token for c in oauth.fake.of("conversations.open")} == {alpha_token}

    before = len(oauth.fake.calls)
    for line in ("task done T-1", "task show T-1", "task assign T-1 <@U0BOB|bob>", "task list all"):
        oauth.send_command(oauth.command(line, team=BETA, user="U0BOB", user_name="bob"))
    # beta presses the Complete button of alpha's card, ids and all
    oauth.send_interaction(
        oauth.button(alpha_card, "task.complete", team=BETA, user="U0BOB", user_name="bob")
    )
    oauth.settle()

    calls = oauth.fake.calls[before:]
    assert "Secret alpha plan" not in str([c.params for c in calls])
    assert all(c.token in (beta_token, None) for c in calls)
    assert not [c for c in calls if c.method == "chat.update"]
    replies = [c.params["text"] for c in calls if c.method == "response_url"]
    assert sum("no task T-1" in r for r in replies) == 3
    assert sum("That button is no longer valid" in r for r in replies) == 1, "alpha's button"
    with oauth.baton.db.transaction() as session:
        alpha_task = session.scalars(
            select(Task).join(Workspace).where(Workspace.team_id == ALPHA)
        ).one()
        assert alpha_task.status == TaskStatus.OPEN
        assert alpha_task.version == 1
