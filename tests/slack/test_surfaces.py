"""The message shortcut, direct messages to Baton and the App Home tab."""

from __future__ import annotations

import json

from sqlalchemy import select

from storage.models import Task
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.payloads import load
from tests.slack.world import SlackWorld

ANNA, BOB = PEOPLE["anna"], PEOPLE["bob"]


def test_create_task_from_message_opens_the_form_filled_in_with_a_link_back(
    slack: SlackWorld,
) -> None:
    shortcut = load("message_action")
    shortcut.update(
        callback_id="baton_task_from_message",
        team={"id": TEAM, "domain": "acme"},
        channel={"id": "C0GENERAL", "name": "general"},
        user={"id": BOB, "name": "bob"},
        response_url=slack.fake.response_url("app-actions/1"),
    )
    shortcut["message"]["text"] += "\nSecond line &amp; more"
    assert slack.send_interaction(shortcut).status_code == 200
    link = slack.fake.wait_for("chat.getPermalink")[0]
    assert (link.params["channel"], link.params["message_ts"]) == ("C0GENERAL", "1516229207.000133")
    opened = slack.fake.wait_for("views.open")[0]
    assert opened.params["trigger_id"] == shortcut["trigger_id"]
    title, *_, notes = opened.params["view"]["blocks"]
    assert (
        title["element"]["initial_value"]
        == "World's smallest big cat! https://youtube.com/watch?v=W86cTIoMv2U"
    )
    permalink = "https://acme.slack.com/archives/C0GENERAL/p1516229207000133"
    assert notes["element"]["initial_value"] == f"Second line & more\n\n{permalink}"

    submission = slack.submission(
        opened,
        {"title": "Watch the cat video", "notes": notes["element"]["initial_value"]},
        team=TEAM,
        user=BOB,
        user_name="bob",
    )
    slack.send_interaction(submission)
    card = slack.fake.wait_for("chat.postMessage")[0]
    assert card.params["channel"] == "C0GENERAL"
    assert "Watch the cat video" in card.params["text"]
    slack.settle()
    with slack.baton.db.transaction() as session:
        assert permalink in session.scalars(select(Task.notes)).one()


def test_direct_messages_to_baton_are_commands_and_retries_change_nothing(
    slack: SlackWorld,
) -> None:
    event = load("message_im")
    event.update(team_id=TEAM, event_id="Ev0DM00001")
    event["event"].update(user=BOB, channel="D0BOB", text="task add Call the printer")
    assert slack.send_event(event).status_code == 200
    card = slack.fake.wait_for("chat.postMessage")[0]
    assert card.params["channel"] == "D0BOB"
    assert "*T-1* Call the printer" in json.dumps(card.params["blocks"])
    assert (
        slack.send_event(
            event, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        ).status_code
        == 200
    )

    event["event_id"] = "Ev0DM00002"
    event["event"].update(text="/baton task list all")
    slack.send_event(event)
    listed = slack.fake.wait_for("chat.postMessage", 2)[1]
    assert listed.params["channel"] == "D0BOB"
    assert "*T-1* Call the printer" in json.dumps(listed.params["blocks"])

    event["event_id"] = "Ev0DM00003"
    event["event"].update(bot_id="B0OTHER", subtype="bot_message", text="task add Loop")
    slack.send_event(event)
    slack.settle()
    assert slack.task_count(TEAM) == 1
    assert len(slack.fake.of("chat.postMessage")) == 2


def test_my_work_is_published_when_opened_and_again_when_my_tasks_change(slack: SlackWorld) -> None:
    home = load("app_home_opened")
    home.update(team_id=TEAM, event_id="Ev0HOME0001")
    home["event"]["user"] = ANNA
    slack.send_event(home)
    first = slack.fake.wait_for("views.publish")[0]
    assert first.params["user_id"] == ANNA
    assert "Nothing on your plate" in json.dumps(first.params["view"])

    home["event"]["tab"] = "messages"
    home["event_id"] = "Ev0HOME0002"
    slack.send_event(home)  # the Messages tab has no page to publish
    slack.send_command(
        slack.command(
            f"task add Prepare the demo <@{ANNA}|anna>", team=TEAM, user=BOB, user_name="bob"
        )
    )
    refreshed = slack.fake.wait_for("views.publish", 2)[1]
    assert refreshed.params["user_id"] == ANNA
    view = json.dumps(refreshed.params["view"])
    assert "T-1" in view
    assert "Prepare the demo" in view
    slack.settle()
    assert len(slack.fake.of("views.publish")) == 2

    # Complete from the home tab: the press goes through, and the tab is published again
    press = slack.press(
        refreshed.params["view"]["blocks"],
        "task.complete",
        channel="",
        ts="",
        team=TEAM,
        user=ANNA,
        user_name="anna",
    )
    press["container"] = {"type": "view", "view_id": "V0HOME"}
    press.pop("channel")
    press.pop("response_url")
    slack.send_interaction(press)
    third = slack.fake.wait_for("views.publish", 3)[2]
    assert "Nothing on your plate" in json.dumps(third.params["view"])
    # and the card in the channel follows, so it never shows stale state
    update = slack.fake.wait_for("chat.update")[0]
    assert update.params["text"] == "✅ T-1 Prepare the demo"
