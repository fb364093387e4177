"""Slack requests go through the inbox: written before the ack, so a command acked by a process
that stops right after is run by another one, and a retry that reaches another process is
not run twice."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.app import build
from bot.connect import connected_platforms
from bot.core.clock import SimulatedClock
from storage.models import InboxEntry, InboxState
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import FakeSlack
from tests.slack.world import SlackWorld

BOB = {"team": TEAM, "user": PEOPLE["bob"], "user_name": "bob"}


def inbox(world: SlackWorld) -> list[InboxEntry]:
    with world.baton.db.transaction() as session:
        return list(session.scalars(select(InboxEntry).order_by(InboxEntry.id)))


def test_an_acked_command_is_in_the_inbox_and_another_process_runs_it(
    slack: SlackWorld, clock: SimulatedClock, fake_slack: FakeSlack
) -> None:
    slack.baton.inbox.stop(grace=0)  # from here on this process runs nothing, as if killed
    answer = slack.send_command(slack.command("task add Book the booth", **BOB))
    assert (answer.status_code, answer.text) == (200, "")
    [row] = inbox(slack)
    assert row.state == InboxState.PENDING
    assert json.loads(row.invocation)["text"] == "task add Book the booth"
    assert fake_slack.of("chat.postMessage") == []

    other = build(slack.settings, clock=clock, platforms=connected_platforms(slack.settings))
    try:
        other.inbox.start()
        [card] = fake_slack.wait_for("chat.postMessage")
        assert card.params["text"] == "T-1 Book the booth"
        assert other.inbox.wait_idle(10)
        assert [r.state for r in inbox(slack)] == [InboxState.DONE]
    finally:
        other.inbox.stop(grace=5)
        other.db.dispose()


def test_a_retry_that_reaches_another_process_is_written_once_and_runs_once(
    slack: SlackWorld, clock: SimulatedClock, fake_slack: FakeSlack
) -> None:
    other = SlackWorld(slack.settings, clock, fake_slack)
    try:
        other.baton.inbox.stop(grace=0)  # the second process only acks
        command = slack.command("task add Rent a van", **BOB)
        retry = {"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        slack.baton.inbox.stop(grace=0)
        assert slack.send_command(command).status_code == 200
        assert other.send_command(command, headers=retry).status_code == 200
        assert len(inbox(slack)) == 1, "acked again without being written again"
        third = build(slack.settings, clock=clock, platforms=connected_platforms(slack.settings))
        third.inbox.start()
        fake_slack.wait_for("chat.postMessage")
        assert third.inbox.wait_idle(10)
        third.inbox.stop(grace=5)
        third.db.dispose()
    finally:
        other.close()
    assert slack.task_count(TEAM) == 1
    assert len(fake_slack.of("chat.postMessage")) == 1
