"""Reminders over Slack: set by slash command, gone off as a direct message through the Web
API when the worker ticks, completed and snoozed by their buttons."""

from __future__ import annotations

import json
from datetime import timedelta

from bot.core.clock import SimulatedClock
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.world import SlackWorld

ANNA, BOB = PEOPLE["anna"], PEOPLE["bob"]


def texts(call: Call) -> str:
    return json.dumps(call.params.get("blocks") or call.params, ensure_ascii=False)


def test_a_reminder_goes_off_in_slack_and_its_buttons_work(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    fake = slack.fake
    command = slack.command(
        f"remind <@{ANNA}|anna> to call the agent in 10 minutes",
        team=TEAM,
        user=BOB,
        user_name="bob",
    )
    assert slack.send_command(command).status_code == 200
    slack.settle()
    answered = fake.wait_for("response_url", where=lambda c: "I will remind" in texts(c))[0]
    assert "“call the agent”" in texts(answered)

    clock.advance(timedelta(minutes=10))
    slack.baton.tick()

    def reminder(call: Call) -> bool:
        return "call the agent" in texts(call)

    posted = fake.wait_for("chat.postMessage", where=reminder)[0]
    assert "asked me to remind you" in texts(posted)
    actions = [
        e["action_id"]
        for block in posted.params["blocks"]
        if block["type"] == "actions"
        for e in block["elements"]
    ]
    assert actions[0] == "reminder.complete"
    assert "reminder.snooze.1h" in actions
    assert actions[-1] == "reminder.delete"

    snooze = slack.button(posted, "reminder.snooze.20m", team=TEAM, user=ANNA, user_name="anna")
    assert slack.send_interaction(snooze).status_code == 200
    slack.settle()
    clock.advance(timedelta(minutes=20))
    slack.baton.tick()
    again = fake.wait_for("chat.postMessage", 2, where=reminder)[1]
    done = slack.button(again, "reminder.complete", team=TEAM, user=ANNA, user_name="anna")
    assert slack.send_interaction(done).status_code == 200
    slack.settle()
    fake.wait_for("chat.update", where=lambda c: "Marked complete" in texts(c))
    clock.advance(timedelta(days=1))
    slack.baton.tick()
    assert len([c for c in fake.of("chat.postMessage") if reminder(c)]) == 2
