"""What the fake Slack knows and how each Web API method answers, shaped like Slack's documented
responses (docs.slack.dev/reference/methods)."""

from __future__ import annotations

import base64
import itertools
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from tests.slack.blockkit import blocks_problem, view_problem

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


@dataclass
class Grant:
    """What oauth.v2.access answers for one authorisation code."""

    team_id: str
    team_name: str
    bot_token: str


class SlackState:
    """Workspaces (by bot token), people, channels Baton is not in, and posted messages."""

    def __init__(self) -> None:
        self.workspaces: dict[str, Workspace] = {}
        self.outside: set[str] = set()
        """Channels where Baton is not a member: posting there answers `not_in_channel`."""
        self.messages: dict[tuple[str, str], Params] = {}
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


def answer(
    state: SlackState, method: str, params: Params, token: str | None, headers: dict[str, str]
) -> Params:
    """The JSON body Slack answers `method` with."""
    if method == "oauth.v2.access":
        return _oauth_access(state, params, headers)
    if method == "apps.connections.open":
        if not (token or "").startswith("xapp-") or state.socket_url is None:
            return {"ok": False, "error": "invalid_auth"}
        return {"ok": True, "url": state.socket_url}
    if method == "api.test":
        return {"ok": True, "args": params}
    workspace = state.workspaces.get(token or "")
    if workspace is None:
        return {"ok": False, "error": "not_authed" if not token else "invalid_auth"}
    handler = _METHODS.get(method)
    if handler is None:
        return {"ok": False, "error": "unknown_method"}
    return handler(state, workspace, params)


def _auth_test(state: SlackState, ws: Workspace, params: Params) -> Params:
    return {
        "ok": True,
        "url": f"https://{ws.name}.slack.com/",
        "team": ws.name,
        "user": "baton",
        "team_id": ws.team_id,
        "user_id": ws.bot_user_id,
        "bot_id": ws.bot_id,
        "is_enterprise_install": False,
    }


def _post_message(state: SlackState, ws: Workspace, params: Params) -> Params:
    channel = str(params.get("channel") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if channel in state.outside:
        return {"ok": False, "error": "not_in_channel"}
    if not params.get("text") and not params.get("blocks"):
        return {"ok": False, "error": "no_text"}
    if problem := blocks_problem(params.get("blocks")):
        return {"ok": False, "error": "invalid_blocks", "errors": [problem]}
    if channel.startswith("U"):  # a user id posts into the app's DM with them
        channel = "D" + channel[1:]
    ts = state.next_ts()
    message = {
        "type": "message",
        "subtype": "bot_message",
        "text": params.get("text", ""),
        "ts": ts,
        "bot_id": ws.bot_id,
        "blocks": params.get("blocks", []),
    }
    state.messages[(channel, ts)] = message
    return {"ok": True, "channel": channel, "ts": ts, "message": message}


def _update(state: SlackState, ws: Workspace, params: Params) -> Params:
    key = (str(params.get("channel") or ""), str(params.get("ts") or ""))
    if key not in state.messages:
        return {"ok": False, "error": "message_not_found"}
    if problem := blocks_problem(params.get("blocks")):
        return {"ok": False, "error": "invalid_blocks", "errors": [problem]}
    state.messages[key].update(text=params.get("text", ""), blocks=params.get("blocks", []))
    return {
        "ok": True,
        "channel": key[0],
        "ts": key[1],
        "text": params.get("text", ""),
        "message": state.messages[key],
    }


def _ephemeral(state: SlackState, ws: Workspace, params: Params) -> Params:
    if str(params.get("channel") or "") in state.outside:
        return {"ok": False, "error": "not_in_channel"}
    if problem := blocks_problem(params.get("blocks")):
        return {"ok": False, "error": "invalid_blocks", "errors": [problem]}
    return {"ok": True, "message_ts": state.next_ts()}


def _permalink(state: SlackState, ws: Workspace, params: Params) -> Params:
    channel, ts = str(params.get("channel") or ""), str(params.get("message_ts") or "")
    if not channel or not ts:
        return {"ok": False, "error": "message_not_found"}
    link = f"https://{ws.name}.slack.com/archives/{channel}/p{ts.replace('.', '')}"
    return {"ok": True, "channel": channel, "permalink": link}


def _view(state: SlackState, ws: Workspace, params: Params, kind: str) -> Params:
    view = params.get("view")
    if isinstance(view, str):
        view = json.loads(view)
    if kind == "modal" and not params.get("trigger_id"):
        return {"ok": False, "error": "invalid_trigger_id"}
    if kind == "home" and not params.get("user_id"):
        return {"ok": False, "error": "invalid_arguments"}
    if problem := view_problem(view):
        return {
            "ok": False,
            "error": "invalid_arguments",
            "response_metadata": {"messages": [problem]},
        }
    assert isinstance(view, dict)
    view_id = f"V{state.next_ts().replace('.', '')[-9:]}"
    return {
        "ok": True,
        "view": {
            "id": view_id,
            "team_id": ws.team_id,
            "app_id": "A0BATON",
            "bot_id": ws.bot_id,
            "hash": f"{view_id}.hash",
            **view,
        },
    }


def _users_info(state: SlackState, ws: Workspace, params: Params) -> Params:
    user = ws.users.get(str(params.get("user") or ""))
    if user is None:
        return {"ok": False, "error": "user_not_found"}
    return {"ok": True, "user": user}


def _users_list(state: SlackState, ws: Workspace, params: Params) -> Params:
    return {
        "ok": True,
        "members": list(ws.users.values()),
        "cache_ts": 1498777272,
        "response_metadata": {"next_cursor": ""},
    }


def _open_dm(state: SlackState, ws: Workspace, params: Params) -> Params:
    users = str(params.get("users") or "")
    if not users or "," in users:
        return {"ok": False, "error": "users_list_not_supplied"}
    return {"ok": True, "no_op": True, "already_open": True, "channel": {"id": "D" + users[1:]}}


def _oauth_access(state: SlackState, params: Params, headers: dict[str, str]) -> Params:
    client_id, client_secret = params.get("client_id"), params.get("client_secret")
    auth = headers.get("authorization", "")
    if auth.lower().startswith("basic "):
        client_id, _, client_secret = base64.b64decode(auth[6:]).decode().partition(":")
    if (client_id, client_secret) != (state.client_id, state.client_secret):
        return {"ok": False, "error": "invalid_client_id"}
    grant = state.grants.pop(str(params.get("code") or ""), None)
    if grant is None:
        return {"ok": False, "error": "invalid_code"}
    ws = state.add_workspace(grant.team_id, grant.team_name, grant.bot_token)
    return {
        "ok": True,
        "access_token": grant.bot_token,
        "token_type": "bot",
        "scope": "commands,chat:write,im:history,im:write,users:read",
        "bot_user_id": ws.bot_user_id,
        "app_id": "A0BATON",
        "team": {"name": grant.team_name, "id": grant.team_id},
        "enterprise": None,
        "authed_user": {"id": "U0INSTALLER"},
        "is_enterprise_install": False,
    }


_METHODS = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.update": _update,
    "chat.postEphemeral": _ephemeral,
    "chat.getPermalink": _permalink,
    "views.open": lambda s, w, p: _view(s, w, p, "modal"),
    "views.publish": lambda s, w, p: _view(s, w, p, "home"),
    "users.info": _users_info,
    "users.list": _users_list,
    "conversations.open": _open_dm,
}
