"""What Baton trusts in a Mattermost request: slash command tokens and contexts it signed itself.

Mattermost hands a button's `context` and a dialog's `state` back untouched, but anyone who can
post a message can attach buttons of their own that point at Baton. So every context Baton
makes carries the team it was made for and an HMAC-SHA256 over its fields under BATON_SECRET:
a forged context, or one replayed from another team, is refused before anything runs.
All comparisons take constant time.

A dialog's state also carries a nonce, new for every dialog opened, and when it was opened:
Mattermost sends the same state with every submission of one dialog, so the nonce tells a
second submission of the dialog from a new one, and an old state is refused before the record
of its submission is forgotten.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

_VERSION = "v1"
_BUTTON_FIELDS = ("action", "value", "team", "workspace")
_STATE_FIELDS = ("form", "context", "team", "user", "channel", "nonce", "issued")
DIALOG_LIFETIME = 24 * 3600
"""Seconds a dialog can be submitted after it opened. It must stay shorter than delivery keys
are kept (two days, scheduler/worker.py): until then a second submission is recognised."""


@dataclass(frozen=True, slots=True)
class ButtonContext:
    """A verified button: what it does, and the team (Baton workspace) it belongs to."""

    action: str
    value: str
    team: str
    workspace: str


@dataclass(frozen=True, slots=True)
class DialogState:
    """A verified dialog: the form, its echoed context, and who opened it where."""

    form: str
    context: str
    team: str
    user: str
    channel: str
    nonce: str
    issued: str
    """Unix time in seconds, as text (every signed field is)."""

    def expired(self, now: float) -> bool:
        """Whether the dialog is too old to submit (a state from the future is not trusted)."""
        if not self.issued.isdigit():
            return True
        age = now - int(self.issued)
        return not -300 <= age <= DIALOG_LIFETIME


def workspace_key(team_id: str) -> str:
    """The Baton workspace of a Mattermost team, as a button names it."""
    return f"mattermost/{team_id}"


def _mac(secret: str, kind: str, fields: tuple[str, ...]) -> str:
    # JSON keeps field boundaries unambiguous whatever the values contain.
    payload = json.dumps([_VERSION, kind, *fields], separators=(",", ":"), ensure_ascii=False)
    return hmac.new(secret.encode(), payload.encode(), hashlib.sha256).hexdigest()


def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


def _strings(raw: object, names: tuple[str, ...]) -> tuple[str, ...] | None:
    if not isinstance(raw, dict):
        return None
    values = tuple(raw.get(name) for name in (*names, "signature"))
    if not all(isinstance(value, str) for value in values):
        return None
    return values  # type: ignore[return-value]


def sign_button(secret: str, *, action: str, value: str, team: str) -> dict[str, str]:
    """The `context` of a button Baton renders for `team`."""
    fields = (action, value, team, workspace_key(team))
    context = dict(zip(_BUTTON_FIELDS, fields, strict=True))
    return context | {"signature": _mac(secret, "button", fields)}


def verify_button(secret: str, raw: object) -> ButtonContext | None:
    """The button a context stands for, or None when Baton did not sign it."""
    values = _strings(raw, _BUTTON_FIELDS)
    if values is None:
        return None
    *fields, signature = values
    if not _same(signature, _mac(secret, "button", tuple(fields))):
        return None
    context = ButtonContext(*fields)
    return context if context.workspace == workspace_key(context.team) else None


def sign_state(
    secret: str,
    *,
    form: str,
    context: str,
    team: str,
    user: str,
    channel: str,
    issued: float | None = None,
) -> str:
    """The `state` of a new dialog opened for `user` in `channel` of `team` (now, by default)."""
    opened = str(int(time.time() if issued is None else issued))
    fields = (form, context, team, user, channel, secrets.token_urlsafe(16), opened)
    state = dict(zip(_STATE_FIELDS, fields, strict=True))
    state["signature"] = _mac(secret, "dialog", fields)
    return json.dumps(state, separators=(",", ":"))


def verify_state(secret: str, raw: object) -> DialogState | None:
    """The dialog a submitted `state` stands for, or None when Baton did not sign it."""
    if not isinstance(raw, str) or len(raw) > 4000:
        return None
    try:
        parsed = json.loads(raw)
    except ValueError:
        return None
    values = _strings(parsed, _STATE_FIELDS)
    if values is None:
        return None
    *fields, signature = values
    if not _same(signature, _mac(secret, "dialog", tuple(fields))):
        return None
    return DialogState(*fields)
