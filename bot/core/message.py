"""The platform-neutral message model that every reply is made of.

Each platform renders it in its own way (Block Kit, Mattermost attachments, console text).
Inline text is a sequence of plain strings, mentions, moments and links, so that a renderer
can show a mention or a date the way its platform does (for example Slack's `<!date^…>`).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Mention(_Frozen):
    """A person, shown as a mention where the platform has them."""

    kind: Literal["mention"] = "mention"
    user_id: str
    name: str


class Moment(_Frozen):
    """A point in time, shown in the viewer's time zone where the platform can."""

    kind: Literal["moment"] = "moment"
    at: datetime
    with_time: bool = True


class Strong(_Frozen):
    """Emphasised words, such as a task id at the start of a line."""

    kind: Literal["strong"] = "strong"
    text: str


class Link(_Frozen):
    kind: Literal["link"] = "link"
    url: str
    label: str


Inline = str | Strong | Mention | Moment | Link
Text = tuple[Inline, ...]


class ButtonStyle(StrEnum):
    DEFAULT = "default"
    PRIMARY = "primary"
    DANGER = "danger"


class Button(_Frozen):
    """A button whose press comes back as an action with `action` and `value`."""

    label: str
    action: str
    value: str
    style: ButtonStyle = ButtonStyle.DEFAULT


class Section(_Frozen):
    kind: Literal["section"] = "section"
    text: Text


class Fact(_Frozen):
    label: str
    value: Text
    short: bool = True


class Fields(_Frozen):
    kind: Literal["fields"] = "fields"
    fields: tuple[Fact, ...]


class Context(_Frozen):
    """A small grey line: metadata such as who did what and when."""

    kind: Literal["context"] = "context"
    text: Text


class Actions(_Frozen):
    kind: Literal["actions"] = "actions"
    buttons: tuple[Button, ...]


class Progress(_Frozen):
    """Progress of something with a number of steps, such as a checklist run."""

    kind: Literal["progress"] = "progress"
    label: str
    done: int
    total: int


class Divider(_Frozen):
    kind: Literal["divider"] = "divider"


class ChartLine(_Frozen):
    """One key result's values over its period, against the ideal line to its target."""

    label: str
    unit: str = ""
    start: float
    target: float
    starts: datetime
    """Where the ideal line starts (the period's first moment), at `start`."""
    ends: datetime
    """Where the ideal line ends (the period's last moment), at `target`."""
    points: tuple[tuple[datetime, float], ...]
    """The values checked in, oldest first."""


class Chart(_Frozen):
    """A chart, sent as an image (a PNG file) where the platform shows images; text renderers
    leave it out."""

    kind: Literal["chart"] = "chart"
    title: str
    lines: tuple[ChartLine, ...]
    name: str = "chart"
    """The file's name without extension (`okr-O-2`)."""


Block = Annotated[
    Section | Fields | Context | Actions | Progress | Divider | Chart, Field(discriminator="kind")
]


class Message(_Frozen):
    """A whole message: `summary` is the plain-text fallback used for notifications."""

    summary: str
    blocks: tuple[Block, ...] = ()
    tz: str = "UTC"
    lang: str = "en"
    """The reader's language: renderers write dates and numbers the way it does."""

    @property
    def charts(self) -> tuple[Chart, ...]:
        return tuple(block for block in self.blocks if isinstance(block, Chart))

    @property
    def buttons(self) -> tuple[Button, ...]:
        return tuple(
            b for block in self.blocks if isinstance(block, Actions) for b in block.buttons
        )


def plain(text: Text) -> str:
    """Inline text as plain words, for fallbacks and logs."""
    parts: list[str] = []
    for item in text:
        if isinstance(item, str):
            parts.append(item)
        elif isinstance(item, Strong):
            parts.append(item.text)
        elif isinstance(item, Mention):
            parts.append(f"@{item.name}")
        elif isinstance(item, Moment):
            parts.append(item.at.strftime("%Y-%m-%d %H:%M UTC" if item.with_time else "%Y-%m-%d"))
        else:
            parts.append(item.label)
    return "".join(parts)
