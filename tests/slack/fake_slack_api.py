"""How each Web API method answers in the fake Slack, shaped like Slack's documented
responses (docs.slack.dev/reference/methods)."""

from __future__ import annotations

import base64
import json
from typing import Any

from tests.slack import fake_slack_files
from tests.slack.blockkit import blocks_problem, view_problem
from tests.slack.fake_slack_state import SlackState, Workspace

Params = dict[str, Any]


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
    metadata = params.get("metadata")
    if isinstance(metadata, str):  # form-encoded, the metadata is a JSON string
        metadata = json.loads(metadata)
    if metadata:
        if not isinstance(metadata, dict) or not metadata.get("event_type"):
            return {"ok": False, "error": "invalid_metadata_format"}
        message["metadata"] = metadata
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


def _history(state: SlackState, ws: Workspace, params: Params) -> Params:
    """docs.slack.dev/reference/methods/conversations.history: newest first; a message's
    metadata only with `include_all_metadata`."""
    channel = str(params.get("channel") or "")
    if not channel:
        return {"ok": False, "error": "channel_not_found"}
    if channel in state.outside:
        return {"ok": False, "error": "not_in_channel"}
    limit = min(int(params.get("limit") or 100), 999)
    with_metadata = str(params.get("include_all_metadata")).lower() in {"true", "1"}
    found = sorted(
        (m for (where, _ts), m in state.messages.items() if where == channel),
        key=lambda m: float(m["ts"]),
        reverse=True,
    )
    messages = [
        m if with_metadata else {k: v for k, v in m.items() if k != "metadata"}
        for m in found[:limit]
    ]
    return {
        "ok": True,
        "messages": messages,
        "has_more": len(found) > limit,
        "pin_count": 0,
        "response_metadata": {"next_cursor": ""},
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
    return {"ok": True, "user": _with_locale(user, params)}


def _with_locale(user: Params, params: Params) -> Params:
    """Slack sends a person's `locale` ("de-DE") only when asked with `include_locale=true`."""
    if str(params.get("include_locale") or "").lower() in ("1", "true"):
        return user
    return {k: v for k, v in user.items() if k != "locale"}


def _users_list(state: SlackState, ws: Workspace, params: Params) -> Params:
    return {
        "ok": True,
        "members": [_with_locale(user, params) for user in ws.users.values()],
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
    # docs.slack.dev/reference/methods/oauth.v2.access; with token rotation each token comes
    # with a refresh token and its lifetime
    installer: Params = {"id": "U0INSTALLER"}
    if grant.user_token:
        installer |= {"access_token": grant.user_token, "scope": "search:read"}
        installer |= {"token_type": "user"}
    if grant.user_refresh_token:
        installer |= {"refresh_token": grant.user_refresh_token, "expires_in": 43200}
    answer: Params = {
        "ok": True,
        "access_token": grant.bot_token,
        "token_type": "bot",
        "scope": "commands,chat:write,im:history,im:write,users:read",
        "bot_user_id": ws.bot_user_id,
        "app_id": "A0BATON",
        "team": {"name": grant.team_name, "id": grant.team_id},
        "enterprise": None,
        "authed_user": installer,
        "is_enterprise_install": False,
    }
    if grant.refresh_token:
        answer |= {"refresh_token": grant.refresh_token, "expires_in": 43200}
    return answer


_METHODS = {
    "auth.test": _auth_test,
    "chat.postMessage": _post_message,
    "chat.update": _update,
    "chat.postEphemeral": _ephemeral,
    "chat.getPermalink": _permalink,
    "conversations.history": _history,
    "views.open": lambda s, w, p: _view(s, w, p, "modal"),
    "views.publish": lambda s, w, p: _view(s, w, p, "home"),
    "users.info": _users_info,
    "users.list": _users_list,
    "conversations.open": _open_dm,
    "conversations.replies": fake_slack_files.replies,
    "files.getUploadURLExternal": fake_slack_files.get_upload_url,
    "files.completeUploadExternal": fake_slack_files.complete_upload,
}
