"""Fixtures: the fake Slack with one workspace of people, and Baton serving it over HTTP
(with one bot token, or installed through OAuth)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.core.clock import SimulatedClock
from tests.slack.fake_slack import FakeSlack
from tests.slack.installs import clear_installations
from tests.slack.world import SECRET, SlackWorld

TEAM = "T0ACME001"
TOKEN = "xoxb-acme-token"
PEOPLE = {"anna": "U0ANNA", "bob": "U0BOB", "carl": "U0CARL"}


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack().start()
    fake.state.add_workspace(TEAM, "acme", TOKEN)
    for name, user_id in PEOPLE.items():
        fake.state.add_user(TEAM, user_id, name, tz="Europe/Berlin")
    yield fake
    fake.stop()


def slack_settings(settings: Settings, fake: FakeSlack, **changes: object) -> Settings:
    values: dict[str, object] = {
        "slack_bot_token": TOKEN,
        "slack_signing_secret": SECRET,
        "slack_api_url": fake.api_url,
        "baton_public_url": "https://baton.example.com",
    }
    return settings.model_copy(update=values | changes)


@pytest.fixture
def slack(settings: Settings, clock: SimulatedClock, fake_slack: FakeSlack) -> Iterator[SlackWorld]:
    world = SlackWorld(slack_settings(settings, fake_slack), clock, fake_slack)
    yield world
    world.close()


def oauth_settings(settings: Settings, fake: FakeSlack, **changes: object) -> Settings:
    """Many workspaces: no bot token, the app's client id and secret instead."""
    values: dict[str, object] = {
        "slack_bot_token": None,
        "slack_client_id": fake.state.client_id,
        "slack_client_secret": fake.state.client_secret,
    }
    return slack_settings(settings, fake, **(values | changes))


@pytest.fixture
def oauth(settings: Settings, clock: SimulatedClock, fake_slack: FakeSlack) -> Iterator[SlackWorld]:
    world = SlackWorld(oauth_settings(settings, fake_slack), clock, fake_slack)
    clear_installations(world.baton.db.engine)
    yield world
    world.close()
