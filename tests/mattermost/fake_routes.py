"""The API v4 endpoints of the fake Mattermost server, with the server's own checks."""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from tests.mattermost.payloads import payload

if TYPE_CHECKING:
    from tests.mattermost.fake_mattermost import Call, FakeMattermost


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Response:
    """A slash command response POSTed to its response URL, and the post it became (None when
    Mattermost shows nothing)."""

    hook: str
    body: Any
    post: dict[str, Any] | None


class ApiError(Exception):
    def __init__(self, status: int, error_id: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.error_id = error_id
        self.message = message


Handler = Callable[["FakeMattermost", re.Match[str], "Call"], Answer]
ROUTES: list[tuple[str, re.Pattern[str], Handler]] = []

# From Mattermost's model/integration_action.go and the router's action id pattern.
BUTTON_STYLES = {"", "default", "primary", "success", "good", "warning", "danger"}
ELEMENT_TYPES = {"text", "textarea", "select", "bool", "radio", "date", "datetime"}
TEXT_SUBTYPES = {"", "text", "email", "number", "tel", "url", "password"}
ACTION_ID = re.compile(r"^[A-Za-z0-9]+$")


def route(method: str, path: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        ROUTES.append((method, re.compile(path), handler))
        return handler

    return register


def _now() -> int:
    return int(time.time() * 1000)


def _need(condition: bool, message: str, status: int = 400) -> None:
    if not condition:
        raise ApiError(status, "api.context.invalid_body_param.app_error", message)


def _user(fake: FakeMattermost, user_id: str) -> dict[str, Any]:
    user = fake.users.get(user_id)
    if user is None:
        raise ApiError(404, "app.user.missing_account.const", "Unable to find the user.")
    return user


@route("GET", r"/users/(?P<id>[^/]+)")
def get_user(fake: FakeMattermost, match: re.Match[str], _call: Call) -> Answer:
    user_id = fake.bot["id"] if match["id"] == "me" else match["id"]
    return Answer(200, _user(fake, user_id))


@route("GET", r"/users/username/(?P<name>[^/]+)")
def get_user_by_username(fake: FakeMattermost, match: re.Match[str], _call: Call) -> Answer:
    for user in fake.users.values():
        if user["username"] == match["name"]:
            return Answer(200, user)
    raise ApiError(404, "app.user.missing_account.const", "Unable to find the user.")


@route("GET", r"/teams/name/(?P<name>[^/]+)")
def get_team_by_name(fake: FakeMattermost, match: re.Match[str], _call: Call) -> Answer:
    for team in fake.teams.values():
        if team["name"] == match["name"]:
            return Answer(200, team)
    raise ApiError(404, "app.team.get_by_name.missing.app_error", "Unable to find the team.")


@route("GET", r"/teams/(?P<team>[^/]+)/members/(?P<user>[^/]+)")
def get_team_member(fake: FakeMattermost, match: re.Match[str], _call: Call) -> Answer:
    """As the server: the caller needs `view_team` (the bot is a member of the team), and a
    member who left is still returned, with `delete_at` set."""
    if not fake.is_team_member(match["team"], fake.bot["id"]):
        raise ApiError(
            403, "api.context.permissions.app_error", "You do not have the appropriate permissions."
        )
    member = fake.team_members[match["team"]].get(match["user"])
    if member is None:
        raise ApiError(
            404, "app.team.get_member.missing.app_error", "Unable to find the team member."
        )
    return Answer(200, member)


@route("POST", r"/channels/direct")
def create_direct_channel(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    ids = call.body
    _need(isinstance(ids, list) and len(ids) == 2, "Invalid or missing user_ids in request body.")
    for user_id in ids:
        _user(fake, user_id)
    name = "__".join(sorted(ids))
    channel = fake.direct_channel(ids[1] if ids[0] == fake.bot["id"] else ids[0])
    if channel is None or channel["name"] != name:
        channel = payload("api_channel", id=new_id(), name=name, creator_id=fake.bot["id"])
        fake.channels[channel["id"]] = channel
        fake.members[channel["id"]] = set(ids)
    return Answer(201, channel)


def _check_attachments(props: Any) -> None:
    _need(isinstance(props, dict), "Invalid props.")
    for attachment in props.get("attachments") or []:
        for action in attachment.get("actions") or []:
            _need(bool(action.get("name")), "action must have a name")
            _need(action.get("type", "button") in ("button", "select"), "invalid action type")
            _need(action.get("style", "") in BUTTON_STYLES, "invalid style")
            _need(ACTION_ID.match(action.get("id") or "x") is not None, "invalid action id")
            url = (action.get("integration") or {}).get("url", "")
            _need(
                urlsplit(url).scheme in ("http", "https"),
                "action must have an valid integration URL",
            )


def _new_post(fake: FakeMattermost, body: Any) -> dict[str, Any]:
    _need(isinstance(body, dict) and bool(body.get("channel_id")), "Invalid channel_id.")
    props = body.get("props") or {}
    _check_attachments(props)
    has_files = bool(body.get("file_ids"))
    _need(
        bool(body.get("message")) or bool(props.get("attachments")) or has_files, "Invalid message."
    )
    now = _now()
    return payload(
        "api_post",
        id=new_id(),
        create_at=now,
        update_at=now,
        user_id=fake.bot["id"],
        channel_id=body["channel_id"],
        message=body.get("message", ""),
        props=props,
        type="slack_attachment" if props.get("attachments") else "",
    )


@route("POST", r"/posts")
def create_post(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    post = _new_post(fake, call.body)
    channel = fake.channels.get(post["channel_id"])
    if channel is None or fake.bot["id"] not in fake.members.get(channel["id"], set()):
        raise ApiError(
            403, "api.context.permissions.app_error", "You do not have the appropriate permissions."
        )
    from tests.mattermost.fake_files import attach  # files register their routes there

    attach(fake, post, call.body.get("file_ids"))
    fake.posts[post["id"]] = post
    return Answer(201, post)


@route("GET", r"/channels/(?P<id>[a-z0-9]+)/posts")
def channel_posts(fake: FakeMattermost, match: re.Match[str], call: Call) -> Answer:
    """A PostList, newest first (api.mattermost.com: GET /api/v4/channels/{channel_id}/posts)."""
    channel = fake.channels.get(match["id"])
    if channel is None or fake.bot["id"] not in fake.members.get(channel["id"], set()):
        raise ApiError(
            403, "api.context.permissions.app_error", "You do not have the appropriate permissions."
        )
    per_page = int((call.query.get("per_page") or ["60"])[0])
    newest = sorted(fake.posts_in(channel["id"]), key=lambda p: p["create_at"], reverse=True)
    page = newest[:per_page]
    return Answer(
        200,
        {
            "order": [post["id"] for post in page],
            "posts": {post["id"]: post for post in page},
            "next_post_id": "",
            "prev_post_id": "",
            "has_next": len(newest) > per_page,
        },
    )


@route("PUT", r"/posts/(?P<id>[a-z0-9]+)/patch")
def patch_post(fake: FakeMattermost, match: re.Match[str], call: Call) -> Answer:
    post = fake.posts.get(match["id"])
    if post is None:
        raise ApiError(404, "app.post.get.app_error", "Unable to get the post.")
    patch = call.body if isinstance(call.body, dict) else {}
    if "props" in patch:
        _check_attachments(patch["props"])
        post["props"] = patch["props"]
    if "message" in patch:
        post["message"] = patch["message"]
    if "file_ids" in patch:
        from tests.mattermost.fake_files import attach

        attach(fake, post, patch["file_ids"])
    post["edit_at"] = post["update_at"] = _now()
    return Answer(200, post)


@route("POST", r"/posts/ephemeral")
def create_ephemeral_post(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    body = call.body if isinstance(call.body, dict) else {}
    _need(bool(body.get("user_id")), "Invalid user_id.")
    post = _new_post(fake, body.get("post"))
    fake.ephemerals[post["id"]] = (body["user_id"], post)
    return Answer(201, post)


RESPONSE_TYPES = {"", "ephemeral", "in_channel"}
RESPONSE_USES = 5  # Mattermost accepts five responses per command, within 30 minutes


@route("POST", r"/hooks/commands/(?P<id>[A-Za-z0-9]+)")
def command_response(fake: FakeMattermost, match: re.Match[str], call: Call) -> Answer:
    """A slash command's late response, applied as the server applies the immediate one."""
    hook = fake.hooks.get(match["id"])
    if hook is None:
        raise ApiError(404, "web.command_webhook.invalid.app_error", "Unable to find the hook.")
    used = sum(1 for response in fake.responses if response.hook == match["id"])
    _need(used < RESPONSE_USES, "Too many responses to this command.")
    body = call.body
    _need(isinstance(body, dict), "Unable to parse the command response.")
    _need(body.get("response_type", "") in RESPONSE_TYPES, "Invalid response type.")
    attachments = body.get("attachments") or []
    _check_attachments({"attachments": attachments})
    user_id, channel_id = hook
    post: dict[str, Any] | None = None
    if body.get("text") or attachments:  # an empty ephemeral response shows nothing
        post = payload(
            "api_post",
            id=new_id(),
            user_id=user_id,
            channel_id=channel_id,
            message=body.get("text", ""),
            props={"attachments": attachments, "from_webhook": "true"},
        )
        if body.get("response_type") == "in_channel":
            fake.posts[post["id"]] = post
        else:
            fake.ephemerals[post["id"]] = (user_id, post)
    fake.responses.append(Response(match["id"], body, post))
    return Answer(200, b"ok")


def _check_dialog(dialog: Any) -> None:
    _need(isinstance(dialog, dict), "Invalid dialog.")
    _need(0 < len(dialog.get("title", "")) <= 24, "invalid dialog title")
    names = set()
    for element in dialog.get("elements") or []:
        _need(element.get("name") not in names, "duplicate dialog element")
        names.add(element.get("name"))
        _need(len(element.get("display_name", "")) <= 24, "display name too long")
        _need(len(element.get("help_text", "")) <= 150, "help text too long")
        _need(element.get("type") in ELEMENT_TYPES, "invalid element type")
        if element["type"] in ("text", "textarea"):
            _need(element.get("subtype", "") in TEXT_SUBTYPES, "invalid subtype")
        if element["type"] == "select" and not element.get("data_source"):
            _need(bool(element.get("options")), "select needs options or a data source")


@route("POST", r"/actions/dialogs/open")
def open_dialog(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    body = call.body if isinstance(call.body, dict) else {}
    _need(bool(body.get("url")), "empty URL")
    issued = fake.triggers.get(body.get("trigger_id", ""))
    if issued is None:
        raise ApiError(
            400, "interactive_message.decode_trigger_id.missing_data", "Invalid trigger id."
        )
    if time.monotonic() - issued[1] > fake.trigger_timeout:
        raise ApiError(400, "interactive_message.decode_trigger_id.expired", "Trigger ID expired.")
    _check_dialog(body.get("dialog"))
    fake.dialogs.append({**body, "user_id": issued[0]})
    return Answer(200, {"status": "OK"})


@route("GET", r"/commands")
def list_commands(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    team_id = (call.query.get("team_id") or [""])[0]
    return Answer(200, [c for c in fake.commands.values() if c["team_id"] == team_id])


@route("POST", r"/commands")
def create_command(fake: FakeMattermost, _match: re.Match[str], call: Call) -> Answer:
    body = call.body if isinstance(call.body, dict) else {}
    _need(body.get("team_id") in fake.teams, "Invalid team_id.")
    _need(body.get("method") in ("P", "G"), "Invalid method.")
    _need(urlsplit(body.get("url", "")).scheme in ("http", "https"), "Invalid URL.")
    for command in fake.commands.values():
        _need(
            (command["team_id"], command["trigger"]) != (body["team_id"], body.get("trigger")),
            "This trigger word is already in use.",
        )
    now = _now()
    fields = {k: v for k, v in body.items() if k in payload("api_command")}
    command = payload("api_command", **fields)
    command.update(
        id=new_id(), token=new_id(), create_at=now, update_at=now, creator_id=fake.bot["id"]
    )
    fake.commands[command["id"]] = command
    return Answer(201, command)


def new_id() -> str:
    """A 26-character id like Mattermost's."""
    alphabet = "abcdefghijkmnopqrstuwxyz13456789"
    return "".join(secrets.choice(alphabet) for _ in range(26))
