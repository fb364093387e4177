"""Mattermost slash commands go through the inbox: written before the answer, so a command
answered by a process that stops right after is run by another one."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.app import build
from bot.connect import connected_platforms
from bot.core.clock import SimulatedClock
from storage.models import InboxEntry, InboxState
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import QUIET, MattermostServer


def test_an_answered_command_is_in_the_inbox_and_another_process_runs_it(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    served.baton.inbox.stop(grace=0)  # from here on this process runs nothing, as if killed
    response, fields = mm.send_command(acme.bob, acme.general, "task list all")
    assert (response.status_code, response.json()) == (200, QUIET)
    with served.baton.db.transaction() as session:
        [row] = session.scalars(select(InboxEntry))
        assert (row.state, json.loads(row.invocation)["text"]) == (
            InboxState.PENDING,
            "task list all",
        )
    assert fake_mm.responses_to(fields["response_url"]) == []

    settings = served.settings
    other = build(settings, clock=clock, platforms=connected_platforms(settings), migrate=False)
    try:
        other.inbox.start()
        [reply] = fake_mm.wait_for(lambda: fake_mm.responses_to(fields["response_url"]))
        assert reply.body["response_type"] == "ephemeral"
    finally:
        other.inbox.stop(grace=5)
        other.db.dispose()
