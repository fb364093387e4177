"""`baton serve --host`: where the HTTP server listens."""

from __future__ import annotations

from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from bot import server
from bot.cli import app
from bot.config import Settings


@pytest.fixture
def listens(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What `run_server` is asked for, instead of running it."""
    calls: list[dict[str, Any]] = []

    def run_server(settings: Settings, *, port: int, host: str) -> None:
        calls.append({"host": host, "port": port})

    monkeypatch.setattr(server, "run_server", run_server)
    monkeypatch.delenv("HOST", raising=False)
    monkeypatch.delenv("PORT", raising=False)
    return calls


def test_serve_listens_on_every_address_by_default(listens: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert listens == [{"host": "0.0.0.0", "port": 8000}]


def test_serve_listens_where_host_says(
    listens: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    result = CliRunner().invoke(app, ["serve", "--host", "127.0.0.1", "--port", "8123"])
    assert result.exit_code == 0, result.output
    monkeypatch.setenv("HOST", "127.0.0.1")
    assert CliRunner().invoke(app, ["serve"]).exit_code == 0
    assert listens == [{"host": "127.0.0.1", "port": 8123}, {"host": "127.0.0.1", "port": 8000}]


def test_run_server_hands_the_host_to_uvicorn(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def run(app: object, **options: Any) -> None:
        seen.update(options)

    class Scheduler:
        def shutdown(self, wait: bool) -> None:
            seen["scheduler_stopped"] = True

    monkeypatch.setattr(uvicorn, "run", run)
    monkeypatch.setattr(server, "start_background_worker", lambda *_: Scheduler())
    monkeypatch.setattr(server, "tune_for_latency", lambda: None)
    settings = Settings(database_url="sqlite://", baton_secret="s")
    server.run_server(settings, port=8124, host="127.0.0.1")
    assert (seen["host"], seen["port"], seen["scheduler_stopped"]) == ("127.0.0.1", 8124, True)
