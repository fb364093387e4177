"""`baton slack manifest`: a complete app manifest for BATON_PUBLIC_URL."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from bot.cli import app
from bot.handlers.slack.manifest import TASK_FROM_MESSAGE


def run(monkeypatch: pytest.MonkeyPatch, *args: str) -> dict[str, object]:
    monkeypatch.setenv("BATON_PUBLIC_URL", "https://baton.example.com/")
    result = CliRunner().invoke(app, ["slack", "manifest", *args])
    assert result.exit_code == 0, result.output
    manifest: dict[str, object] = json.loads(result.output)
    return manifest


def test_the_manifest_describes_every_slack_feature_baton_uses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    manifest = run(monkeypatch)
    features, settings = manifest["features"], manifest["settings"]
    assert isinstance(features, dict)
    assert isinstance(settings, dict)
    url = "https://baton.example.com/slack/events"
    (command,) = features["slash_commands"]
    assert command["command"] == "/baton"
    assert command["url"] == url
    assert command["should_escape"] is True
    assert settings["interactivity"] == {"is_enabled": True, "request_url": url}
    assert settings["event_subscriptions"]["request_url"] == url
    assert {"app_home_opened", "message.im"} <= set(settings["event_subscriptions"]["bot_events"])
    (shortcut,) = features["shortcuts"]
    assert (shortcut["type"], shortcut["callback_id"]) == ("message", TASK_FROM_MESSAGE)
    assert features["app_home"]["home_tab_enabled"] is True
    assert features["app_home"]["messages_tab_enabled"] is True
    oauth = manifest["oauth_config"]
    assert isinstance(oauth, dict)
    assert oauth["redirect_urls"] == ["https://baton.example.com/slack/oauth_redirect"]
    assert {
        "commands",
        "chat:write",
        "files:write",
        "channels:history",
        "groups:history",
        "im:history",
        "im:write",
        "users:read",
    } == set(oauth["scopes"]["bot"])
    assert settings["socket_mode_enabled"] is False


def test_the_socket_mode_manifest_has_no_request_urls(monkeypatch: pytest.MonkeyPatch) -> None:
    manifest = run(monkeypatch, "--socket-mode")
    settings = manifest["settings"]
    assert isinstance(settings, dict)
    assert settings["socket_mode_enabled"] is True
    assert "request_url" not in settings["interactivity"]
    assert "url" not in manifest["features"]["slash_commands"][0]  # type: ignore[index]
