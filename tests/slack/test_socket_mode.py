"""Socket Mode: the same payloads over a WebSocket, acked on it, retries recognised."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bot.config import Settings
from bot.core.clock import SimulatedClock
from tests.slack.conftest import PEOPLE, TEAM, slack_settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.fake_socket import FakeSocketMode
from tests.slack.payloads import load
from tests.slack.world import SlackWorld


@pytest.fixture
def socket_world(
    settings: Settings, clock: SimulatedClock, fake_slack: FakeSlack
) -> Iterator[tuple[SlackWorld, FakeSocketMode]]:
    socket = FakeSocketMode().start()
    fake_slack.state.socket_url = socket.url
    world = SlackWorld(
        slack_settings(settings, fake_slack, slack_app_token="xapp-1-A0BATON-test"),
        clock,
        fake_slack,
    )
    assert socket.connected.wait(10), "Baton did not open the Socket Mode connection"
    yield world, socket
    world.close()
    socket.stop()


def test_commands_and_events_arrive_over_the_socket(
    socket_world: tuple[SlackWorld, FakeSocketMode],
) -> None:
    world, socket = socket_world
    opened = world.fake.of("apps.connections.open")
    assert opened
    assert opened[0].token == "xapp-1-A0BATON-test"

    command = world.command("task add Rent a van", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    socket.send(
        {
            "envelope_id": "env-1",
            "type": "slash_commands",
            "payload": command,
            "accepts_response_payload": True,
        }
    )
    assert socket.ack_for("env-1") == {"envelope_id": "env-1"}
    card = world.fake.wait_for("chat.postMessage")[0]
    assert "*T-1* Rent a van" in json.dumps(card.params["blocks"])

    event = load("message_im")
    event.update(team_id=TEAM, event_id="Ev0SOCKET1")
    event["event"].update(user=PEOPLE["bob"], channel="D0BOB", text="task add Fuel the van")
    for attempt, envelope_id in enumerate(("env-2", "env-3")):
        envelope = {
            "envelope_id": envelope_id,
            "type": "events_api",
            "payload": event,
            "accepts_response_payload": False,
            "retry_attempt": attempt,
            "retry_reason": "timeout" if attempt else "",
        }
        socket.send(envelope)
        assert socket.ack_for(envelope_id)["envelope_id"] == envelope_id
    world.fake.wait_for("chat.postMessage", 2)
    world.settle()
    assert world.task_count(TEAM) == 2  # the retried event made no second task
