"""What people ask of tasks, typed."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from pydantic import Field

from bot.commands.models import MAX_COMMENT, MAX_NOTES, MAX_TITLE, ChannelRef, Command, UserRef


class TaskAdd(Command):
    title: str = Field(min_length=1, max_length=MAX_TITLE)
    assignee: UserRef | None = None
    due: str | None = None
    after: tuple[int, ...] = ()
    key_result: int | None = None
    """The key result it counts toward (`for K-5`)."""
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


class TaskList(Command):
    scope: ListScope = ListScope.MINE
    user: UserRef | None = None
    channel: ChannelRef | None = None
    page: int = Field(default=1, ge=1, le=10_000)


class TaskShow(Command):
    number: int
    history: bool = False
    """With the whole activity log, not only the latest lines."""


class TaskDone(Command):
    number: int
    seen_version: int | None = None
    """The task's version on the card whose button was pressed (None when typed)."""


class TaskReopen(Command):
    number: int


class TaskDelete(Command):
    number: int
    confirmed: bool = False
    """Deleting asks first, unless the command says `confirm` or the Delete button said it."""


class TaskRestore(Command):
    number: int


class TaskKeep(Command):
    """The answer "keep it" to a delete confirmation."""

    number: int


class TaskAssign(Command):
    number: int
    assignee: UserRef | None = None
    """None means the person who asks ("Assign to me")."""
    nobody: bool = False
    """Leave the task to nobody (`task assign T-n nobody`)."""
    seen_version: int | None = None
    """The task's version on the card whose button was pressed (None when typed)."""


class TaskDue(Command):
    number: int
    when: str | None
    """None clears the due date."""


class TaskRename(Command):
    number: int
    title: str = Field(min_length=1, max_length=MAX_TITLE)


class TaskNotes(Command):
    number: int
    notes: str = Field(default="", max_length=MAX_NOTES)


class TaskEditForm(Command):
    """Open the form that edits a task (the Edit button)."""

    opens_form: ClassVar[bool] = True

    number: int


class TaskSnooze(Command):
    number: int
    days: int = Field(default=1, ge=1, le=365)
    seen_version: int | None = None
    """The task's version on the card whose button was pressed (None when typed)."""


class TaskComment(Command):
    number: int
    text: str = Field(min_length=1, max_length=MAX_COMMENT)


class TaskCommentForm(Command):
    """Open the comment form for a task (the Comment button)."""

    opens_form: ClassVar[bool] = True

    number: int


class TaskAddForm(Command):
    """Open the new-task form, optionally filled in (for example from a chat message)."""

    opens_form: ClassVar[bool] = True

    title: str = Field(default="", max_length=MAX_TITLE)
    notes: str = Field(default="", max_length=MAX_NOTES)


class TaskBlock(Command):
    number: int
    blocker: int


class TaskUnblock(Command):
    number: int
    blocker: int | None = None
    """The one task it should wait for no more; None: any."""
