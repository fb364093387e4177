"""Hostile requests cost little: a big body is refused unread."""

from __future__ import annotations

from bot.handlers.slack.routes import MAX_BODY
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.payloads import form_body
from tests.slack.world import SlackWorld
from tests.support.streaming import stream_body


def test_a_declared_body_over_a_megabyte_is_refused_before_it_is_read(
    slack: SlackWorld,
) -> None:
    # 200 MB announced, 8 MB at most sent: a server that waits for the rest never answers.
    answer = stream_body(slack.server.url, "/slack/events", 8 * MAX_BODY, declared=200_000_000)
    assert answer.status == 413
    assert answer.sent < MAX_BODY, f"{answer.sent} bytes went out before the answer"
    assert answer.closed, "the server stops reading: it closes the connection"


def test_a_streamed_body_over_a_megabyte_is_refused_as_it_passes_the_limit(
    slack: SlackWorld,
) -> None:
    total = 32 * MAX_BODY
    answer = stream_body(slack.server.url, "/slack/events", total)  # chunked, no length
    assert answer.status == 413
    # What it read and what sat in the sockets' buffers; far from everything
    assert answer.sent < total // 4, f"{answer.sent} of {total} bytes went out first"
    assert answer.closed
    # and the server is as responsive as before
    assert slack.send_event({"type": "url_verification", "challenge": "c"}).status_code == 200


def test_a_body_just_under_the_limit_is_read(slack: SlackWorld) -> None:
    command = slack.command("help", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    command["padding"] = "x" * (MAX_BODY - len(form_body(command)) - 20)
    assert slack.send_command(command).status_code == 200
