"""`baton serve` as a process of its own, as a deploy runs it: started, killed, restarted."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ("SLACK_", "MATTERMOST_", "BATON_", "DATABASE_", "HOST", "PORT", "TICK_SECONDS")
"""Environment variables Baton reads: a test gives them, none is inherited."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class BatonProcess:
    """One `baton serve` on 127.0.0.1 with the environment `env`; its log goes to `log`."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        inherited = {k: v for k, v in os.environ.items() if not k.startswith(SETTINGS)}
        self.env = {**inherited, **env, "HOST": "127.0.0.1", "PORT": str(self.port)}
        self.log = log
        self._child: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60.0) -> float:
        """Starts the process; returns the seconds until it answered `/readyz`."""
        began = time.monotonic()
        with self.log.open("ab") as out:
            # Its own working directory: no `.env` of a developer's is read.
            self._child = subprocess.Popen(
                [sys.executable, "-m", "bot", "serve"],
                cwd=self.log.parent,
                env={**self.env, "PYTHONPATH": str(ROOT)},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        while time.monotonic() - began < timeout:
            if self._child.poll() is not None:
                raise AssertionError(f"baton serve ended at start:\n{self.tail()}")
            try:
                if httpx.get(f"{self.url}/readyz", timeout=1).status_code == 200:
                    return time.monotonic() - began
            except httpx.HTTPError:
                pass
            time.sleep(0.05)
        raise AssertionError(f"baton serve was not ready in {timeout}s:\n{self.tail()}")

    def signal(self, number: signal.Signals) -> None:
        assert self._child is not None
        self._child.send_signal(number)

    def wait(self, timeout: float = 60.0) -> int:
        """Waits for the process to end; returns its exit status (negative: a signal)."""
        assert self._child is not None
        return self._child.wait(timeout)

    def stop(self) -> None:
        """Ends the process however it is doing (the end of a test)."""
        child = self._child
        if child is not None and child.poll() is None:
            child.kill()
            child.wait(30)

    def tail(self, lines: int = 60) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])
