"""`baton mattermost setup --team NAME` registers /baton once and prints its token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from bot.cli import app
from tests.mattermost.fake_mattermost import FakeMattermost


@pytest.fixture
def configured(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeMattermost]:
    fake = FakeMattermost().start()
    fake.add_team("acme")
    monkeypatch.setenv("MATTERMOST_URL", fake.url)
    monkeypatch.setenv("MATTERMOST_TOKEN", fake.token)
    monkeypatch.setenv("BATON_PUBLIC_URL", "https://baton.example.com")
    yield fake
    fake.stop()


def test_setup_registers_the_command_and_prints_its_token(configured: FakeMattermost) -> None:
    result = CliRunner().invoke(app, ["mattermost", "setup", "--team", "acme"])
    assert result.exit_code == 0, result.output
    [command] = configured.commands.values()
    assert command["trigger"] == "baton"
    assert command["url"] == "https://baton.example.com/mattermost/command"
    assert command["method"] == "P"
    assert command["auto_complete"] is True
    assert command["auto_complete_hint"].startswith("task add <title>")
    assert command["auto_complete_desc"]
    assert f"MATTERMOST_COMMAND_TOKEN={command['token']}" in result.output

    again = CliRunner().invoke(app, ["mattermost", "setup", "--team", "acme"])
    assert again.exit_code == 0
    assert "was already registered" in again.output
    assert len(configured.commands) == 1


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
