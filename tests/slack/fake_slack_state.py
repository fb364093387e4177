"""What the fake Slack knows: workspaces and their bots, people, channels and messages."""

from __future__ import annotations

import itertools
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bot.handlers.slack.manifest import BOT_SCOPES

if TYPE_CHECKING:
    from tests.slack.fake_slack_files import Upload

Params = dict[str, Any]


@dataclass
class Workspace:
    team_id: str
    name: str
    bot_token: str
    bot_user_id: str
    bot_id: str
    enterprise_id: str | None = None
    users: dict[str, Params] = field(default_factory=dict)
    scopes: set[str] = field(default_factory=lambda: set(BOT_SCOPES))
    """What the install granted: the manifest's scopes, unless a test takes one away."""


@dataclass
class Grant:
    """What oauth.v2.access answers for one authorisation code: a bot token, and with token
    rotation a refresh token; a user token when the app asked for user scopes."""

    team_id: str
    team_name: str
    bot_token: str
    refresh_token: str | None = None
    user_token: str | None = None
    user_refresh_token: str | None = None


class SlackState:
    """Workspaces (by bot token), people, channels Baton is not in, and posted messages."""

    def __init__(self) -> None:
        self.workspaces: dict[str, Workspace] = {}
        self.outside: set[str] = set()
        """Channels where Baton is not a member: posting there answers `not_in_channel`."""
        self.messages: dict[tuple[str, str], Params] = {}
        self.replies: dict[tuple[str, str], list[Params]] = {}
        """Replies in the thread of a message, by its (channel, ts)."""
        self.uploads: dict[str, Upload] = {}
        self.upload_base = ""
        """Where upload URLs point: the fake server itself."""
        self.grants: dict[str, Grant] = {}
        self.client_id = "1111.2222"
        self.client_secret = "fake-client-secret"
        self.socket_url: str | None = None
        self._ts = itertools.count(1)
        self._lock = threading.Lock()

    def add_workspace(self, team_id: str, name: str, bot_token: str) -> Workspace:
        suffix = team_id[1:]
        workspace = Workspace(team_id, name, bot_token, f"UB{suffix}", f"BB{suffix}")
        self.workspaces[bot_token] = workspace
        return workspace

    def add_user(
        self,
        team_id: str,
        user_id: str,
        name: str,
        *,
        tz: str = "Europe/Berlin",
        locale: str = "en-US",
        real_name: str = "",
    ) -> None:
        workspace = next(w for w in self.workspaces.values() if w.team_id == team_id)
        workspace.users[user_id] = user_object(team_id, user_id, name, tz, locale, real_name)

    def next_ts(self) -> str:
        with self._lock:
            n = next(self._ts)
        return f"{1764061200 + n}.{n:06d}"


def user_object(
    team_id: str, user_id: str, name: str, tz: str, locale: str, real_name: str
) -> Params:
    """A `users.info` user, as in Slack's documented example."""
    real = real_name or name.title()
    return {
        "id": user_id,
        "team_id": team_id,
        "name": name,
        "deleted": False,
        "color": "9f69e7",
        "real_name": real,
        "tz": tz,
        "tz_label": tz,
        "tz_offset": 3600,
        "profile": {
            "avatar_hash": "ge3b51ca72de",
            "real_name": real,
            "display_name": name,
            "real_name_normalized": real,
            "display_name_normalized": name,
            "team": team_id,
        },
        "is_admin": False,
        "is_owner": False,
        "is_bot": False,
        "is_app_user": False,
        "updated": 1502138686,
        "locale": locale,
    }
