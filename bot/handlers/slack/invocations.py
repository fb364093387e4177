"""Slack payloads as Baton invocations, with what is needed to answer them where they came from.

The workspace is always the one Bolt authorised the request for (its installation or the
single bot token), never a team id copied from the payload: a request can only ever reach
the data of the workspace that signed it.
"""

from __future__ import annotations

import hashlib
import html
import re
from dataclasses import dataclass
from typing import Any

from bot.commands.invocation import ButtonPress, FormSubmission, Invocation
from bot.core.actor import Actor
from bot.handlers.slack.forms import Submitted
from bot.handlers.slack.platform import NAME, message_ref

Payload = dict[str, Any]
_LEADING_COMMAND = re.compile(r"^\s*/?baton\b\s*", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    """Where in Slack an invocation came from, so its reply goes back there."""

    team_id: str
    channel_id: str
    user_id: str
    channel_name: str = ""
    response_url: str | None = None
    ephemeral_source: bool = False
    """The pressed button sat on a message only this person sees (update via response_url)."""
    home_source: bool = False
    """The pressed button sat on the App Home tab (the outbox republishes it)."""
    direct: bool = False
    """A direct message with Baton: every reply goes into that conversation."""


def command_text(text: str) -> str:
    """Slash command text as typed: Slack escapes `&`, `<` and `>` it did not add itself."""
    return html.unescape(text or "").strip()


def actor_of(origin: Origin, user_name: str = "", team_name: str = "") -> Actor:
    return Actor(
        platform=NAME,
        team_id=origin.team_id,
        user_id=origin.user_id,
        channel_id=origin.channel_id,
        team_name=team_name,
        user_name=user_name,
        channel_name=origin.channel_name,
        is_direct=origin.direct or origin.channel_id.startswith("D"),
    )


def from_command(
    body: Payload, team_id: str, request_timestamp: str = ""
) -> tuple[Invocation, Origin]:
    """`/baton …`: the trigger id makes a retried delivery recognisable, or without one the
    request's own fields (`request_timestamp` is its X-Slack-Request-Timestamp)."""
    origin = Origin(
        team_id=team_id,
        channel_id=str(body.get("channel_id") or ""),
        user_id=str(body.get("user_id") or ""),
        channel_name=channel_name(body.get("channel_name")),
        response_url=body.get("response_url") or None,
    )
    trigger = body.get("trigger_id") or None
    invocation = Invocation(
        actor=actor_of(
            origin, str(body.get("user_name") or ""), str(body.get("team_domain") or "")
        ),
        text=command_text(str(body.get("text") or "")),
        trigger_id=trigger,
        idempotency_key=f"trigger:{trigger}"
        if trigger
        else command_key(body, team_id, request_timestamp),
    )
    return invocation, origin


def command_key(body: Payload, team_id: str, request_timestamp: str) -> str | None:
    """A delivery key for a command without a trigger id.

    The same request sent again carries the same signed timestamp and fields; the same words
    typed again later are signed with a later timestamp, so they are a new command. Without a
    timestamp (Socket Mode) nothing tells the two apart, and the command is not deduplicated.
    """
    if not request_timestamp:
        return None
    fields = ("user_id", "channel_id", "command", "text")
    parts = (team_id, *(str(body.get(name) or "") for name in fields), request_timestamp)
    return "request:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def from_button(body: Payload, team_id: str) -> tuple[Invocation, Origin]:
    """A block action; presses are recognised as repeats by message, button and value."""
    action = (body.get("actions") or [{}])[0]
    container = body.get("container") or {}
    channel = body.get("channel") or {}
    user = body.get("user") or {}
    home = container.get("type") == "view"
    channel_id = str(channel.get("id") or container.get("channel_id") or "")
    ts = container.get("message_ts")
    ref = message_ref(channel_id, str(ts)) if channel_id and ts else None
    if home:
        ref = f"view:{container.get('view_id') or ''}"
    origin = Origin(
        team_id=team_id,
        channel_id=channel_id or str(user.get("id") or ""),
        user_id=str(user.get("id") or ""),
        channel_name=channel_name(channel.get("name")),
        response_url=body.get("response_url") or None,
        ephemeral_source=bool(container.get("is_ephemeral")),
        home_source=home,
        # Only Baton posts lasting messages in a DM, so such a DM is one with Baton.
        direct=home or (channel_id.startswith("D") and not container.get("is_ephemeral")),
    )
    press = ButtonPress(
        action=str(action.get("action_id") or ""),
        value=str(action.get("value") or ""),
        message_ref=ref,
    )
    invocation = Invocation(
        actor=actor_of(origin, str(user.get("username") or user.get("name") or "")),
        press=press,
        trigger_id=body.get("trigger_id") or None,
    )
    return invocation, origin


def from_submission(body: Payload, form: Submitted, team_id: str) -> tuple[Invocation, Origin]:
    """A submitted modal; it tells which channel it was opened from in its metadata."""
    user = body.get("user") or {}
    user_id = str(user.get("id") or "")
    origin = Origin(team_id=team_id, channel_id=form.channel_id or user_id, user_id=user_id)
    trigger = body.get("trigger_id") or None
    submission = FormSubmission(form_id=form.form_id, values=form.values, context=form.context)
    invocation = Invocation(
        actor=actor_of(origin, str(user.get("username") or user.get("name") or "")),
        submission=submission,
        trigger_id=trigger,
        idempotency_key=f"trigger:{trigger}" if trigger else None,
    )
    return invocation, origin


def from_direct_message(event: Payload, event_id: str, team_id: str) -> tuple[Invocation, Origin]:
    """A direct message to Baton, read as a command (with or without `/baton`)."""
    origin = Origin(
        team_id=team_id,
        channel_id=str(event.get("channel") or ""),
        user_id=str(event.get("user") or ""),
        direct=True,
    )
    text = _LEADING_COMMAND.sub("", command_text(str(event.get("text") or "")), count=1)
    invocation = Invocation(
        actor=actor_of(origin),
        text=text,
        idempotency_key=f"event:{event_id}" if event_id else None,
    )
    return invocation, origin


def is_command_message(event: Payload) -> bool:
    """A person's own new message in a direct conversation with Baton (not an edit, not a bot)."""
    return (
        event.get("channel_type") == "im"
        and not event.get("subtype")
        and not event.get("bot_id")
        and bool(event.get("user"))
        and bool(str(event.get("text") or "").strip())
    )


def channel_name(name: object) -> str:
    """Slack says `directmessage` or `privategroup` where a channel has no name to show."""
    text = str(name or "")
    return "" if text in ("directmessage", "privategroup", "mpdm") else text
