"""Inbound payload fixtures (copied from Slack's documentation and bolt-python's scenario tests)
and the bodies Slack sends them in: form fields, `payload=<json>` or a JSON event."""

from __future__ import annotations

import copy
import hashlib
import hmac
import json
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

PAYLOADS = Path(__file__).parent / "payloads"
Payload = dict[str, Any]


def load(name: str) -> Payload:
    """The fixture `name` without its `_source` note."""
    data = json.loads((PAYLOADS / f"{name}.json").read_text())
    return {k: copy.deepcopy(v) for k, v in data.items() if not k.startswith("_")}


def form_body(fields: Payload) -> str:
    """A slash command: form-encoded fields."""
    return urlencode({k: str(v) for k, v in fields.items()})


def interaction_body(payload: Payload) -> str:
    """Buttons, modals and shortcuts: `payload=` and the JSON, form-encoded."""
    return f"payload={quote(json.dumps(payload))}"


def event_body(envelope: Payload) -> str:
    return json.dumps(envelope)


def sign(secret: str, timestamp: str, body: str) -> str:
    """Slack's v0 signature, computed here independently of the code under test."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
