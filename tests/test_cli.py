"""The `baton` command as an operator meets it: one clear line for a mistake, exit status 2."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "examples" / "tour.txt"


def baton(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
        env=env,
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("shell", "--db", "sqlite:////nonexistent/x.db"), "is unreachable: "),
        (("shell", "--db", "garbage://x"), "'garbage://x' is not a database URL Baton can use"),
        (("shell", "--tz", "Mars/Base"), "'Mars/Base' is not a time zone"),
    ],
)
def test_a_bad_option_gets_one_line_and_status_2(args: tuple[str, ...], says: str) -> None:
    result = baton(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert says in lines[0]
    assert "Traceback" not in result.stderr


def test_the_manifest_says_where_it_sends_slack_when_no_public_url_is_set() -> None:
    env = {k: v for k, v in os.environ.items() if k != "BATON_PUBLIC_URL"}
    result = baton("slack", "manifest", env=env)
    assert result.returncode == 0
    assert "BATON_PUBLIC_URL is not set" in result.stderr
    assert "http://localhost:8000" in result.stdout
    quiet = baton("slack", "manifest", env=env | {"BATON_PUBLIC_URL": "https://b.example.com"})
    assert quiet.stderr == ""


def test_serve_without_a_platform_says_what_to_set(tmp_path: Path) -> None:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "MATTERMOST_", "DATABASE_URL"))
    } | {"DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve", "--host", "127.0.0.1", "--port", "0"],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[str] = []
    try:
        assert server.stderr is not None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            line = server.stderr.readline()
            seen.append(line)
            if "Uvicorn running" in line or not line:
                break
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server.stderr is not None:
            server.stderr.close()
    log = "".join(seen)
    assert "no platform is connected: set SLACK_BOT_TOKEN" in log
    assert "apscheduler" not in log, "APScheduler's INFO lines are silenced"


def test_the_readme_tour_plays_again_and_again() -> None:
    for _ in range(2):
        result = baton(
            "shell", "--db", "sqlite://", "--now", "2026-11-25T09:00+01:00", stdin=TOUR.read_text()
        )
        assert result.returncode == 0, result.stderr
        assert "[#general] T-1 Order furniture for IAA booth" in result.stdout
        assert "is already done" not in result.stdout
