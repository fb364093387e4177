"""Installing Baton in a workspace through Slack's OAuth flow, as a browser would."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import Engine, text

from tests.slack.fake_slack_state import Grant
from tests.slack.world import SlackWorld

OAUTH_TABLES = ("slack_bots", "slack_installations", "slack_oauth_states")


def clear_installations(engine: Engine) -> None:
    """The OAuth tables are not Baton's models, so the test databases do not empty them."""
    with engine.begin() as connection:
        for table in OAUTH_TABLES:
            connection.execute(text(f"DELETE FROM {table}"))


def install(world: SlackWorld, team_id: str, name: str, grant: Grant | None = None) -> str:
    """Goes through Slack's OAuth flow for workspace `team_id`; returns its bot token."""
    grant = grant or Grant(team_id, name, f"xoxb-{name}-token")
    world.fake.state.grants[f"code-{name}"] = grant
    page = world.http.get("/slack/install")
    assert page.status_code == 200
    link = re.search(r'href="(https://slack.com/oauth/v2/authorize\?[^"]+)"', page.text)
    assert link is not None, page.text
    query = parse_qs(urlsplit(link.group(1).replace("&amp;", "&")).query)
    assert query["client_id"] == [world.fake.state.client_id]
    assert "commands" in query["scope"][0].split(",")
    assert query["redirect_uri"] == ["https://baton.example.com/slack/oauth_redirect"]
    # The browser keeps the state in a Secure cookie; this client speaks plain HTTP, so it is
    # handed back by hand.
    cookie = page.headers["set-cookie"].split(";")[0]
    assert cookie == f"slack-app-oauth-state={query['state'][0]}"
    world.http.cookies.clear()
    done = world.http.get(
        "/slack/oauth_redirect",
        params={"code": f"code-{name}", "state": query["state"][0]},
        headers={"Cookie": cookie},
    )
    assert done.status_code == 200, done.text
    world.fake.state.add_user(team_id, "U0ANNA", "anna")
    world.fake.state.add_user(team_id, "U0BOB", "bob")
    return grant.bot_token
