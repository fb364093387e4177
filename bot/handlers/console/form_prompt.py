"""A form in the console: its fields asked one at a time, each answer typed on its own line.

A choice is answered by its number, value or label; `-` leaves an optional field empty.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.core.forms import FieldKind, Form, FormField

SKIP = "-"


@dataclass
class OpenForm:
    """A form being filled in by `user_id`: the answers so far and the fields still to ask
    (all of them at first; after a refused submission, the fields it found wrong)."""

    form: Form
    user_id: str
    values: dict[str, str] = field(default_factory=dict)
    pending: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.pending:
            self.pending = [each.name for each in self.form.fields]

    @property
    def asked(self) -> FormField:
        return next(each for each in self.form.fields if each.name == self.pending[0])

    def answer(self, value: str) -> None:
        self.values[self.pending.pop(0)] = value

    @property
    def complete(self) -> bool:
        return not self.pending


def question(asked: FormField) -> str:
    """`(form) Confidence? 1 on track · 2 at risk · 3 off track`."""
    line = f"(form) {asked.label}?"
    if asked.kind is FieldKind.SELECT:
        line += " " + " · ".join(f"{n} {o.label}" for n, o in enumerate(asked.options, 1))
    elif asked.hint:
        line += f" ({asked.hint})"
    if not asked.required:
        line += f" [{SKIP} for none]"
    return line


def read(asked: FormField, typed: str) -> str | None:
    """The value `typed` gives the field; None when it is not one of its choices."""
    given = typed.strip()
    if given == SKIP and not asked.required:
        return ""
    if asked.kind is not FieldKind.SELECT:
        return given
    wanted = _loose(given)
    for number, option in enumerate(asked.options, 1):
        if wanted in (str(number), _loose(option.value), _loose(option.label)):
            return option.value
    return None


def _loose(words: str) -> str:
    """`At risk`, `at-risk` and `at_risk` alike."""
    return " ".join(words.lower().replace("-", " ").replace("_", " ").split())
