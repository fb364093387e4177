"""Bare command tokens work once `baton mattermost setup` recorded their team, and only there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.app import build
from bot.config import Settings
from bot.connect import connected_platforms, platform_routes
from bot.handlers.mattermost.command_tokens import CommandTokenError, record_command_token
from tests.mattermost.conftest import COMMAND_TOKEN, OTHER_TEAM_TOKEN, OtherTeam, Served, Team
from tests.mattermost.outgoing import MattermostServer


@pytest.fixture
def command_tokens() -> str:
    """As configured before tokens had teams: bare tokens."""
    return f"{COMMAND_TOKEN},{OTHER_TEAM_TOKEN}"


def test_bare_tokens_need_their_recorded_team(
    mm: MattermostServer,
    mm_globex: MattermostServer,
    acme: Team,
    globex: OtherTeam,
    served: Served,
    caplog: pytest.LogCaptureFixture,
) -> None:
    warned = [r.getMessage() for r in caplog.get_records("setup") if r.levelname == "WARNING"]
    assert len(warned) == 2, "each bare token without a team is named at start-up"
    assert all("team_id:token pairs" in line for line in warned)
    assert all(COMMAND_TOKEN not in line for line in warned), "by its last characters only"

    assert mm.command(acme.bob, acme.general, "help").status == 401
    record_command_token(served.baton.db, acme.team["id"], COMMAND_TOKEN, datetime.now(UTC))
    assert mm.command(acme.bob, acme.general, "help").status == 200, "no restart needed"
    answer = mm_globex.command(globex.eve, globex.general, "help", token=COMMAND_TOKEN)
    assert answer.status == 401, "acme's token, globex's team"

    caplog.clear()
    assert mm_globex.command(globex.eve, globex.general, "help").status == 401
    [line] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert f"token ending in {OTHER_TEAM_TOKEN[-4:]} has no team" in line
    assert "team_id:token pairs" in line


def test_a_malformed_setting_stops_the_start(settings: Settings) -> None:
    wrong = settings.model_copy(
        update={
            "mattermost_url": "http://127.0.0.1:9",
            "mattermost_token": "bot",
            "mattermost_command_token": f"team1:{COMMAND_TOKEN}:x",
        }
    )
    baton = build(wrong, platforms=connected_platforms(wrong), migrate=False)
    try:
        with pytest.raises(CommandTokenError, match="entry 1 is neither team_id:token"):
            platform_routes(baton, wrong)
    finally:
        baton.db.dispose()
