"""What people ask of runs, typed."""

from __future__ import annotations

from typing import ClassVar

from pydantic import Field

from bot.commands.models import Command, UserRef
from bot.core.runs.finishing import MAX_RETRO
from bot.core.runs.listing import Which

MAX_NAME = 60


class RunStart(Command):
    """`run <template> [for <subject>] [start <when>] [role=@user …] [field=value …]`."""

    template: str = Field(min_length=1, max_length=MAX_NAME)
    subject: str = Field(default="", max_length=400)
    start: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()
    """`key=value` as typed: roles (`manager=@bob`) and fields (`city=Lyon`)."""
    people: tuple[tuple[str, UserRef], ...] = ()
    """Roles picked in a form, by platform id."""
    key_result: int | None = None
    """The key result the run counts toward (`for K-5`)."""


class RunForm(Command):
    """Open the form that starts a run: a template's roles as person pickers."""

    opens_form: ClassVar[bool] = True

    template: str = ""


class RunStatus(Command):
    number: int


class RunCancel(Command):
    number: int


class RunRetro(Command):
    number: int
    text: str = Field(min_length=1, max_length=MAX_RETRO)


class RunRetroForm(Command):
    opens_form: ClassVar[bool] = True

    number: int


class RunList(Command):
    which: Which = Which.ACTIVE


class RunItemDone(Command):
    """Complete an item from its run's message."""

    number: int
    seen_version: int | None = None


class RunBulk(Command):
    """`run bulk <template> [start <when>] [role=@user …]` followed by a CSV, one run a row."""

    template: str = Field(min_length=1, max_length=MAX_NAME)
    csv: str
    start: str | None = None
    pairs: tuple[tuple[str, str], ...] = ()


class Report(Command):
    """`report <template> [csv]`: cycle times of finished runs, late items, late runs."""

    template: str = Field(min_length=1, max_length=MAX_NAME)
    csv: bool = False
