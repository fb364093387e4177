"""`baton serve` alone on PostgreSQL: it acks, and a worker process it started beside itself
runs the commands; that worker ends with it, however `baton serve` ends. On SQLite the
commands run in `baton serve` itself."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.config import Settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.test_inbox_worker import (
    HOST,
    ROOT,
    cards,
    environment,
    free_port,
    send_command,
    wait_until_ready,
)


def children(pid: int) -> dict[int, str]:
    """The processes whose parent is `pid`, with their command lines."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:  # ended meanwhile
            continue
        if int(fields[1]) == pid:
            found[int(stat.parent.name)] = command.strip()
    return found


def gone(pid: int, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while Path(f"/proc/{pid}").exists() and _state(pid) != "Z":
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return "gone"


def start_serve(settings: Settings, fake: FakeSlack) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**environment(settings, fake, port), "BATON_INBOX_RUNNER": "web"}
    serve = subprocess.Popen([sys.executable, "-m", "bot", "serve"], cwd=ROOT, env=env)
    url = f"http://{HOST}:{port}"
    try:
        wait_until_ready(url)
    except BaseException:
        serve.kill()
        serve.wait()
        raise
    return serve, url


def test_serve_alone_answers_every_command_in_a_process_of_its_own_on_postgresql(
    settings: Settings, fake_slack: FakeSlack
) -> None:
    serve, url = start_serve(settings, fake_slack)
    try:
        for number, title in enumerate(["Book the booth", "Rent a van"], start=1):
            answer = send_command(url, fake_slack, f"task add {title}", number)
            assert (answer.status_code, answer.text) == (200, "")
        assert cards(fake_slack, 2) == ["T-1 Book the booth", "T-2 Rent a van"]
        workers = children(serve.pid)
        if settings.database_url.startswith("sqlite"):
            assert workers == {}, "on SQLite the commands run in baton serve itself"
        else:
            assert list(workers.values()) == [f"{sys.executable} -m bot worker --attached"]
        serve.send_signal(signal.SIGTERM)
        # uvicorn raises the signal again once it has shut down: a graceful end reads -15.
        assert serve.wait(timeout=40) == -signal.SIGTERM
        assert all(gone(pid) for pid in workers), "the worker stops with baton serve"
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()


@pytest.mark.parametrize("settings", ["postgres"], indirect=True)
def test_the_worker_ends_when_serve_is_killed_and_a_new_serve_answers(
    settings: Settings, fake_slack: FakeSlack
) -> None:
    serve, url = start_serve(settings, fake_slack)
    try:
        assert send_command(url, fake_slack, "task add Book the booth", 1).status_code == 200
        assert cards(fake_slack, 1) == ["T-1 Book the booth"]
        (worker,) = children(serve.pid)
        serve.kill()
        serve.wait()
        assert gone(worker, timeout=10), "a worker whose baton serve died ends with it"
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    again, url = start_serve(settings, fake_slack)
    try:
        assert send_command(url, fake_slack, "task add Rent a van", 2).status_code == 200
        assert cards(fake_slack, 2) == ["T-1 Book the booth", "T-2 Rent a van"]
    finally:
        again.send_signal(signal.SIGTERM)
        again.wait(timeout=40)
