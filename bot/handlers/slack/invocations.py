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

from bot.commands.invocation import ButtonPress, FormSubmission, Invocation, Origin
from bot.core.actor import Actor
from bot.handlers.slack.forms import Submitted
from bot.handlers.slack.platform import NAME, message_ref
from bot.handlers.slack.stamps import unstamp

Payload = dict[str, Any]
_LEADING_COMMAND = re.compile(r"^\s*/?baton\b\s*", re.IGNORECASE)


_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^<>|]*))?>")
_CHANNEL_MENTION = re.compile(r"<#([CGD][A-Z0-9]+)(?:\|([^<>|]*))?>")


@dataclass(frozen=True)
class Line:
    """A command line in Baton's neutral words (`@anna`, `#launch`), with the ids Slack gave
    for the people and channels it mentions."""

    text: str
    mentions: dict[str, str]
    channels: dict[str, str]


def command_line(text: str) -> Line:
    """Slash command text as typed: Slack's `<@U123|anna>` and `<#C123|launch>` become
    `@anna` and `#launch`, and Slack's escaping of `&`, `<` and `>` is undone."""
    mentions: dict[str, str] = {}
    channels: dict[str, str] = {}

    def person(match: re.Match[str]) -> str:
        handle = re.sub(r"[^\w.\-]", "", match.group(2) or "") or match.group(1)
        mentions[handle.lower()] = match.group(1)
        return f"@{handle}"

    def channel(match: re.Match[str]) -> str:
        name = re.sub(r"[^\w.\-]", "", match.group(2) or "") or match.group(1)
        channels[name.lower()] = match.group(1)
        return f"#{name}"

    neutral = _CHANNEL_MENTION.sub(channel, _USER_MENTION.sub(person, text or ""))
    return Line(html.unescape(neutral).strip(), mentions, channels)


def actor(
    team_id: str,
    user_id: str,
    channel_id: str,
    *,
    channel_name: str = "",
    user_name: str = "",
    team_name: str = "",
) -> Actor:
    return Actor(
        platform=NAME,
        team_id=team_id,
        user_id=user_id,
        channel_id=channel_id,
        team_name=team_name,
        user_name=user_name,
        channel_name=channel_name,
    )


def from_command(body: Payload, team_id: str, request_timestamp: str = "") -> Invocation:
    """`/baton …`: the trigger id makes a retried delivery recognisable, or without one the
    request's own fields (`request_timestamp` is its X-Slack-Request-Timestamp)."""
    trigger = body.get("trigger_id") or None
    line = command_line(str(body.get("text") or ""))
    return Invocation(
        actor=actor(
            team_id,
            str(body.get("user_id") or ""),
            str(body.get("channel_id") or ""),
            channel_name=channel_name(body.get("channel_name")),
            user_name=str(body.get("user_name") or ""),
            team_name=str(body.get("team_domain") or ""),
        ),
        text=line.text,
        mentions=line.mentions,
        channel_mentions=line.channels,
        trigger_id=trigger,
        idempotency_key=f"trigger:{trigger}"
        if trigger
        else command_key(body, team_id, request_timestamp),
        origin=Origin(response_url=body.get("response_url") or None),
    )


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


def from_button(body: Payload, team_id: str) -> Invocation:
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
    user_id = str(user.get("id") or "")
    origin = Origin(
        response_url=body.get("response_url") or None,
        source_private=bool(container.get("is_ephemeral")),
        source_home=home,
        # Only Baton posts lasting messages in a DM, so such a DM is one with Baton.
        direct=home or (channel_id.startswith("D") and not container.get("is_ephemeral")),
    )
    # A button drawn by another workspace's Baton (a shared channel) names a task there: its
    # press is refused here, as any unknown button is.
    value = unstamp(str(action.get("value") or ""), team_id)
    press = ButtonPress(
        action=str(action.get("action_id") or "") if value is not None else "",
        value=value or "",
        message_ref=ref,
    )
    return Invocation(
        actor=actor(
            team_id,
            user_id,
            channel_id or user_id,
            channel_name=channel_name(channel.get("name")),
            user_name=str(user.get("username") or user.get("name") or ""),
        ),
        press=press,
        trigger_id=body.get("trigger_id") or None,
        origin=origin,
    )


def from_submission(body: Payload, form: Submitted, team_id: str) -> Invocation:
    """A submitted modal; it tells which channel it was opened from in its metadata."""
    user = body.get("user") or {}
    user_id = str(user.get("id") or "")
    trigger = body.get("trigger_id") or None
    submission = FormSubmission(form_id=form.form_id, values=form.values, context=form.context)
    return Invocation(
        actor=actor(
            team_id,
            user_id,
            form.channel_id or user_id,
            user_name=str(user.get("username") or user.get("name") or ""),
        ),
        submission=submission,
        trigger_id=trigger,
        idempotency_key=f"trigger:{trigger}" if trigger else None,
    )


def from_direct_message(event: Payload, event_id: str, team_id: str) -> Invocation:
    """A direct message to Baton, read as a command (with or without `/baton`)."""
    line = command_line(str(event.get("text") or ""))
    return Invocation(
        actor=actor(team_id, str(event.get("user") or ""), str(event.get("channel") or "")),
        text=_LEADING_COMMAND.sub("", line.text, count=1),
        mentions=line.mentions,
        channel_mentions=line.channels,
        idempotency_key=f"event:{event_id}" if event_id else None,
        origin=Origin(direct=True),
    )


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
