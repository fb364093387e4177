"""Fixtures: a fake Mattermost server, and Baton served over HTTP by uvicorn on 127.0.0.1."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import uvicorn

from bot.app import Baton, build
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.core.clock import SimulatedClock
from bot.web import create_web_app
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer

COMMAND_TOKEN = "xr3j5x3p4pbmbyqmq3z6fbypwa"
OTHER_TEAM_TOKEN = "b4ok8ns5x3fbpp8dbgswyc9jzh"


@dataclass
class Team:
    """One Mattermost team with a channel and four people."""

    team: dict[str, Any]
    general: dict[str, Any]
    bob: dict[str, Any]
    anna: dict[str, Any]
    carl: dict[str, Any]
    dora: dict[str, Any]


@dataclass
class OtherTeam:
    """A second Mattermost team on the same server, with its own channel and person."""

    team: dict[str, Any]
    general: dict[str, Any]
    eve: dict[str, Any]


@dataclass
class Served:
    baton: Baton
    url: str
    settings: Settings


@pytest.fixture
def fake_mm() -> Iterator[FakeMattermost]:
    fake = FakeMattermost(token="kzt1rxyuhtfepmwn5z9ck6ws8e").start()
    yield fake
    fake.stop()


@pytest.fixture
def acme(fake_mm: FakeMattermost) -> Team:
    team = fake_mm.add_team("acme")
    acme = Team(
        team=team,
        general=fake_mm.add_channel(team, "general"),
        bob=fake_mm.add_user("bob"),
        anna=fake_mm.add_user("anna"),
        carl=fake_mm.add_user("carl", tz="America/New_York", automatic=True),
        dora=fake_mm.add_user("dora", tz="Asia/Tokyo", locale="de"),
    )
    fake_mm.join(team, acme.bob, acme.anna, acme.carl, acme.dora)
    return acme


@pytest.fixture
def globex(fake_mm: FakeMattermost) -> OtherTeam:
    team = fake_mm.add_team("globex")
    eve = fake_mm.add_user("eve")
    fake_mm.join(team, eve)
    return OtherTeam(team=team, general=fake_mm.add_channel(team, "general"), eve=eve)


@pytest.fixture
def command_tokens(acme: Team, globex: OtherTeam) -> str:
    """MATTERMOST_COMMAND_TOKEN: one `team_id:token` pair per team."""
    return f"{acme.team['id']}:{COMMAND_TOKEN}, {globex.team['id']}:{OTHER_TEAM_TOKEN}"


def _free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


@pytest.fixture
def served(
    settings: Settings, clock: SimulatedClock, fake_mm: FakeMattermost, command_tokens: str
) -> Iterator[Served]:
    """The real Starlette app, wired by `bot.connect`, under uvicorn in a thread."""
    sock = _free_socket()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    mm_settings = settings.model_copy(
        update={
            "mattermost_url": fake_mm.url,
            "mattermost_token": fake_mm.token,
            "mattermost_command_token": command_tokens,
            "baton_public_url": url,
        }
    )
    baton = build(
        mm_settings, clock=clock, platforms=connected_platforms(mm_settings), migrate=False
    )
    app = create_web_app(baton, platform_routes(baton, mm_settings))
    config = uvicorn.Config(app, lifespan="off", ws="none", log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.01)
    yield Served(baton, url, mm_settings)
    server.should_exit = True
    thread.join(10)
    sock.close()
    baton.inbox.stop(grace=5)
    baton.db.dispose()


@pytest.fixture
def mm(fake_mm: FakeMattermost, acme: Team, served: Served) -> Iterator[MattermostServer]:
    server = MattermostServer(fake_mm, acme.team, served.url, COMMAND_TOKEN)
    yield server
    server.close()


@pytest.fixture
def mm_globex(
    fake_mm: FakeMattermost, globex: OtherTeam, served: Served
) -> Iterator[MattermostServer]:
    server = MattermostServer(fake_mm, globex.team, served.url, OTHER_TEAM_TOKEN)
    yield server
    server.close()
