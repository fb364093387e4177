"""Messages as plain text lines, for the console chat and the test transcript."""

from __future__ import annotations

from bot.core import formats
from bot.core.catalog import text
from bot.core.message import (
    Actions,
    Context,
    Divider,
    Fields,
    Inline,
    Link,
    Mention,
    Message,
    Moment,
    Number,
    Progress,
    Section,
    Strong,
    Text,
)


def inline(item: Inline, tz: str, lang: str) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Strong):
        return item.text
    if isinstance(item, Mention):
        return f"@{item.name}"
    if isinstance(item, Moment):
        return formats.moment(item.at, tz, lang, with_time=item.with_time, with_year=item.with_year)
    if isinstance(item, Number):
        show = formats.percent if item.percent else formats.number
        return show(item.value, lang)
    assert isinstance(item, Link)
    return f"{item.label} <{item.url}>"


def line(text: Text, tz: str, lang: str) -> str:
    return "".join(inline(item, tz, lang) for item in text)


def render_lines(message: Message) -> list[str]:
    """The message as lines; buttons numbered as `[1: Complete] [2: Snooze 1d]`."""
    tz, lang = message.tz, message.lang
    lines: list[str] = []
    number = 0
    for block in message.blocks:
        if isinstance(block, Section):
            lines += line(block.text, tz, lang).splitlines() or [""]
        elif isinstance(block, Fields):
            lines.append(
                " · ".join(
                    f"{text('message.label', lang, label=f.label)} {line(f.value, tz, lang)}"
                    for f in block.fields
                )
            )
        elif isinstance(block, Context):
            lines.append(f"  {line(block.text, tz, lang)}")
        elif isinstance(block, Progress):
            filled = round(10 * block.done / block.total) if block.total else 0
            bar = "█" * filled + "░" * (10 - filled)
            lines.append(f"{block.label} {bar} {block.done}/{block.total}")
        elif isinstance(block, Actions):
            labels = []
            for button in block.buttons:
                number += 1
                labels.append(f"[{number}: {button.label}]")
            lines.append(" ".join(labels))
        elif isinstance(block, Divider):
            lines.append("—" * 20)
    return lines or [message.summary]
