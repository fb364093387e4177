"""The base of typed commands, and what several features' commands share."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

MAX_TITLE = 500
MAX_COMMENT = 4000
MAX_NOTES = 1000


class Command(BaseModel):
    """What one command line, button press or form asks Baton to do; each feature declares
    its own."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    opens_form: ClassVar[bool] = False
    """Whether running it opens a form (its trigger id expires within seconds)."""


class UserRef(Command):
    """A person named in a command: by handle (`@anna`), or by platform id (a form's picker)."""

    user_id: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        return f"@{self.name or self.user_id}"


class ChannelRef(Command):
    channel_id: str | None = None
    name: str | None = None


class Help(Command):
    """`/baton help [topic]`; any feature may answer with help on itself."""

    topic: str = ""
