"""Every command and button Baton has, on Mattermost: the same conversation as on any platform."""

from __future__ import annotations

import json
from typing import Any

from tests.mattermost.conftest import Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.mattermost.test_story import buttons_of, fields_of


def test_every_command_works(mm: MattermostServer, acme: Team, fake_mm: FakeMattermost) -> None:
    bob, anna, general = acme.bob, acme.anna, acme.general

    def say(text: str, user: dict[str, Any] = bob) -> str:
        answer = mm.command(user, general, text)
        assert answer.status == 200, answer.body
        return answer.text

    assert "/baton task add <title>" in say("help")
    assert "/baton agenda add" not in say("help task")
    say("task add Book the booth @anna due friday 3pm")
    say("task add Print the flyers")
    assert "Your open tasks: 1 task" in say("task list mine", anna)
    assert "Open tasks of @anna: 1 task" in say("task list @anna")
    assert "Open tasks in #general: 2 tasks" in say("task list ~general")
    assert "Nothing is overdue." in say("task list overdue")
    [details] = mm.command(bob, general, "task show T-1").ephemeral
    assert fields_of(details)["Due"] == "Fri 27 Nov 2026 15:00 CET"
    assert buttons_of(details)[0] == "Complete"
    assert "T-1 is now assigned to @carl" in say("task assign T-1 @carl")
    assert "T-2 is now due Thu 26 Nov 2026 17:00" in say("task due T-2 tomorrow 5pm")
    assert "Comment added to T-1" in say("task comment T-1 Booth 12 is ours")
    assert "T-1 now waits for T-2" in say("task block T-1 on T-2")
    assert "@bob completed T-2" in say("task done T-2")
    assert "@bob reopened T-2" in say("task reopen T-2")
    assert "Workload" in say("workload ~general")
    refused = say("handover @carl to @anna until 2026-12-20")
    assert refused == "Only @carl or an admin can hand over @carl's work.", "bob is no admin"
    assert say("handover @carl to @anna until 2026-12-20", acme.carl) == "", "for the channel"
    announcement = fake_mm.posts_in(general["id"])[-1]["message"]
    assert "Handed 1 open task of @carl over to @anna until Sun 20 Dec 2026" in announcement
    assert "Added to the agenda of #general: Booth budget" in say("agenda add Booth budget")
    assert "1. Booth budget" in say("agenda list")
    assert "Cleared 1 topic" in say("agenda clear")
    assert say("settings tz europe/paris") == "Your time zone is now Europe/Paris."
    assert "Time zone: Europe/Paris" in say("settings")
    assert "Delete T-2 “Print the flyers”?" in say("task delete T-2")
    assert "Deleted T-2: Print the flyers" in say("task delete T-2 confirm")
    assert "T-2 is back: Print the flyers" in say("task restore T-2")
    assert "Deleted T-2: Print the flyers" in say("task delete T-2 confirm")
    assert "I don't know" in say("frobnicate")


def test_every_button_works(mm: MattermostServer, acme: Team, fake_mm: FakeMattermost) -> None:
    bob, anna, general = acme.bob, acme.anna, acme.general
    mm.command(bob, general, "task add Order furniture for the IAA booth due friday")
    [card] = fake_mm.posts_in(general["id"])

    assert "update" in mm.press(card, "Assign to me", anna).body
    assert fields_of(card)["Assignee"] == "@anna"
    assert "update" in mm.press(card, "Snooze 1d", anna).body
    assert fields_of(card)["Due"] == "Sat 28 Nov 2026"

    assert mm.press(card, "Comment", anna).body == {}, "the comment dialog opens"
    dialog = fake_mm.dialogs[-1]
    assert dialog["dialog"]["title"] == "Comment on T-1"
    drawn = json.dumps(card["props"])
    assert mm.submit(dialog, {"comment": "Ordered"}, anna, general).body == {}
    assert "Comment" in fake_mm.wait_for(lambda: _last_ephemeral(fake_mm, anna))
    # The comment changed the task: its card is redrawn (through the outbox, a moment later)
    # before anyone presses on it again, or the press would be on an out-of-date card.
    fake_mm.wait_for(lambda: json.dumps(card["props"]) != drawn or None)

    assert "update" in mm.press(card, "Complete", anna).body
    assert buttons_of(card) == ["Reopen"]
    assert "update" in mm.press(card, "Reopen", bob).body
    assert buttons_of(card)[0] == "Complete"

    warning = mm.command(bob, general, "task add Book IAA booth furniture")
    [ephemeral] = warning.ephemeral
    assert buttons_of(ephemeral) == ["Create anyway", "Open T-1"]
    assert mm.press(ephemeral, "Open T-1", bob).body == {}, "the details come as an ephemeral post"
    details = _last_ephemeral(fake_mm, bob)
    assert "**T-1** Order furniture for the IAA booth" in details
    assert mm.press(ephemeral, "Create anyway", bob).body == {}
    # The new card goes out through the outbox, right after the press is answered.
    assert fake_mm.wait_for(
        lambda: (
            fake_mm.posts_in(general["id"])[-1]["message"].startswith(
                "**T-2** Book IAA booth furniture"
            )
            or None
        )
    )


def _last_ephemeral(fake: FakeMattermost, user: dict[str, Any]) -> str:
    posts = fake.ephemerals_for(user["id"])
    return str(posts[-1]["message"]) if posts else ""
