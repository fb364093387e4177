"""Neutral forms as Mattermost interactive dialogs, and their submissions back.

Dates and times are free-text fields rather than the `date` element (Mattermost 11.1 and later
only): Baton reads `friday` or `2026-12-01` in the person's own time zone either way.
"""

from __future__ import annotations

from typing import Any

from bot.core.forms import FieldKind, Form, FormField

DIALOGS_PATH = "/mattermost/dialogs"
# Limits from Mattermost's dialog validation (model/integration_action.go).
_TITLE_MAX = 24
_DISPLAY_NAME_MAX = 24
_HELP_MAX = 150
_TEXT_DEFAULT_MAX = 150
_TEXTAREA_MAX = 3000

_PLACEHOLDERS = {
    FieldKind.DATE: "friday, 2026-12-01, in 3 days",
    FieldKind.TIME: "17:00",
}


def dialog_request(trigger_id: str, form: Form, *, url: str, state: str) -> dict[str, Any]:
    """The body of POST /api/v4/actions/dialogs/open for `form`."""
    return {
        "trigger_id": trigger_id,
        "url": url,
        "dialog": {
            "callback_id": form.form_id,
            "title": _clip(form.title, _TITLE_MAX),
            "elements": [_element(field) for field in form.fields],
            "submit_label": form.submit_label,
            "notify_on_cancel": False,
            "state": state,
        },
    }


def _element(field: FormField) -> dict[str, Any]:
    element: dict[str, Any] = {
        "display_name": _clip(field.label, _DISPLAY_NAME_MAX),
        "name": field.name,
        "optional": not field.required,
        "placeholder": field.placeholder or _PLACEHOLDERS.get(field.kind, ""),
        "help_text": _clip(field.hint, _HELP_MAX),
    }
    if field.kind is FieldKind.USER:
        element |= {"type": "select", "data_source": "users"}
    elif field.kind is FieldKind.SELECT:
        options = [{"text": o.label, "value": o.value} for o in field.options]
        element |= {"type": "select", "options": options}
    elif field.kind is FieldKind.TEXTAREA:
        element |= {
            "type": "textarea",
            "max_length": min(field.max_length or _TEXTAREA_MAX, _TEXTAREA_MAX),
        }
    else:
        element |= {"type": "text", "subtype": "text"}
        if field.max_length:
            element["max_length"] = min(field.max_length, _TEXTAREA_MAX)
    if field.initial:
        limit = _TEXTAREA_MAX if element["type"] == "textarea" else _TEXT_DEFAULT_MAX
        element["default"] = _clip(field.initial, limit)
    return element


def submitted_values(submission: object) -> dict[str, str] | None:
    """The submitted values as text (Mattermost sends booleans and nulls too); None when the
    submission is not an object."""
    if not isinstance(submission, dict):
        return None
    values: dict[str, str] = {}
    for name, value in submission.items():
        if value is None:
            values[str(name)] = ""
        elif isinstance(value, bool):
            values[str(name)] = "true" if value else "false"
        else:
            values[str(name)] = str(value)
    return values


def field_errors(errors: dict[str, str]) -> dict[str, Any]:
    """The response that keeps the dialog open and shows each error under its field."""
    return {"errors": dict(errors)}


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
