"""A Mattermost that makes a post but answers after the client gave up: one post, kept current."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from bot.core.clock import SimulatedClock
from bot.handlers.mattermost import wiring
from storage.models import OutboxMessage, OutboxState
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer

TIMEOUT = 1.0
"""The client's timeout in these tests (10 s in production), so that a late answer is quick."""


@pytest.fixture(autouse=True)
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Baton's Mattermost client gives up after TIMEOUT seconds (set before Baton is built)."""
    monkeypatch.setattr(wiring, "API_TIMEOUT", TIMEOUT)


def waiting_after_timeout(served: Served) -> bool:
    with served.baton.db.transaction() as session:
        errors = session.scalars(
            select(OutboxMessage.last_error).where(OutboxMessage.state == OutboxState.PENDING)
        ).all()
    return any(error.startswith("timeout") for error in errors)


def cards(fake: FakeMattermost, channel_id: str, title: str) -> list[dict[str, Any]]:
    return [p for p in fake.posts_in(channel_id) if title in str(p["message"])]


def test_a_post_made_but_answered_too_late_is_found_not_made_twice(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    fake_mm.answer_late("POST", "/posts", TIMEOUT + 2)
    mm.command(acme.bob, acme.general, "task add Late answer")
    channel = acme.general["id"]
    first = fake_mm.wait_for(lambda: cards(fake_mm, channel, "Late answer"))[0]
    assert first["props"]["baton_delivery"].startswith("outbox:")
    # Baton gave up waiting: the post is to be sent again after the outbox's backoff
    fake_mm.wait_for(lambda: waiting_after_timeout(served), timeout=TIMEOUT + 5)
    clock.advance(timedelta(seconds=10))
    served.baton.deliver_outbox()
    assert fake_mm.calls_to("GET", f"/channels/{channel}/posts"), "it looked first"
    assert len(fake_mm.calls_to("POST", "/posts")) == 1, "the post was not made a second time"
    assert len(cards(fake_mm, channel, "Late answer")) == 1
    assert fake_mm.calls_to("PUT", f"/posts/{first['id']}/patch"), "the post found was redrawn"

    # and it is remembered: the next change redraws that post in place
    mm.command(acme.bob, acme.general, "task done T-1")
    fake_mm.wait_for(lambda: len(fake_mm.calls_to("PUT", f"/posts/{first['id']}/patch")) >= 2)
    assert len(fake_mm.calls_to("POST", "/posts")) == 1
