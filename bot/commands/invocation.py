"""What a handler hands to the command layer, and what it gets back."""

from __future__ import annotations

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


class Origin(BaseModel):
    """How the platform lets Baton answer this invocation, besides its API."""

    model_config = ConfigDict(frozen=True)

    response_url: str | None = None
    """Where to answer the person alone (Slack's and Mattermost's `response_url`)."""
    source_private: bool = False
    """The pressed button sat on a message only this person sees."""
    source_home: bool = False
    """The pressed button sat on the person's "My work" page (the outbox redraws it)."""
    direct: bool = False
    """A direct conversation with Baton: every answer goes into it."""


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
    origin: Origin = Origin()
    mentions: dict[str, str] = Field(default_factory=dict)
    """People mentioned in `text` whose platform id the platform gave: handle -> id."""
    channel_mentions: dict[str, str] = Field(default_factory=dict)
    """Channels mentioned in `text` whose platform id the platform gave: name -> id."""
    resumed: bool = False
    """Run again because its first run was cut off (its process died): if that run's change
    was written, its reply is shown instead of nothing."""


class Reply(BaseModel):
    """What the invoking person alone gets back; what others see went to the outbox.

    - `replace_source`: for a button press, redraw the message that carried the button.
    - `form`: open this form (with the invocation's trigger id).
    - `field_errors`: for a form submission, errors by field name; the form stays open.
    """

    model_config = ConfigDict(frozen=True)

    message: Message | None = None
    replace_source: bool = False
    form: Form | None = None
    field_errors: dict[str, str] = Field(default_factory=dict)
    lang: str = "en"
    """The language the reply speaks (the person's), for anything a platform adds to it."""
    failed: bool = False
    """Nothing was done: the reply says why (a mistake to fix, or an error on Baton's side)."""
