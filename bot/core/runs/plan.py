"""A run before it is written: every item's title, assignee and due date, or every reason it
cannot start. Pure: no database, so a CSV of 2,000 rows is checked whole before any is saved.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from bot.core.templates import placeholders
from bot.core.templates.offsets import parse_offset
from bot.core.templates.spec import TemplateSpec

MAX_TASK_TITLE = 500
MAX_NOTES = 1000
MAX_SUBJECT = 200


@dataclass(frozen=True, slots=True)
class PlannedItem:
    item_id: str
    title: str
    notes: str
    assignee: str | None
    """A role of the template, a fixed person (`@anna`), or nobody."""
    due_at: datetime
    due_has_time: bool
    after: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    subject: str
    fields: dict[str, str]
    start_on: date
    start_at: datetime
    items: tuple[PlannedItem, ...]
    expected_finish: datetime | None
    problems: list[str] = field(default_factory=list)


def needed_fields(spec: TemplateSpec) -> list[str]:
    """The fields a run must be given: those declared and those the texts use, but `subject`."""
    used = [
        name
        for item in spec.items
        for text in (item.title, item.description)
        for name in placeholders.names_in(text)
    ]
    names = dict.fromkeys([*spec.fields, *used])
    names.pop(placeholders.SUBJECT, None)
    return list(names)


def needs_subject(spec: TemplateSpec) -> bool:
    return any(
        placeholders.SUBJECT in placeholders.names_in(item.title + item.description)
        for item in spec.items
    )


def needed_roles(spec: TemplateSpec) -> list[str]:
    """The roles some item is assigned to, in the template's order."""
    used = {item.assignee for item in spec.items if item.assignee}
    return [role for role in spec.roles if role in used]


def start_of(day: date, tz: ZoneInfo) -> datetime:
    """Midnight at the start of `day` in `tz`, in UTC: where a run's cycle time starts."""
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def plan_run(
    spec: TemplateSpec,
    *,
    subject: str,
    fields: Mapping[str, str],
    start_on: date,
    start_at: datetime,
    tz: ZoneInfo,
) -> Plan:
    """The run of `spec` for `subject` starting on `start_on` in `tz`; `problems` lists what
    stops it (then `items` is empty)."""
    problems: list[str] = []
    subject = " ".join(subject.split())
    if len(subject) > MAX_SUBJECT:
        problems.append(f"the subject has {len(subject)} characters; the limit is {MAX_SUBJECT}")
    if not subject and needs_subject(spec):
        problems.append(f'`{spec.name}` needs a subject: add `for "…"`')
    missing = [name for name in needed_fields(spec) if not fields.get(name, "").strip()]
    if missing:
        listed = " ".join(f"{name}=…" for name in missing)
        problems.append(f"`{spec.name}` needs the field(s) {', '.join(missing)}: add {listed}")
    values = {name: " ".join(value.split()) for name, value in fields.items()}
    values[placeholders.SUBJECT] = subject
    items: list[PlannedItem] = []
    for item in spec.items:
        title = placeholders.fill(item.title, values)
        if len(title) > MAX_TASK_TITLE:
            problems.append(
                f"item `{item.id}`: its title would have {len(title)} characters; "
                f"the limit is {MAX_TASK_TITLE}"
            )
        try:
            due_at, has_time = parse_offset(item.due).due(start_on, tz)
        except OverflowError:
            problems.append(f"item `{item.id}`: {item.due} falls outside the calendar")
            continue
        notes = placeholders.fill(item.description, values)[:MAX_NOTES]
        items.append(
            PlannedItem(
                item_id=item.id or "",
                title=title,
                notes=notes,
                assignee=item.assignee,
                due_at=due_at,
                due_has_time=has_time,
                after=tuple(item.after),
            )
        )
    if problems:
        return Plan(subject, dict(fields), start_on, start_at, (), None, problems)
    finish = max((item.due_at for item in items), default=None)
    return Plan(subject, dict(fields), start_on, start_at, tuple(items), finish)
