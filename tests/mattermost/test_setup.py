"""`baton mattermost setup --team NAME` registers /baton once, records its team, prints the pair."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import app
from storage.db import make_engine
from storage.models import MattermostCommandToken as Token
from tests.mattermost.fake_mattermost import FakeMattermost


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'baton.db'}"


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch, database: str) -> Iterator[FakeMattermost]:
    fake = FakeMattermost().start()
    fake.add_team("acme")
    monkeypatch.setenv("DATABASE_URL", database)
    monkeypatch.setenv("MATTERMOST_URL", fake.url)
    monkeypatch.setenv("MATTERMOST_TOKEN", fake.token)
    monkeypatch.setenv("BATON_PUBLIC_URL", "https://baton.example.com")
    yield fake
    fake.stop()


def recorded(database: str) -> list[tuple[str, str]]:
    engine = make_engine(database)
    with engine.connect() as connection:
        found = connection.execute(select(Token.team_id, Token.token_sha256)).all()
    engine.dispose()
    return [(team_id, digest) for team_id, digest in found]


def test_setup_registers_the_command_and_prints_its_token(
    configured: FakeMattermost, database: str
) -> None:
    result = CliRunner().invoke(app, ["mattermost", "setup", "--team", "acme"])
    assert result.exit_code == 0, result.output
    [command] = configured.commands.values()
    assert command["trigger"] == "baton"
    assert command["url"] == "https://baton.example.com/mattermost/command"
    assert command["method"] == "P"
    assert command["auto_complete"] is True
    assert command["auto_complete_hint"].startswith("task add <title>")
    assert command["auto_complete_desc"]
    pair = f"{command['team_id']}:{command['token']}"
    assert f"MATTERMOST_COMMAND_TOKEN={pair}" in result.output
    digest = hashlib.sha256(command["token"].encode()).hexdigest()
    assert recorded(database) == [(command["team_id"], digest)], "its team, by the token's hash"
    assert command["token"].encode() not in Path(database.removeprefix("sqlite:///")).read_bytes()

    again = CliRunner().invoke(app, ["mattermost", "setup", "--team", "acme"])
    assert again.exit_code == 0
    assert "was already registered" in again.output
    assert len(configured.commands) == 1
    assert len(recorded(database)) == 1


def test_setup_says_what_is_wrong(configured: FakeMattermost) -> None:
    result = CliRunner().invoke(app, ["mattermost", "setup", "--team", "nosuch"])
    assert result.exit_code == 1
    assert "There is no team named 'nosuch'" in result.output


def test_setup_needs_the_server_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MATTERMOST_URL", raising=False)
    monkeypatch.delenv("MATTERMOST_TOKEN", raising=False)
    result = CliRunner().invoke(app, ["mattermost", "setup", "--team", "acme"])
    assert result.exit_code == 2
    assert "Set MATTERMOST_URL and MATTERMOST_TOKEN" in result.output
