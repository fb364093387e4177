"""The shape a signed request must have before Bolt reads it.

Bolt and Baton's listeners read payloads as Slack documents them: `team` an object or an id,
`actions` a list of objects, `view.callback_id` a string. A payload of another shape (from
someone who holds the signing secret, or a fuzzer behind a proxy that signs) would fail deep
inside them with a 500; here it is refused with 400 before anything runs.

The body is parsed as Bolt parses it (`slack_bolt.request.internals.parse_body`), so what
is checked is what Bolt will see.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

Payload = dict[str, Any]

_TEXT = frozenset(
    {
        "type",
        "subtype",
        "callback_id",
        "action_id",
        "trigger_id",
        "response_url",
        "command",
        "challenge",
        "team_id",
        "user_id",
        "channel_id",
        "enterprise_id",
        "app_installed_team_id",
        "api_app_id",
        "event_id",
        "view_id",
        "message_ts",
        "thread_ts",
        "private_metadata",
    }
)
_OBJECT = frozenset(
    {
        "container",
        "view",
        "message",
        "previous_message",
        "event",
        "state",
        "item",
        "assistant_thread",
        "function_data",
        "workflow_step",
    }
)
_OBJECT_OR_ID = frozenset({"team", "user", "channel", "enterprise"})
_OBJECT_LIST = frozenset({"actions", "authorizations", "response_urls"})

_NEEDS = {
    "block_actions": ("actions",),
    "interactive_message": ("actions", "callback_id"),
    "view_submission": ("view",),
    "view_closed": ("view",),
    "event_callback": ("event",),
    "shortcut": ("callback_id",),
    "message_action": ("callback_id",),
    "dialog_submission": ("callback_id",),
    "dialog_cancellation": ("callback_id",),
    "block_suggestion": ("action_id",),
}
"""What Bolt's matchers index without looking, by payload type."""


class MalformedError(ValueError):
    """Why a payload cannot be read."""


def payload_of(text: str, content_type: str | None) -> Payload:
    """The payload of a request body, checked; MalformedError when it has another shape."""
    if not text:
        return {}
    if content_type == "application/json" or text.startswith("{"):
        return checked(_json(text))
    fields = dict(parse_qsl(text, keep_blank_values=True))
    if "payload" not in text:
        return fields  # a slash command or ssl_check: form fields, strings all
    return checked(_json(fields["payload"])) if "payload" in fields else {}


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise MalformedError("not JSON") from None


def checked(payload: Any) -> Payload:
    if not isinstance(payload, dict):
        raise MalformedError("not a JSON object")
    _check_types(payload)
    _check_needs(payload)
    return payload


def _check_types(payload: Payload) -> None:
    """Every known field, at any depth Bolt or Baton reads, has its documented type."""
    pending: list[Payload] = [payload]
    while pending:
        node = pending.pop()
        for key, value in node.items():
            if value is None:
                continue
            if key in _TEXT and not isinstance(value, str):
                raise MalformedError(f"{key} is not a string")
            if key in _OBJECT and not isinstance(value, dict):
                raise MalformedError(f"{key} is not an object")
            if key in _OBJECT_OR_ID and not isinstance(value, dict | str):
                raise MalformedError(f"{key} is neither an object nor an id")
            if key in _OBJECT_LIST and not (
                isinstance(value, list) and all(isinstance(item, dict) for item in value)
            ):
                raise MalformedError(f"{key} is not a list of objects")
            if key == "values" and not _is_state_values(value):
                raise MalformedError("state values are not objects of objects")
            if key in _OBJECT or key in _OBJECT_OR_ID:
                if isinstance(value, dict):
                    pending.append(value)
            elif key in _OBJECT_LIST:
                pending.extend(value)


def _is_state_values(value: Any) -> bool:
    """`view.state.values`: block id -> action id -> element state."""
    return isinstance(value, dict) and all(
        isinstance(block, dict) and all(isinstance(state, dict) for state in block.values())
        for block in value.values()
    )


def _check_needs(payload: Payload) -> None:
    kind = payload.get("type")
    for key in _NEEDS.get(str(kind), ()):
        if not payload.get(key):
            raise MalformedError(f"{kind} without {key}")
    if kind == "block_actions" and not all(a.get("action_id") for a in payload["actions"]):
        raise MalformedError("an action without action_id")
    if kind in ("view_submission", "view_closed") and not payload["view"].get("callback_id"):
        raise MalformedError("a view without callback_id")
    if kind == "event_callback" and not payload["event"].get("type"):
        raise MalformedError("an event without type")
