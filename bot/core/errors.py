"""Errors that end in a short, helpful reply to the user rather than a traceback."""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Something the user can fix; `key` names the catalog text that tells them how."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


class FieldError(UserError):
    """A user error tied to one field of a form, so the form can show it next to the field."""

    def __init__(self, field: str, key: str, **params: Any) -> None:
        super().__init__(key, **params)
        self.field = field
