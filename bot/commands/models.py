"""Typed commands: what a command line or a button press asks Baton to do."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

MAX_TITLE = 500
MAX_COMMENT = 4000
MAX_NOTES = 1000


class _Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class UserRef(_Command):
    """A person as written in a command: a platform id (`<@U123>`) or a handle (`@anna`)."""

    user_id: str | None = None
    name: str | None = None

    def __str__(self) -> str:
        return f"@{self.name}" if self.name else f"<@{self.user_id}>"


class ChannelRef(_Command):
    channel_id: str | None = None
    name: str | None = None


class Help(_Command):
    topic: str = ""


class TaskAdd(_Command):
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    assignee: UserRef | None = None
    due: str | None = None
    after: tuple[int, ...] = ()
    notes: str = Field(default="", max_length=MAX_NOTES)
    force: bool = False
    """Create even when a similar open task exists (the "Create anyway" button)."""


class ListScope(StrEnum):
    MINE = "mine"
    USER = "user"
    CHANNEL = "channel"
    OVERDUE = "overdue"
    DONE = "done"
    ALL = "all"


class TaskList(_Command):
    scope: ListScope = ListScope.MINE
    user: UserRef | None = None
    channel: ChannelRef | None = None


class TaskShow(_Command):
    number: int


class TaskDone(_Command):
    number: int


class TaskReopen(_Command):
    number: int


class TaskDelete(_Command):
    number: int


class TaskAssign(_Command):
    number: int
    assignee: UserRef | None = None
    """None means the person who asks ("Assign to me")."""


class TaskDue(_Command):
    number: int
    when: str


class TaskSnooze(_Command):
    number: int
    days: int = Field(default=1, ge=1, le=365)


class TaskComment(_Command):
    number: int
    text: str = Field(min_length=1, max_length=MAX_COMMENT)


class TaskCommentForm(_Command):
    """Open the comment form for a task (the Comment button)."""

    number: int


class TaskAddForm(_Command):
    """Open the new-task form, optionally filled in (for example from a chat message)."""

    title: str = Field(default="", max_length=MAX_TITLE)
    notes: str = Field(default="", max_length=MAX_NOTES)


class TaskBlock(_Command):
    number: int
    blocker: int


class Workload(_Command):
    channel: ChannelRef | None = None


class HandoverCmd(_Command):
    from_user: UserRef
    to_user: UserRef
    until: str | None = None


class AgendaAdd(_Command):
    topic: str = Field(min_length=1, max_length=MAX_TITLE)


class AgendaList(_Command):
    pass


class AgendaClear(_Command):
    pass


class SettingsShow(_Command):
    pass


class SettingsTz(_Command):
    tz: str


class SettingsLang(_Command):
    lang: Literal["en", "fr", "de"]


class ChannelSettingsTz(_Command):
    tz: str


class ChannelSettingsLang(_Command):
    lang: Literal["en", "fr", "de"]


Command = (
    Help
    | TaskAdd
    | TaskList
    | TaskShow
    | TaskDone
    | TaskReopen
    | TaskDelete
    | TaskAssign
    | TaskDue
    | TaskSnooze
    | TaskComment
    | TaskCommentForm
    | TaskAddForm
    | TaskBlock
    | Workload
    | HandoverCmd
    | AgendaAdd
    | AgendaList
    | AgendaClear
    | SettingsShow
    | SettingsTz
    | SettingsLang
    | ChannelSettingsTz
    | ChannelSettingsLang
)
