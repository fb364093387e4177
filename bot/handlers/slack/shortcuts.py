"""The message shortcut "Create task from message": the new-task form, filled in from it."""

from __future__ import annotations

import html
import re

from bot.commands.invocation import ButtonPress, Invocation, Origin
from bot.commands.models import MAX_NOTES, MAX_TITLE
from bot.features.tasks.commands import TaskAddForm
from bot.handlers.slack.invocations import Payload, actor, channel_name
from bot.views.tasks import Action

_MARKUP = re.compile(r"<([@#!]?)([^<>|]*)(?:\|([^<>]*))?>")


def plain_text(text: str) -> str:
    """Slack message markup as plain words: `<@U1|anna>` -> `@anna`, `<url|label>` -> label."""

    def readable(match: re.Match[str]) -> str:
        sigil, target, label = match.group(1), match.group(2), match.group(3)
        if sigil in ("@", "#"):
            return f"{sigil}{label or target}"
        if sigil == "!":
            return f"@{label or target.split('^')[0]}"
        return label or target

    return html.unescape(_MARKUP.sub(readable, text or ""))


def task_from_message(text: str, permalink: str) -> TaskAddForm:
    """The new-task form filled in from a message: its first line as the title, the rest and
    a link back to it as the description."""
    lines = [line.strip() for line in plain_text(text).splitlines() if line.strip()]
    title = _clip(lines[0] if lines else "", MAX_TITLE)
    room = MAX_NOTES - len(permalink) - 2
    rest = _clip("\n".join(lines[1:]), room) if room > 1 else ""
    notes = f"{rest}\n\n{permalink}" if rest else permalink
    return TaskAddForm(title=title, notes=notes[:MAX_NOTES])


def from_message_shortcut(body: Payload, team_id: str, permalink: str) -> Invocation:
    """The message shortcut "Create task from message": the new-task form, filled in."""
    channel = body.get("channel") or {}
    user = body.get("user") or {}
    message = body.get("message") or {}
    form = task_from_message(str(message.get("text") or ""), permalink)
    trigger = body.get("trigger_id") or None
    return Invocation(
        actor=actor(
            team_id,
            str(user.get("id") or ""),
            str(channel.get("id") or ""),
            channel_name=channel_name(channel.get("name")),
            user_name=str(user.get("username") or user.get("name") or ""),
        ),
        press=ButtonPress(action=Action.NEW_TASK_FORM, value=form.model_dump_json()),
        trigger_id=trigger,
        idempotency_key=f"trigger:{trigger}" if trigger else None,
        origin=Origin(response_url=body.get("response_url") or None),
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
