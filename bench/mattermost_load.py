"""Keep-alive HTTP clients sending Mattermost slash commands (`task add`) to one port.

A few lines of asyncio instead of an HTTP client library, so that the load generator costs
little next to the servers it measures on the same machine.
"""

from __future__ import annotations

import asyncio
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from tests.mattermost.payloads import payload

CHANNEL = "general"
QUIET = b'{"response_type":"ephemeral","text":""}'
"""Baton's immediate answer to a slash command (its work runs after it)."""


@dataclass
class Run:
    """Latencies (ms) of the answered requests, and how many answers were not the quiet one."""

    millis: list[float] = field(default_factory=list)
    errors: int = 0
    first_error: str = ""


def team_token(team: str) -> str:
    """The slash command token of `team` (each team's command has its own, as in Mattermost)."""
    return hashlib.sha256(team.encode()).hexdigest()[:26]


def command_tokens(teams: list[str]) -> str:
    """MATTERMOST_COMMAND_TOKEN for `teams`."""
    return ",".join(f"{team}:{team_token(team)}" for team in teams)


def user_of(index: int) -> str:
    return f"mmbench{index}"


def slash_command(port: int, team: str, user: str, text: str) -> bytes:
    """A slash command request as Mattermost sends it (payloads/slash_command.json)."""
    template = payload("slash_command")
    fields = template["fields"] | {
        "channel_id": CHANNEL,
        "channel_name": CHANNEL,
        "command": "/baton",
        "team_domain": team,
        "team_id": team,
        "text": text,
        "token": team_token(team),
        "trigger_id": secrets.token_urlsafe(96),
        "user_id": user,
        "user_name": user,
    }
    body = urlencode(fields).encode()
    head = (
        f"POST /mattermost/command HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Authorization: Token {team_token(team)}\r\nAccept: application/json\r\n"
        f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    return head.encode() + body


async def _client(port: int, index: int, todo: list[int], run: Run, *, record: bool) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    team, user = f"ws-{index % 50}", user_of(index)
    try:
        while todo:
            number = todo.pop()
            title = f"Prepare offer {secrets.token_hex(4)} for customer {number}"
            request = slash_command(port, team, user, f"task add {title}")
            start = time.perf_counter()
            writer.write(request)
            await writer.drain()
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            body = await reader.readexactly(length)
            if record:
                run.millis.append((time.perf_counter() - start) * 1000)
            if b" 200 " not in status or body.replace(b" ", b"") != QUIET:
                run.errors += 1
                run.first_error = run.first_error or f"{status!r} {body[:200]!r}"
    finally:
        writer.close()


async def load(port: int, clients: int, count: int, *, record: bool = True) -> tuple[Run, float]:
    """Sends `count` commands from `clients` connections; the run and its wall time (s)."""
    run = Run()
    todo = list(range(count))
    start = time.perf_counter()
    await asyncio.gather(*(_client(port, i, todo, run, record=record) for i in range(clients)))
    return run, time.perf_counter() - start
