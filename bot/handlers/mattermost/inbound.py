"""Mattermost's requests as Baton invocations: slash commands, button presses, dialog submissions.

Field names follow Mattermost's documentation: the custom slash command's form fields, the
`PostActionIntegrationRequest` of a button press and the `SubmitDialogRequest` of a dialog.
Each builder returns the invocation, or the names of the fields it misses.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from urllib.parse import parse_qsl

from bot.commands.invocation import ButtonPress, FormSubmission, Invocation, Origin
from bot.core.actor import Actor
from bot.handlers.mattermost.context import ButtonContext, DialogState
from bot.handlers.mattermost.dialogs import submitted_values
from bot.handlers.mattermost.origin import origin

PLATFORM = "mattermost"
_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# Mattermost makes response URLs as SiteURL/hooks/commands/<id>.
_RESPONSE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?/hooks/commands/[A-Za-z0-9]{1,64}$")


def form_fields(body: bytes) -> dict[str, str] | None:
    """The fields of a form-urlencoded body (the first of repeated ones); None if malformed."""
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, max_num_fields=64)
    except (UnicodeDecodeError, ValueError):
        return None
    fields: dict[str, str] = {}
    for name, value in pairs:
        fields.setdefault(name, value)
    return fields


def command_token(authorization: str, fields: Mapping[str, str]) -> str:
    """The token Mattermost sent: `Authorization: Token …`, or the `token` field."""
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() == "token" and token.strip():
        return token.strip()
    return fields.get("token", "")


def response_url(fields: Mapping[str, str], server: str) -> str:
    """Where to answer the command later; empty when the field is missing, is not shaped as
    Mattermost makes it, or points elsewhere than the Mattermost server at `server` (Baton
    posts nothing to any other URL: the reply may show a team's tasks)."""
    url = fields.get("response_url", "")
    if len(url) > 2000 or not _RESPONSE_URL.match(url):
        return ""
    allowed = origin(server)
    return url if allowed is not None and origin(url) == allowed else ""


def _text(fields: Mapping[str, object], name: str, limit: int = 200) -> str:
    value = fields.get(name)
    return value[:limit] if isinstance(value, str) else ""


def _missing(fields: Mapping[str, object], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not _ID.match(_text(fields, name))]


def _actor(fields: Mapping[str, object], team_id: str, *, channel_id: str = "") -> Actor:
    channel_name = _text(fields, "channel_name")
    return Actor(
        platform=PLATFORM,
        team_id=team_id,
        user_id=_text(fields, "user_id"),
        channel_id=channel_id or _text(fields, "channel_id"),
        team_name=_text(fields, "team_domain"),
        user_name=_text(fields, "user_name", 100),
        channel_name=channel_name,
    )


def command_invocation(fields: Mapping[str, str], server: str) -> Invocation | list[str]:
    """A slash command; its trigger id (unique per command) is the delivery key. It is
    answered through its response URL only when that is on the Mattermost server at `server`."""
    missing = _missing(fields, ("team_id", "user_id", "channel_id"))
    if missing:
        return missing
    trigger = fields.get("trigger_id") or None
    key = "mm-command:" + hashlib.sha256(trigger.encode()).hexdigest() if trigger else None
    return Invocation(
        actor=_actor(fields, fields["team_id"]),
        text=fields.get("text", ""),
        trigger_id=trigger,
        idempotency_key=key,
        origin=Origin(response_url=response_url(fields, server) or None),
    )


def press_invocation(body: Mapping[str, object], button: ButtonContext) -> Invocation | list[str]:
    """A button press in the button's team. A button that changes something acts once per
    signed context, whatever post it comes with (see `bot.commands.dispatch.delivery_key`)."""
    missing = _missing(body, ("user_id", "channel_id", "post_id"))
    if missing:
        return missing
    press = ButtonPress(
        action=button.action, value=button.value, message_ref=_text(body, "post_id")
    )
    return Invocation(
        actor=_actor(body, button.team),
        press=press,
        trigger_id=_text(body, "trigger_id", 1000) or None,
    )


def submission_invocation(body: Mapping[str, object], state: DialogState) -> Invocation | list[str]:
    """A dialog submission, in the team and channel the dialog was opened for (Mattermost
    sends an empty team id from direct channels)."""
    missing = _missing(body, ("user_id",))
    values = submitted_values(body.get("submission"))
    if values is None:
        missing.append("submission")
    if missing or values is None:
        return missing
    channel = _text(body, "channel_id") if _ID.match(_text(body, "channel_id")) else state.channel
    if not channel:
        return ["channel_id"]
    submission = FormSubmission(form_id=state.form, values=values, context=state.context)
    return Invocation(
        actor=_actor(body, state.team, channel_id=channel),
        submission=submission,
        # Every submission of one dialog carries its nonce: only the first that succeeds acts.
        idempotency_key="mm-dialog:" + _digest(state.team, state.nonce),
    )


def _digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def team_conflicts(body: Mapping[str, object], team: str) -> bool:
    """Whether the request comes from another team than the signed one."""
    given = _text(body, "team_id")
    return bool(given) and given != team
