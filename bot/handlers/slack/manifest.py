"""The Slack app manifest: everything Slack needs to know about Baton, from one URL.

`baton slack manifest` prints it; paste it at api.slack.com/apps -> Create New App ->
From an app manifest.
"""

from __future__ import annotations

from typing import Any

COMMAND = "/baton"
BOT_NAME = "baton"
TASK_FROM_MESSAGE = "baton_task_from_message"
"""Callback id of the "Create task from message" message shortcut."""
EVENTS_PATH = "/slack/events"
REDIRECT_PATH = "/slack/oauth_redirect"

BOT_SCOPES = (
    "commands",  # /baton and the message shortcut
    "chat:write",  # post task cards and update them in place
    "files:write",  # charts: PNG files shared in the thread of the message they belong to
    "channels:history",  # find a card Slack posted but answered too late, not post it twice
    "groups:history",  # the same in private channels
    "im:history",  # direct messages to Baton are commands
    "im:write",  # open a direct message to notify someone
    "users:read",  # names and time zones of the people mentioned
)
BOT_EVENTS = ("app_home_opened", "message.im", "app_uninstalled", "tokens_revoked")


def manifest(public_url: str, *, socket_mode: bool = False) -> dict[str, Any]:
    """The complete manifest for a Baton reachable at `public_url`.

    With `socket_mode`, Slack delivers everything over the Socket Mode connection and the
    request URLs are left out; the OAuth redirect URL stays for installs.
    """
    base = public_url.rstrip("/")
    events_url = f"{base}{EVENTS_PATH}"
    command: dict[str, Any] = {
        "command": COMMAND,
        "description": "Tasks, checklists, reminders and OKRs, right here in the chat",
        "usage_hint": "task add <title> [@assignee] [due <when>]  ·  help",
        "should_escape": True,  # mentions arrive as <@U123|name>, channels as <#C123|name>
    }
    events: dict[str, Any] = {"bot_events": list(BOT_EVENTS)}
    interactivity: dict[str, Any] = {"is_enabled": True}
    if not socket_mode:
        command["url"] = events_url
        events["request_url"] = events_url
        interactivity["request_url"] = events_url
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {
            "name": "Baton",
            "description": "Team work in the chat: tasks, checklists, reminders and OKR check-ins.",
            "background_color": "#1d3b53",
        },
        "features": {
            "app_home": {
                "home_tab_enabled": True,
                "messages_tab_enabled": True,
                "messages_tab_read_only_enabled": False,
            },
            "bot_user": {"display_name": BOT_NAME, "always_online": True},
            "shortcuts": [
                {
                    "name": "Create task from message",
                    "type": "message",
                    "callback_id": TASK_FROM_MESSAGE,
                    "description": "Turn this message into a Baton task",
                }
            ],
            "slash_commands": [command],
        },
        "oauth_config": {
            "redirect_urls": [f"{base}{REDIRECT_PATH}"],
            "scopes": {"bot": list(BOT_SCOPES)},
        },
        "settings": {
            "event_subscriptions": events,
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }
