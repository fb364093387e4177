"""Platform-neutral forms: a Slack modal or a Mattermost interactive dialog is rendered from one."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class FieldKind(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    USER = "user"
    DATE = "date"
    TIME = "time"
    SELECT = "select"


class Option(BaseModel):
    model_config = ConfigDict(frozen=True)

    label: str
    value: str


class FormField(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    label: str
    kind: FieldKind = FieldKind.TEXT
    required: bool = True
    placeholder: str = ""
    initial: str = ""
    max_length: int | None = None
    options: tuple[Option, ...] = ()
    hint: str = ""


class Form(BaseModel):
    """A form to open for a user; its submission comes back as a `FormSubmission`.

    `form_id` names the form in the command layer; `context` is echoed back on submission
    (for example the channel the form was opened from).
    """

    model_config = ConfigDict(frozen=True)

    form_id: str
    title: str
    submit_label: str
    fields: tuple[FormField, ...]
    context: str = ""
