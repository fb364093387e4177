"""What a handler hands to the command layer, and what it gets back."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from bot.core.actor import Actor
from bot.core.forms import Form
from bot.core.message import Message


class ButtonPress(BaseModel):
    model_config = ConfigDict(frozen=True)

    action: str
    value: str
    message_ref: str | None = None


class FormSubmission(BaseModel):
    model_config = ConfigDict(frozen=True)

    form_id: str
    values: dict[str, str]
    context: str = ""


class Invocation(BaseModel):
    """One request to Baton: a command line, a button press or a form submission.

    `idempotency_key` identifies the delivery on the platform (for example a Slack
    `trigger_id` or an action's `action_ts`): a second invocation with the same key
    changes nothing.
    """

    model_config = ConfigDict(frozen=True)

    actor: Actor
    text: str | None = None
    press: ButtonPress | None = None
    submission: FormSubmission | None = None
    trigger_id: str | None = None
    idempotency_key: str | None = None


class Visibility(StrEnum):
    EPHEMERAL = "ephemeral"
    CHANNEL = "channel"


class Reply(BaseModel):
    """What the invoking person gets back.

    - `replace_source`: for a button press, update the message that carried the button.
    - `form`: open this form (the handler uses the invocation's trigger id).
    - `field_errors`: for a form submission, errors by field name; the form stays open.
    - `shows_task`: the task number this message shows, so later changes can update it in place.
    """

    model_config = ConfigDict(frozen=True)

    message: Message | None = None
    visibility: Visibility = Visibility.EPHEMERAL
    replace_source: bool = False
    form: Form | None = None
    field_errors: dict[str, str] = Field(default_factory=dict)
    shows_task: int | None = None
    duplicate: bool = False
