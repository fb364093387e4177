"""Block Kit rendering of Baton's neutral messages.

Dates become `<!date^…>` tokens so each viewer sees them in their own time zone, people
become `<@U…>` mentions, and every piece of user text is escaped so that a title such as
`<!channel>` is shown, never executed.
"""

from __future__ import annotations

from typing import Any

from bot.core.catalog import text
from bot.core.chart_notes import chart_note
from bot.core.formats import local_time
from bot.core.message import (
    Actions,
    Block,
    Button,
    ButtonStyle,
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

Json = dict[str, Any]

MESSAGE_BLOCKS = 50
"""Slack's limit for a message; a home tab or a modal may have 100."""
HOME_BLOCKS = 100
_SECTION_TEXT = 3000
_FIELD_TEXT = 2000
_FIELDS = 10
_BUTTON_LABEL = 75
_BUTTONS = 25
_FALLBACK_TEXT = 3000


def escape(text: str) -> str:
    """Text as Slack shows it literally: `&`, `<` and `>` are its control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def moment(item: Moment, reader: Reader) -> str:
    """`<!date^epoch^{date_short_pretty} {time}|fallback>`: Slack shows it in the viewer's zone."""
    epoch = int(item.at.timestamp())
    tokens = "{date_short_pretty} {time}" if item.with_time else "{date_short_pretty}"
    fallback = local_time(item.at, reader.tz, reader.lang, with_time=item.with_time)
    return f"<!date^{epoch}^{tokens}|{escape(fallback)}>"


def inline(item: Inline, reader: Reader) -> str:
    if isinstance(item, str):
        return escape(item)
    if isinstance(item, Strong):
        return f"*{escape(item.text)}*" if item.text.strip() else escape(item.text)
    if isinstance(item, Mention):
        return f"<@{item.user_id}>"
    if isinstance(item, Moment):
        return moment(item, reader)
    assert isinstance(item, Link)
    url = item.url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    return f"<{url}|{escape(item.label)}>"


def mrkdwn(text: Text, reader: Reader) -> str:
    return "".join(inline(item, reader) for item in text)


def _section(text: str) -> Json:
    return {
        "type": "section",
        "text": {"type": "mrkdwn", "text": _clip(text or " ", _SECTION_TEXT)},
    }


def _button(button: Button) -> Json:
    element: Json = {
        "type": "button",
        "text": {"type": "plain_text", "text": _clip(button.label, _BUTTON_LABEL), "emoji": True},
        "action_id": button.action,
        "value": button.value,
    }
    if button.style is not ButtonStyle.DEFAULT:
        element["style"] = button.style.value
    return element


def progress_bar(done: int, total: int, width: int = 10) -> str:
    """`▰▰▰▰▱▱▱▱▱▱ 4/10`: Block Kit has no progress element, so the bar is text."""
    filled = round(width * done / total) if total > 0 else 0
    filled = max(0, min(width, filled))
    return f"{'▰' * filled}{'▱' * (width - filled)} {done}/{total}"


def block(item: Block, reader: Reader) -> Json:
    """One neutral block as one Block Kit block."""
    if isinstance(item, Section):
        return _section(mrkdwn(item.text, reader))
    if isinstance(item, Fields):
        fields = [
            {
                "type": "mrkdwn",
                "text": _clip(f"*{escape(f.label)}*\n{mrkdwn(f.value, reader)}", _FIELD_TEXT),
            }
            for f in item.fields[:_FIELDS]
        ]
        return {"type": "section", "fields": fields}
    if isinstance(item, Context):
        return {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": mrkdwn(item.text, reader)}],
        }
    if isinstance(item, Actions):
        return {"type": "actions", "elements": [_button(b) for b in item.buttons[:_BUTTONS]]}
    if isinstance(item, Progress):
        return _section(f"{escape(item.label)}\n`{progress_bar(item.done, item.total)}`")
    assert isinstance(item, Divider)
    return {"type": "divider"}


def chart_block(chart: Chart, lang: str, *, in_thread: bool) -> Json:
    """A chart's line in the message: where its image is (the message's thread), or, where
    none went, its title and the command that posts it."""
    line = (
        text("chart.in_thread", lang, title=chart.title) if in_thread else chart_note(chart, lang)
    )
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": escape(line)}]}


def blocks(
    message: Message, limit: int = MESSAGE_BLOCKS, *, charts_in_thread: bool = False
) -> list[Json]:
    """The message's blocks; beyond Slack's limit the rest is cut, keeping the last buttons."""
    reader = Reader(message.tz, message.lang)
    rendered = [
        chart_block(item, message.lang, in_thread=charts_in_thread)
        if isinstance(item, Chart)
        else block(item, reader)
        for item in message.blocks
    ]
    if len(rendered) <= limit:
        return rendered
    last = rendered[-1]
    kept = rendered[: limit - 2] if last["type"] == "actions" else rendered[: limit - 1]
    kept.append({"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]})
    if last["type"] == "actions":
        kept.append(last)
    return kept


def fallback(message: Message) -> str:
    """The plain `text` of a message: notifications and clients without blocks show it."""
    return _clip(escape(message.summary), _FALLBACK_TEXT) or " "


def message_payload(message: Message, *, charts_in_thread: bool = False) -> Json:
    """`text` and `blocks` for chat.postMessage, chat.update or a response_url;
    `charts_in_thread` when the charts' images go into the message's thread."""
    return {
        "text": fallback(message),
        "blocks": blocks(message, charts_in_thread=charts_in_thread),
    }


def home_view(message: Message) -> Json:
    """The App Home tab ("My work") showing `message`."""
    return {"type": "home", "blocks": blocks(message, HOME_BLOCKS)}
