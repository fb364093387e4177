"""Modals from Baton's neutral forms, and their submissions back into form values.

Every form becomes a modal whose `callback_id` is the form's id and whose blocks are input
blocks named after its fields, so a new form in the command layer needs no Slack code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot.core.forms import FieldKind, Form, FormField
from bot.handlers.slack.render import Json

_TITLE = 24
_LABEL = 2000
_PLACEHOLDER = 150
_OPTIONS = 100
_INPUT_MAX = 3000


def _plain(text: str, limit: int) -> Json:
    clipped = text if len(text) <= limit else text[: limit - 1] + "…"
    return {"type": "plain_text", "text": clipped or " ", "emoji": True}


def _element(field: FormField) -> Json:
    kind = field.kind
    element: Json = {"action_id": field.name}
    if kind in (FieldKind.TEXT, FieldKind.TEXTAREA):
        element["type"] = "plain_text_input"
        element["multiline"] = kind is FieldKind.TEXTAREA
        element["max_length"] = min(field.max_length or _INPUT_MAX, _INPUT_MAX)
        if field.initial:
            element["initial_value"] = field.initial[: element["max_length"]]
    elif kind is FieldKind.USER:
        element["type"] = "users_select"
        if field.initial:
            element["initial_user"] = field.initial
    elif kind is FieldKind.DATE:
        element["type"] = "datepicker"
        if field.initial:
            element["initial_date"] = field.initial
    elif kind is FieldKind.TIME:
        element["type"] = "timepicker"
        if field.initial:
            element["initial_time"] = field.initial
    else:
        options = [
            {"text": _plain(o.label, 75), "value": o.value} for o in field.options[:_OPTIONS]
        ]
        element["type"] = "static_select"
        element["options"] = options
        initial = next((o for o in options if o["value"] == field.initial), None)
        if initial is not None:
            element["initial_option"] = initial
    if field.placeholder and kind is not FieldKind.DATE:  # a date picker says it in Slack's words
        element["placeholder"] = _plain(field.placeholder, _PLACEHOLDER)
    return element


def _input(field: FormField) -> Json:
    block: Json = {
        "type": "input",
        "block_id": field.name,
        "optional": not field.required,
        "label": _plain(field.label, _LABEL),
        "element": _element(field),
    }
    if field.hint:
        block["hint"] = _plain(field.hint, _LABEL)
    return block


def modal(form: Form, *, channel_id: str) -> Json:
    """The modal for `form`; `channel_id` (where it was opened) comes back on submission.

    Without a `close` label Slack shows its own "Cancel" in the person's language.
    """
    metadata = json.dumps({"context": form.context, "channel": channel_id})
    return {
        "type": "modal",
        "callback_id": form.form_id,
        "title": _plain(form.title, _TITLE),
        "submit": _plain(form.submit_label, _TITLE),
        "private_metadata": metadata,
        "blocks": [_input(field) for field in form.fields],
    }


@dataclass(frozen=True)
class Submitted:
    """A submitted modal: its form id, field values, echoed context and channel of origin."""

    form_id: str
    values: dict[str, str]
    context: str
    channel_id: str


def _value(state: dict[str, Any]) -> str:
    """The value of one element of `view.state.values`, whatever its type."""
    kind = state.get("type")
    if kind == "users_select":
        found = state.get("selected_user")
    elif kind == "datepicker":
        found = state.get("selected_date")
    elif kind == "timepicker":
        found = state.get("selected_time")
    elif kind in ("static_select", "radio_buttons"):
        option = state.get("selected_option") or {}
        found = option.get("value")
    else:
        found = state.get("value")
    return found if isinstance(found, str) else ""


def submitted(view: dict[str, Any]) -> Submitted:
    """Reads a view_submission's `view`: values by field name, context and channel."""
    values: dict[str, str] = {}
    state = (view.get("state") or {}).get("values") or {}
    for block_id, elements in state.items():
        for action_id, element in (elements or {}).items():
            if isinstance(element, dict):
                # Baton names a block and its element after the field; trust the block.
                values[block_id if block_id else action_id] = _value(element)
    try:
        metadata = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        metadata = {}
    if not isinstance(metadata, dict):
        metadata = {}
    return Submitted(
        form_id=str(view.get("callback_id") or ""),
        values=values,
        context=str(metadata.get("context") or ""),
        channel_id=str(metadata.get("channel") or ""),
    )
