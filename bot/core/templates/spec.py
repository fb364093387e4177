"""The template format, as pydantic models: what a YAML file may say, checked field by field.

Checks that span items (roles, `after` ids, cycles) are in `validation`; this module checks
each value on its own, so that pydantic reports every bad value of a file at once.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from bot.core.templates.offsets import PATTERN as OFFSET_PATTERN
from bot.core.templates.offsets import parse_offset

NAME = r"^[a-z0-9][a-z0-9_-]{0,59}$"
ROLE = r"^[a-z][a-z0-9_]{0,39}$"
ITEM_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"
PERSON = r"^@[A-Za-z0-9_.\-]{1,80}$"
MAX_ITEMS = 500
MAX_ITEM_TITLE = 400
"""Room left for placeholders: a task title may have 500 characters once they are filled."""
RESERVED_NAMES = frozenset({"new", "status", "cancel", "retro", "bulk", "list", "show"})
"""Words after `/baton run` that are commands, so no template can be named so."""

_NAME = re.compile(NAME)
_ROLE = re.compile(ROLE)
_PERSON = re.compile(PERSON)


def _plain(value: str) -> str:
    """Text a person can read: no control characters (YAML can spell them, `"\\0"`)."""
    for char in value:
        if char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            if char in "\u200d\u200c\ufe0f":  # joiners and variation selectors belong to emoji
                continue
            raise ValueError("contains control characters; write it as plain text")
    return value


def _listed(value: Any) -> Any:
    """A single value where a list is expected is a list of one (`after: buddy`)."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


Listed = Annotated[list[str], BeforeValidator(_listed)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, coerce_numbers_to_str=True)


class ItemSpec(_Strict):
    """One item: it becomes one task in each run."""

    id: str | None = Field(
        default=None,
        pattern=ITEM_ID,
        description="What `after` refers to; made from the title when left out.",
    )
    title: str = Field(
        min_length=1,
        max_length=MAX_ITEM_TITLE,
        description="May use {subject} and {field} placeholders.",
    )
    description: str = Field(default="", max_length=1000)
    assignee: str | None = Field(
        default=None,
        description="A role of the template, or a fixed person as @handle.",
        json_schema_extra={"pattern": f"{ROLE[:-1]}|{PERSON[1:]}"},
    )
    due: str = Field(
        default="start",
        description="Offset from the run's start: start, start-5d, start+2w, "
        "start+3 workdays, start+1d 10:00.",
        json_schema_extra={"pattern": OFFSET_PATTERN},
    )
    after: Listed = Field(default_factory=list, description="Ids of items that must be done first.")

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("a title cannot be blank")
        return " ".join(_plain(value).split())

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        return _plain(value).strip()

    @field_validator("assignee")
    @classmethod
    def _role_or_person(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if not (_ROLE.match(value) or _PERSON.match(value)):
            raise ValueError(
                f"`{value[:60]}` is neither a role name (lower case, like `manager`) "
                "nor a person (`@anna`)"
            )
        return value.lower() if value.startswith("@") else value

    @field_validator("due")
    @classmethod
    def _offset(cls, value: str) -> str:
        return str(parse_offset(value))


class SectionSpec(_Strict):
    name: str = Field(min_length=1, max_length=200)
    items: list[ItemSpec] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        name = " ".join(_plain(value).split())
        if not name:
            raise ValueError("a section needs a name")
        return name


class TemplateSpec(_Strict):
    """A checklist template, as in a YAML file."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        title="Baton checklist template",
        json_schema_extra={"$schema": "https://json-schema.org/draft/2020-12/schema"},
    )

    name: str = Field(
        description="How it is called in commands: lower case, digits, - and _.",
        json_schema_extra={"pattern": NAME},
    )
    title: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=2000)
    roles: Listed = Field(
        default_factory=list, description="Who does the items; given when a run starts."
    )
    fields: Listed = Field(
        default_factory=list,
        description="Placeholders besides {subject}, filled from the command or a CSV row.",
    )
    sections: list[SectionSpec] = Field(min_length=1)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        value = value.strip().lower()
        if not _NAME.match(value):
            raise ValueError(
                f"`{value[:60]}` cannot be a template name: use lower case letters, digits, "
                "- and _, up to 60 characters"
            )
        if value in RESERVED_NAMES:
            raise ValueError(f"`{value}` is a word of `/baton run`; choose another name")
        return value

    @field_validator("title", "description")
    @classmethod
    def _text(cls, value: str) -> str:
        return _plain(value).strip()

    @field_validator("roles")
    @classmethod
    def _roles(cls, value: list[str]) -> list[str]:
        bad = [role for role in value if not _ROLE.match(role)]
        if bad:
            raise ValueError(
                f"{', '.join(f'`{r[:40]}`' for r in bad)}: a role is a lower-case word "
                "like `manager` or `new_hire`"
            )
        return list(dict.fromkeys(value))

    @field_validator("fields")
    @classmethod
    def _fields(cls, value: list[str]) -> list[str]:
        bad = [name for name in value if not _ROLE.match(name)]
        if bad:
            raise ValueError(
                f"{', '.join(f'`{n[:40]}`' for n in bad)}: a field is a lower-case word "
                "like `city` or `go_live`"
            )
        return list(dict.fromkeys(value))

    @property
    def items(self) -> list[ItemSpec]:
        return [item for section in self.sections for item in section.items]

    def sections_of_items(self) -> dict[str, str]:
        """Each item id with the name of its section."""
        return {item.id or "": section.name for section in self.sections for item in section.items}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of template files, for editors (`baton template schema`)."""
    return TemplateSpec.model_json_schema()
