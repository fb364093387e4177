"""The story told on every platform: a task by command and by dialog, completed by a button."""

from __future__ import annotations

from typing import Any

from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer


def fields_of(post: dict[str, Any]) -> dict[str, str]:
    attachment = post["props"]["attachments"][0]
    return {field["title"]: field["value"] for field in attachment.get("fields", [])}


def buttons_of(post: dict[str, Any]) -> list[str]:
    attachments = post["props"].get("attachments") or []
    return [action["name"] for a in attachments for action in a.get("actions", [])]


def test_task_by_command_and_by_dialog_completed_by_button_in_place(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    answer = mm.command(acme.bob, acme.general, "task add Book the booth @anna due friday")
    assert answer.status == 200
    assert answer.body == {"response_type": "ephemeral", "text": ""}, "answered at once, quietly"
    assert answer.reply is None, "the card is a post"
    [card] = fake_mm.posts_in(acme.general["id"])
    assert card["message"].startswith("**T-1** Book the booth")
    assert fields_of(card) == {
        "Assignee": "@anna",
        "Due": "Fri 27 Nov",
        "Status": "Open",
    }
    assert buttons_of(card) == ["Complete", "Assign to me", "Snooze 1d", "Comment", "Edit"]
    for action in card["props"]["attachments"][0]["actions"]:
        assert action["integration"]["url"] == f"{served.url}/mattermost/actions"
        assert action["integration"]["context"]["team"] == acme.team["id"]

    def anna_told() -> list[dict[str, Any]]:
        channel = fake_mm.direct_channel(acme.anna["id"])
        return fake_mm.posts_in(channel["id"]) if channel else []

    [dm] = fake_mm.wait_for(anna_told)
    assert "@bob assigned you T-1: Book the booth" in dm["message"]

    opened = mm.command(acme.bob, acme.general, "task new")
    assert (opened.body["text"], opened.reply) == ("", None), "nothing to read: a dialog opens"
    dialog = fake_mm.dialogs[-1]
    assert dialog["url"] == f"{served.url}/mattermost/dialogs"
    assert dialog["dialog"]["title"] == "New task"
    values = {"title": "Order furniture", "assignee": acme.carl["id"], "due_date": "2026-12-01"}
    submitted = mm.submit(dialog, values, acme.bob, acme.general)
    assert (submitted.status, submitted.body) == (200, {})
    # The card reaches the channel through the outbox, right after the dialog closed.
    second = fake_mm.wait_for(lambda: fake_mm.posts_in(acme.general["id"])[1:])[-1]
    assert second["message"].startswith("**T-2** Order furniture")
    assert fields_of(second)["Assignee"] == "@carl"

    pressed = mm.press(card, "Complete", acme.anna)
    assert pressed.status == 200
    assert "update" in pressed.body
    assert card["message"].startswith("✅ **T-1** Book the booth")
    assert fields_of(card)["Status"] == "Done"
    assert buttons_of(card) == ["Reopen"]
    done = mm.command(acme.anna, acme.general, "task list done")
    assert "**T-1** Book the booth" in done.text
