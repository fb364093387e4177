"""Many lines in few blocks: platforms cap blocks per message (Slack: 50) and characters per
block (Slack: 3,000), so long lists are packed into sections that stay under both."""

from __future__ import annotations

from bot.core.message import Inline, Mention, Moment, Section, Strong, Text

SECTION_CHARS = 2800


def _length(item: Inline) -> int:
    if isinstance(item, str):
        return len(item)
    if isinstance(item, Strong):
        return len(item.text) + 2
    if isinstance(item, Mention):
        return len(item.name) + 16
    if isinstance(item, Moment):
        return 60  # Slack's <!date^…> token
    return len(item.url) + len(item.label) + 4


def packed(lines: list[Text], limit: int = SECTION_CHARS) -> list[Section]:
    """`lines` as few sections as fit, one line per line, in order."""
    sections: list[Section] = []
    current: list[Inline] = []
    size = 0
    for line in lines:
        length = sum(_length(item) for item in line) + 1
        if current and size + length > limit:
            sections.append(Section(text=tuple(current)))
            current, size = [], 0
        if current:
            current.append("\n")
        current.extend(line)
        size += length
    if current:
        sections.append(Section(text=tuple(current)))
    return sections


def code_blocks(text: str, limit: int = SECTION_CHARS) -> list[Section]:
    """`text` as code blocks (```), split between lines so that each fits a section."""
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for line in text.splitlines():
        if current and size + len(line) + 1 > limit - 8:
            chunks.append("\n".join(current))
            current, size = [], 0
        current.append(line[: limit - 8])
        size += len(line) + 1
    if current:
        chunks.append("\n".join(current))
    return [Section(text=(f"```\n{chunk}\n```",)) for chunk in chunks]
