"""Neutral messages as Mattermost posts: markdown text, and one attachment for fields and buttons.

The text carries every section and context line (so notifications read well); an attachment
carries the fields and the buttons. Each button posts to BATON_PUBLIC_URL/mattermost/actions
with a context signed for the team, and times are shown in the message's time zone (the
channel's for a channel post, the reader's for a message to one person).
"""

from __future__ import annotations

from typing import Any

from bot.core.catalog import text as catalog_text
from bot.core.chart_notes import chart_note
from bot.core.formats import local_time
from bot.core.message import (
    Actions,
    Button,
    Chart,
    Context,
    Divider,
    Fields,
    Inline,
    Link,
    Mention,
    Message,
    Moment,
    Progress,
    Section,
    Strong,
    Text,
)
from bot.core.reader import Reader
from bot.handlers.mattermost.context import sign_button

ACTIONS_PATH = "/mattermost/actions"


def inline(item: Inline, reader: Reader) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Strong):
        return f"**{item.text}**"
    if isinstance(item, Mention):
        return f"@{item.name}"
    if isinstance(item, Moment):
        return local_time(item.at, reader.tz, reader.lang, with_time=item.with_time, zone_name=True)
    assert isinstance(item, Link)
    return f"[{item.label}]({item.url})"


def line(text: Text, reader: Reader) -> str:
    return "".join(inline(item, reader) for item in text)


def markdown(message: Message, *, with_fields: bool = False, charts_attached: bool = False) -> str:
    """The text of the message; `with_fields` adds the fields as lines (where no attachment
    can show them, as in an action's ephemeral answer). Each chart is named with the command
    that posts it, unless `charts_attached` (its image is one of the post's files)."""
    reader = Reader(message.tz, message.lang)
    lines: list[str] = []
    for block in message.blocks:
        if isinstance(block, Chart):
            if not charts_attached:
                lines.append(chart_note(block, message.lang))
        elif isinstance(block, Section | Context):
            lines.append(line(block.text, reader))
        elif isinstance(block, Progress):
            filled = round(10 * block.done / block.total) if block.total else 0
            bar = "█" * filled + "░" * (10 - filled)
            lines.append(f"{block.label} `{bar}` {block.done}/{block.total}")
        elif isinstance(block, Divider):
            lines.append("* * *")  # a thematic break that cannot turn the line above into a heading
        elif isinstance(block, Fields) and with_fields:
            lines += [
                catalog_text(
                    "message.fact", reader.lang, label=f"**{f.label}**", value=line(f.value, reader)
                )
                for f in block.fields
            ]
    return "\n".join(lines) if lines else message.summary


class MattermostRenderer:
    """Renders messages for one Baton: its public URL and the secret that signs buttons."""

    def __init__(self, public_url: str, secret: str) -> None:
        self.public_url = public_url.rstrip("/")
        self.action_url = self.public_url + ACTIONS_PATH
        self._secret = secret

    def post(
        self, message: Message, team_id: str, *, charts_attached: bool = False
    ) -> dict[str, Any]:
        """The `message` and `props` of a post: for creating, patching or updating one."""
        return {
            "message": markdown(message, charts_attached=charts_attached),
            "props": {"attachments": self.attachments(message, team_id)},
        }

    def attachments(self, message: Message, team_id: str) -> list[dict[str, Any]]:
        """One attachment with the fields and buttons, or none when there are neither."""
        reader = Reader(message.tz, message.lang)
        fields = [
            {"title": fact.label, "value": line(fact.value, reader), "short": fact.short}
            for block in message.blocks
            if isinstance(block, Fields)
            for fact in block.fields
        ]
        buttons = [
            button
            for block in message.blocks
            if isinstance(block, Actions)
            for button in block.buttons
        ]
        if not fields and not buttons:
            return []
        attachment: dict[str, Any] = {"fallback": message.summary}
        if fields:
            attachment["fields"] = fields
        if buttons:
            attachment["actions"] = [
                self._action(number, button, team_id) for number, button in enumerate(buttons)
            ]
        return [attachment]

    def _action(self, number: int, button: Button, team_id: str) -> dict[str, Any]:
        context = sign_button(self._secret, action=button.action, value=button.value, team=team_id)
        return {
            # Mattermost routes presses by action id; only letters and digits are safe in it.
            "id": f"baton{number}",
            "type": "button",
            "name": button.label,
            "style": button.style.value,
            "integration": {"url": self.action_url, "context": context},
        }
