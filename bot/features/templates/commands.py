"""What people ask of templates, typed."""

from __future__ import annotations

from pydantic import Field

from bot.commands.models import Command

MAX_NAME = 60


class TemplateList(Command):
    pass


class TemplateShow(Command):
    name: str = Field(min_length=1, max_length=MAX_NAME)


class TemplateImport(Command):
    """A template in YAML (a code block), or the name of one Baton ships."""

    source: str = ""
    shipped: str = ""


class TemplateExport(Command):
    name: str = Field(min_length=1, max_length=MAX_NAME)


class TemplateClone(Command):
    name: str = Field(min_length=1, max_length=MAX_NAME)
    new_name: str = Field(min_length=1, max_length=MAX_NAME)
