"""A Slack that posts a card but answers after the client gave up: one card, kept current."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.handlers.slack import client
from tests.slack.conftest import PEOPLE, TEAM, slack_settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.world import SlackWorld

BOB = PEOPLE["bob"]
TIMEOUT = 1
"""The client's timeout in these tests (10 s in production), so that a late answer is quick."""


@pytest.fixture
def impatient(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    clock: SimulatedClock,
    fake_slack: FakeSlack,
) -> Iterator[SlackWorld]:
    """Baton's Slack, with clients that give up after TIMEOUT seconds."""
    monkeypatch.setattr(client, "TIMEOUT_SECONDS", TIMEOUT)
    world = SlackWorld(slack_settings(settings, fake_slack), clock, fake_slack)
    yield world
    world.close()


def cards_in(fake: FakeSlack, channel: str, title: str) -> list[dict[str, object]]:
    """The messages in `channel` whose text names `title`, as Slack keeps them."""
    with fake._changed:
        messages = list(fake.state.messages.items())
    return [m for (where, _ts), m in messages if where == channel and title in str(m["text"])]


def test_a_card_posted_but_answered_too_late_is_found_not_posted_twice(
    impatient: SlackWorld, clock: SimulatedClock
) -> None:
    slack = impatient
    slack.fake.answer_late("chat.postMessage", TIMEOUT + 2)
    slack.send_command(slack.command("task add Late answer", team=TEAM, user=BOB, user_name="bob"))
    first = slack.fake.wait_for("chat.postMessage")[0]
    assert first.response["ok"] is True  # Slack posted it; Baton did not hear so in time
    slack.settle()
    assert len(cards_in(slack.fake, "C0GENERAL", "Late answer")) == 1

    clock.advance(timedelta(seconds=10))  # the outbox's first backoff
    slack.baton.deliver_outbox()
    looked = slack.fake.wait_for("conversations.history")[0]
    assert looked.params["channel"] == "C0GENERAL"
    assert str(looked.params["include_all_metadata"]).lower() in {"true", "1"}
    redrawn = slack.fake.wait_for("chat.update")[0]
    assert (redrawn.params["channel"], redrawn.params["ts"]) == ("C0GENERAL", first.response["ts"])
    assert len(slack.fake.of("chat.postMessage")) == 1, "the card was not posted a second time"
    assert len(cards_in(slack.fake, "C0GENERAL", "Late answer")) == 1

    # and the card found is remembered: the next change redraws it in place
    slack.send_command(slack.command("task done T-1", team=TEAM, user=BOB, user_name="bob"))
    updates = slack.fake.wait_for("chat.update", 2)
    assert (updates[1].params["channel"], updates[1].params["ts"]) == (
        "C0GENERAL",
        first.response["ts"],
    )
    slack.settle()
    assert len(slack.fake.of("chat.postMessage")) == 1


def test_every_card_is_marked_with_its_delivery(slack: SlackWorld) -> None:
    slack.send_command(slack.command("task add Marked", team=TEAM, user=BOB, user_name="bob"))
    posted = slack.fake.wait_for("chat.postMessage")[0]
    metadata = posted.params["metadata"]
    assert metadata["event_type"] == "baton_delivery"
    assert str(metadata["event_payload"]["delivery"]).startswith("outbox:")


def test_a_card_that_never_arrived_is_posted_again_after_looking(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    slack.fake.fail("chat.postMessage", "internal_error", status=500)
    slack.send_command(slack.command("task add Lost post", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage")
    slack.settle()
    clock.advance(timedelta(seconds=10))
    slack.baton.deliver_outbox()
    slack.fake.wait_for("conversations.history")
    tries = slack.fake.wait_for("chat.postMessage", 2)
    assert tries[1].response["ok"] is True
    assert len(cards_in(slack.fake, "C0GENERAL", "Lost post")) == 1
    assert slack.fake.of("chat.update") == []


def test_without_the_history_scope_a_card_is_posted_again_rather_than_lost(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    slack.fake.fail("chat.postMessage", "internal_error", status=500)
    slack.fake.fail("conversations.history", "missing_scope")
    slack.send_command(slack.command("task add No scope", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage")
    slack.settle()
    clock.advance(timedelta(seconds=10))
    slack.baton.deliver_outbox()
    tries = slack.fake.wait_for("chat.postMessage", 2)
    assert tries[1].response["ok"] is True
