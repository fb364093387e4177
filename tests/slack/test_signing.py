"""Request signatures: Slack's documented example, and what a bad, missing or stale one gets."""

from __future__ import annotations

import time

from bot.handlers.slack.routes import is_signed, request_verifier
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.payloads import form_body, load, sign
from tests.slack.world import SECRET, SlackWorld


def test_slacks_documented_example_is_verified() -> None:
    example = load("signing_example")
    at = int(example["timestamp"])
    verifier = request_verifier(example["signing_secret"], now=lambda: at + 60)
    headers = {
        "x-slack-request-timestamp": example["timestamp"],
        "x-slack-signature": example["signature"],
    }
    assert (
        sign(example["signing_secret"], example["timestamp"], example["body"])
        == example["signature"]
    )
    assert is_signed(verifier, example["body"].encode(), headers)
    assert not is_signed(verifier, (example["body"] + "&x=1").encode(), headers)
    wrong_secret = request_verifier("another-secret", now=lambda: at)
    assert not is_signed(wrong_secret, example["body"].encode(), headers)


def test_the_example_is_stale_after_five_minutes() -> None:
    example = load("signing_example")
    at = int(example["timestamp"])
    headers = {
        "x-slack-request-timestamp": example["timestamp"],
        "x-slack-signature": example["signature"],
    }
    body = example["body"].encode()
    assert is_signed(
        request_verifier(example["signing_secret"], now=lambda: at + 300), body, headers
    )
    assert not is_signed(
        request_verifier(example["signing_secret"], now=lambda: at + 301), body, headers
    )
    assert not is_signed(
        request_verifier(example["signing_secret"], now=lambda: at - 301), body, headers
    )


def test_bad_missing_or_stale_signatures_get_401_and_change_nothing(slack: SlackWorld) -> None:
    command = slack.command("task add Forged work", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    body_stamp = str(int(time.time()))
    attempts = [
        {"signature": "v0=" + "f" * 64},
        {"signature": sign("not-the-secret", body_stamp, "x"), "timestamp": body_stamp},
        {"signature": ""},
        {"timestamp": ""},
        {"timestamp": "soon"},
        {"timestamp": str(int(time.time()) - 301)},
        {"timestamp": str(int(time.time()) + 400)},
    ]
    for options in attempts:
        response = slack.send_command(command, **options)
        assert response.status_code == 401, options
        assert response.json() == {"error": "invalid request"}
    slack.settle()
    assert slack.task_count(TEAM) == 0
    assert [c.method for c in slack.fake.calls if c.method != "auth.test"] == []
    # The same command signed with the app's secret goes through: the refusals were about the
    # signatures alone.
    stamp = str(int(time.time()))
    signed = sign(SECRET, stamp, form_body(command))
    assert slack.send_command(command, timestamp=stamp, signature=signed).status_code == 200
    slack.fake.wait_for("chat.postMessage")
    slack.settle()
    assert slack.task_count(TEAM) == 1


def test_the_events_url_answers_slacks_challenge(slack: SlackWorld) -> None:
    challenge = {
        "token": "Jhj5dZrVaK7ZwHHjRyZWjbDl",
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        "type": "url_verification",
    }  # docs.slack.dev/reference/events/url_verification
    response = slack.send_event(challenge)
    assert response.status_code == 200
    assert response.json() == {"challenge": challenge["challenge"]}
    assert slack.send_event(challenge, signature="v0=" + "1" * 64).status_code == 401
