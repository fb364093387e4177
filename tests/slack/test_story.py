"""The whole story over HTTP: a task by slash command and one by modal, completed by a button
with the channel card updated in place, the App Home showing it, and replayed or forged
requests changing nothing."""

from __future__ import annotations

import json
import time

from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.payloads import load
from tests.slack.world import SlackWorld, posted_ref

ANNA, BOB = PEOPLE["anna"], PEOPLE["bob"]


def in_general(call: Call) -> bool:
    return call.params.get("channel") == "C0GENERAL"


def texts(call: Call) -> str:
    """Every text of a recorded message or view, to look for words in it."""
    blocks = call.params.get("blocks") or call.params.get("view", {}).get("blocks") or []
    return json.dumps(blocks, ensure_ascii=False)


def test_tasks_by_command_and_modal_completed_by_button_and_shown_at_home(
    slack: SlackWorld,
) -> None:
    fake = slack.fake

    # 1. /baton task add: acked at once, then the card is posted to the channel
    command = slack.command(
        f"task add Book the booth <@{ANNA}|anna> due friday", team=TEAM, user=BOB, user_name="bob"
    )
    response = slack.send_command(command)
    assert response.status_code == 200
    assert response.text == ""
    card = fake.wait_for("chat.postMessage", where=in_general)[0]
    assert card.token == "xoxb-acme-token"
    blocks = card.params["blocks"]
    assert blocks[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "*T-1* Book the booth"},
    }
    assert f"<@{ANNA}>" in blocks[1]["fields"][0]["text"]
    assert "<!date^" in blocks[1]["fields"][1]["text"]  # shown in each viewer's own zone
    assert next(e["action_id"] for e in blocks[3]["elements"]) == "task.complete"
    assert card.params["text"] == "T-1 Book the booth"

    # 2. /baton task new opens the modal; submitting it creates and posts T-2
    slack.send_command(slack.command("task new", team=TEAM, user=BOB, user_name="bob"))
    opened = fake.wait_for("views.open")[0]
    view = opened.params["view"]
    assert view["callback_id"] == "task.new"
    assert [b["element"]["type"] for b in view["blocks"]] == [
        "plain_text_input",
        "users_select",
        "datepicker",
        "timepicker",
        "plain_text_input",
    ]
    submission = slack.submission(
        opened,
        {
            "title": "Order booth furniture",
            "assignee": ANNA,
            "due_date": "2026-12-02",
            "due_time": "10:30",
            "notes": "Ask for the blue chairs",
        },
        team=TEAM,
        user=BOB,
        user_name="bob",
    )
    response = slack.send_interaction(submission)
    assert response.status_code == 200
    assert response.text == ""  # the modal closes
    second = fake.wait_for("chat.postMessage", 2, where=in_general)[1]
    assert "*T-2* Order booth furniture" in texts(second)
    assert "Ask for the blue chairs" not in texts(second)  # the card leaves notes to `show`

    # 3. Complete on the channel card: the same message is updated in place
    slack.settle()
    press = slack.button(card, "task.complete", team=TEAM, user=ANNA, user_name="anna")
    assert slack.send_interaction(press).status_code == 200
    update = fake.wait_for("chat.update")[0]
    assert (update.params["channel"], update.params["ts"]) == posted_ref(card)
    assert update.params["text"] == "✅ T-1 Book the booth"
    assert "task.reopen" in texts(update)
    assert "task.complete" not in texts(update)

    # 4. App Home: anna sees T-2 open, not the finished T-1
    slack.settle()
    home = load("app_home_opened")
    home.update(team_id=TEAM, event_id="Ev0HOME0001")
    home["event"]["user"] = ANNA
    assert slack.send_event(home).status_code == 200
    published = fake.wait_for("views.publish", where=lambda c: "Order booth" in texts(c))[-1]
    assert published.params["user_id"] == ANNA
    assert published.params["view"]["type"] == "home"
    assert "My work" in texts(published)
    assert "T-1" not in texts(published)
    slack.settle()
    assert slack.task_count(TEAM) == 2

    # 5. Replays and forgeries change nothing
    calls_before = len(fake.calls)
    assert slack.send_command(command, headers={"X-Slack-Retry-Num": "1"}).status_code == 200
    assert slack.send_interaction(press).status_code == 200  # a double click
    assert slack.send_interaction(submission).status_code == 200  # submitted twice
    stale = str(int(time.time()) - 6 * 60)
    assert slack.send_command(command, timestamp=stale).status_code == 401
    assert slack.send_command(command, signature="v0=" + "0" * 64).status_code == 401
    assert slack.send_command(command, signature="").status_code == 401
    assert slack.send_command(command, timestamp="").status_code == 401
    slack.settle()
    assert slack.task_count(TEAM) == 2
    new_calls = [c.method for c in fake.calls[calls_before:]]
    assert [c for c in fake.calls[calls_before:] if c.method == "chat.postMessage"] == []
    assert "chat.update" not in new_calls


def test_with_one_bot_token_every_request_is_that_workspaces(slack: SlackWorld) -> None:
    """The workspace is the one the token belongs to (auth.test), whatever team id a signed
    payload names: data is never filed under a team id taken from the payload."""
    forged = slack.command("task add Hidden elsewhere", team="T0OTHER99", user=BOB, user_name="bob")
    slack.send_command(forged)
    slack.fake.wait_for("chat.postMessage", where=in_general)
    slack.settle()
    assert slack.task_count(TEAM) == 1
    assert slack.task_count("T0OTHER99") == 0
