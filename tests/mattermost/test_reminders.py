"""Reminders over Mattermost: a channel reminder posted by the worker, its buttons pressed."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from bot.core.clock import SimulatedClock
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer


def buttons_of(post: dict[str, Any]) -> list[str]:
    attachments = post["props"].get("attachments") or []
    return [action["name"] for a in attachments for action in a.get("actions", [])]


def test_a_channel_reminder_goes_off_in_mattermost_and_its_buttons_work(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    answer = mm.command(acme.bob, acme.general, "remind ~general to update the tracker in 1 hour")
    assert answer.status == 200
    assert "I will remind #general “update the tracker”" in answer.text
    clock.advance(timedelta(hours=1))
    served.baton.tick()

    def reminders() -> list[dict[str, Any]]:
        return [p for p in fake_mm.posts_in(acme.general["id"]) if "update the tracker" in str(p)]

    [posted] = fake_mm.wait_for(reminders)
    assert buttons_of(posted) == [
        "Mark complete",
        "20 min",
        "1 hour",
        "3 hours",
        "Tomorrow 9:00",
        "Next week",
        "Delete",
    ]
    pressed = mm.press(posted, "Mark complete", acme.anna)
    assert pressed.status == 200
    assert "Marked complete: update the tracker" in str(pressed.body)
    listed = mm.command(acme.bob, acme.general, "reminders ~general")
    assert "No reminders" in listed.text
