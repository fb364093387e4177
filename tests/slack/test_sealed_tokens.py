"""Slack tokens from OAuth installs are sealed at rest, and their key can be rotated."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from bot.cli import app
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.handlers.slack.oauth import installations
from storage.sealed import Sealer, UnreadableSecretError, is_sealed
from tests.slack.conftest import oauth_settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.fake_slack_state import Grant
from tests.slack.installs import install
from tests.slack.world import SlackWorld

BETA, GAMMA = "T0BETA001", "T0GAMMA01"
TOKENS = {
    "bot_token": "xoxb-beta-bot-4bd2f1e0a9",
    "refresh_token": "xoxe-1-beta-bot-refresh-" + "r" * 130,
    "user_token": "xoxp-beta-user-77c1d0",
    "user_refresh_token": "xoxe-1-beta-user-refresh-" + "u" * 130,
}
TOKEN_COLUMNS = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token"),
}


def raw_rows(engine: Engine) -> list[dict[str, Any]]:
    """Every row of the installation tables, as a database dump would show it."""
    with engine.connect() as connection:
        return [
            dict(row)
            for name in TOKEN_COLUMNS
            for row in connection.execute(text(f"SELECT * FROM {name}")).mappings()
        ]


def stored_tokens(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return [
            value
            for name, columns in TOKEN_COLUMNS.items()
            for row in connection.execute(text(f"SELECT {', '.join(columns)} FROM {name}"))
            for value in row
            if value is not None
        ]


def rotate(settings: Settings, keys: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """`baton secrets rotate` with BATON_ENCRYPTION_KEY=`keys`, on the test database."""
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    if settings.database_schema:
        monkeypatch.setenv("DATABASE_SCHEMA", settings.database_schema)
    monkeypatch.setenv("BATON_ENCRYPTION_KEY", keys)
    result = CliRunner().invoke(app, ["secrets", "rotate"])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_database_dump_shows_no_token(oauth: SlackWorld) -> None:
    grant = Grant(BETA, "beta", **TOKENS)
    install(oauth, BETA, "beta", grant)
    engine = oauth.baton.db.engine

    dump = str(raw_rows(engine))
    for name, token in TOKENS.items():
        assert token not in dump, name
    sealed = stored_tokens(engine)
    assert len(sealed) == 6  # bot: token and refresh; installation: bot and user, each with both
    assert all(is_sealed(value) for value in sealed)
    # Without BATON_ENCRYPTION_KEY the key comes from BATON_SECRET.
    opened = {Sealer([oauth.settings.baton_secret]).open(value) for value in sealed}
    assert opened == set(TOKENS.values())

    # and Baton reads them back: the command is answered with the installed bot token
    oauth.send_command(oauth.command("task add Seal it", team=BETA, user="U0BOB", user_name="bob"))
    assert oauth.fake.wait_for("chat.postMessage")[0].token == TOKENS["bot_token"]


def test_rotation_moves_every_token_to_the_first_key(
    oauth: SlackWorld,
    settings: Settings,
    clock: SimulatedClock,
    fake_slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Installed under the key from BATON_SECRET, then BATON_ENCRYPTION_KEY=new,old."""
    old = oauth.settings.baton_secret
    token = install(oauth, BETA, "beta", Grant(BETA, "beta", **TOKENS))
    engine = oauth.baton.db.engine
    legacy_token = "xoxb-gamma-from-before-sealing"
    with engine.begin() as connection:  # a row written before tokens were sealed
        connection.execute(
            text(
                "INSERT INTO slack_bots (client_id, app_id, team_id, bot_token, bot_id,"
                " bot_user_id, is_enterprise_install, installed_at)"
                " VALUES (:client, 'A0BATON', :team, :token, 'BGAMMA', 'UBGAMMA', false,"
                " '2026-11-01 09:00:00')"
            ),
            {"client": fake_slack.state.client_id, "team": GAMMA, "token": legacy_token},
        )
    before = stored_tokens(engine)

    # The old key listed second still opens what it sealed: Baton keeps serving the workspace.
    both = oauth_settings(settings, fake_slack, baton_encryption_key=f"new-key, {old}")
    second = SlackWorld(both, clock, fake_slack)
    try:
        second.send_command(
            second.command("task add Keep going", team=BETA, user="U0BOB", user_name="bob")
        )
        assert second.fake.wait_for("chat.postMessage")[0].token == token
    finally:
        second.close()

    output = rotate(settings, f"new-key,{old}", monkeypatch)
    assert "7 stored tokens" in output  # six sealed ones and the legacy one

    after = stored_tokens(engine)
    assert len(after) == len(before) == 7
    assert all(is_sealed(value) for value in after)
    assert not set(after) & set(before)
    assert legacy_token not in str(raw_rows(engine))
    only_new = oauth_settings(settings, fake_slack, baton_encryption_key="new-key")
    store = installations(only_new, engine)
    assert _bot_token(store.latest_bot(BETA)) == token
    assert _bot_token(store.latest_bot(GAMMA)) == legacy_token
    with pytest.raises(UnreadableSecretError):
        Sealer([old]).open(after[0])


def test_rotating_without_the_old_key_changes_nothing(
    oauth: SlackWorld, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    install(oauth, BETA, "beta")
    before = stored_tokens(oauth.baton.db.engine)
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    if settings.database_schema:
        monkeypatch.setenv("DATABASE_SCHEMA", settings.database_schema)
    monkeypatch.setenv("BATON_ENCRYPTION_KEY", "new-key")
    result = CliRunner().invoke(app, ["secrets", "rotate"])
    assert result.exit_code == 1
    assert "Nothing changed" in result.output
    assert stored_tokens(oauth.baton.db.engine) == before


def _bot_token(bot: Any) -> str:
    assert bot is not None
    return str(bot.bot_token)
