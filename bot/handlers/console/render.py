"""Messages as plain text lines, for the console chat and the test transcript."""

from __future__ import annotations

from collections.abc import Sequence

from bot.core.catalog import text as catalog_text
from bot.core.chart_notes import chart_note
from bot.core.formats import local_time
from bot.core.message import (
    Actions,
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


def inline(item: Inline, reader: Reader) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, Strong):
        return item.text
    if isinstance(item, Mention):
        return f"@{item.name}"
    if isinstance(item, Moment):
        return local_time(item.at, reader.tz, reader.lang, with_time=item.with_time)
    assert isinstance(item, Link)
    return f"{item.label} <{item.url}>"


def line(text: Text, reader: Reader) -> str:
    return "".join(inline(item, reader) for item in text)


def render_lines(message: Message, files: Sequence[str] = ()) -> list[str]:
    """The message as lines; buttons numbered as `[1: Complete] [2: Snooze 1d]`; each chart
    as the file it was written to (`files`, one per chart), or as a note when it has none."""
    reader = Reader(message.tz, message.lang)
    lines: list[str] = []
    number = 0
    charts = 0
    for block in message.blocks:
        if isinstance(block, Chart):
            if charts < len(files):
                lines.append(
                    catalog_text("chart.file", reader.lang, title=block.title, path=files[charts])
                )
            else:
                lines.append(chart_note(block, reader.lang))
            charts += 1
        elif isinstance(block, Section):
            lines += line(block.text, reader).splitlines() or [""]
        elif isinstance(block, Fields):
            facts = (
                catalog_text(
                    "message.fact", reader.lang, label=f.label, value=line(f.value, reader)
                )
                for f in block.fields
            )
            lines.append(" · ".join(facts))
        elif isinstance(block, Context):
            lines.append(f"  {line(block.text, reader)}")
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
