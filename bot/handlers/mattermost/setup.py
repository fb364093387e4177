"""`baton mattermost setup --team NAME`: registers the `/baton` slash command in a team."""

from __future__ import annotations

from dataclasses import dataclass

from bot.handlers.mattermost.client import MattermostClient

TRIGGER = "baton"
COMMAND_PATH = "/mattermost/command"
HINT = "task add <title> [@assignee] [due <when>] | task list | help"
DESCRIPTION = "Tasks, checklists, reminders and OKRs, right in the channel"


class SetupError(Exception):
    """Something the operator must fix before the command can be registered."""


@dataclass(frozen=True, slots=True)
class Registered:
    """The registered command: its token goes into MATTERMOST_COMMAND_TOKEN."""

    team_id: str
    token: str
    url: str
    created: bool


def register_command(client: MattermostClient, *, team: str, public_url: str) -> Registered:
    """Creates `/baton` in `team` (pointing at `public_url`), or finds the one made before."""
    found = client.get_team_by_name(team)
    if found is None:
        raise SetupError(f"There is no team named {team!r} (use its URL name, as in /{team}/).")
    team_id = str(found["id"])
    url = public_url.rstrip("/") + COMMAND_PATH
    for command in client.list_commands(team_id):
        if command.get("trigger") == TRIGGER and not command.get("delete_at"):
            return Registered(
                team_id, str(command.get("token", "")), str(command.get("url")), False
            )
    command = client.create_command(
        {
            "team_id": team_id,
            "trigger": TRIGGER,
            "method": "P",
            "url": url,
            "display_name": "Baton",
            "description": DESCRIPTION,
            "auto_complete": True,
            "auto_complete_desc": DESCRIPTION,
            "auto_complete_hint": HINT,
        }
    )
    return Registered(team_id, str(command["token"]), url, True)
