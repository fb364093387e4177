"""A CSV of runs to start, one a row, checked whole: every problem names its row and column.

Rows are numbered as a spreadsheet shows them: the header is row 1. Columns are matched by
name, whatever their case or spacing (`Go-live date` is `go_live_date`): `subject` (or
`name`) is the run's subject, `start` its start date, a column named after a role holds that
role's person (`@handle`, overriding the command's), and the template's fields come from the
columns of their names. Other columns are left alone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from bot.core.runs.plan import needed_fields, needed_roles, needs_subject
from bot.core.templates.placeholders import field_name
from bot.core.templates.spec import TemplateSpec

MAX_ROWS = 2000
SUBJECT_COLUMNS = ("subject", "name")
START = "start"


@dataclass(frozen=True)
class Row:
    number: int
    subject: str
    start: str
    fields: dict[str, str]
    people: dict[str, str]
    """Handles (without `@`) by role, as the row gives them."""
    clean: bool = True
    """Whether the row's cells are fine (else its problems are already said)."""


@dataclass
class Rows:
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def problem(row: int, column: str, message: str) -> str:
    where = f"row {row}, column {column}" if column else f"row {row}"
    return f"{where}: {message}"


def read_rows(
    text: str, spec: TemplateSpec, *, given_roles: set[str], given_fields: set[str]
) -> Rows:
    """The rows of CSV `text` for runs of `spec`; roles and fields given on the command line
    (`given_…`) need no column."""
    found = Rows()
    reader = csv.reader(io.StringIO(text.strip("\n")))
    try:
        lines = [line for line in reader if any(cell.strip() for cell in line)]
    except csv.Error as error:
        found.problems.append(problem(reader.line_num, "", f"not valid CSV: {error}"))
        return found
    if len(lines) - 1 > MAX_ROWS:
        found.problems.append(
            f"the CSV has {len(lines) - 1:,} rows; at most {MAX_ROWS:,} runs start at once"
        )
        return found
    if len(lines) < 2:
        found.problems.append("the CSV needs a header row, then one row per run")
        return found
    header = [field_name(cell) for cell in lines[0]]
    found.problems += _header_problems(header, spec, given_roles, given_fields)
    if found.problems:
        return found
    row_reader = _RowReader(header, spec, given_roles, given_fields)
    for n, line in enumerate(lines[1:], start=2):
        row = row_reader.read(n, line, found.problems)
        if row is not None:
            found.rows.append(row)
    return found


def _header_problems(
    header: list[str], spec: TemplateSpec, given_roles: set[str], given_fields: set[str]
) -> list[str]:
    problems = []
    missing = []
    if not any(name in header for name in SUBJECT_COLUMNS) and needs_subject(spec):
        missing.append("subject")
    missing += [n for n in needed_fields(spec) if n not in header and n not in given_fields]
    if missing:
        problems.append(f"missing column(s): {', '.join(missing)}")
    no_people = [r for r in needed_roles(spec) if r not in header and r not in given_roles]
    if no_people:
        listed = " ".join(f"{role}=@…" for role in no_people)
        problems.append(
            f"nobody for {', '.join(no_people)}: add a column of that name, or {listed} "
            "to the command"
        )
    duplicates = sorted({name for name in header if name and header.count(name) > 1})
    if duplicates:
        problems.append(f"column(s) named twice: {', '.join(duplicates)}")
    return problems


class _RowReader:
    """Reads the rows under one header, remembering subjects to find duplicates."""

    def __init__(
        self, header: list[str], spec: TemplateSpec, given_roles: set[str], given_fields: set[str]
    ) -> None:
        self.header = header
        self.columns = {name: i for i, name in enumerate(header) if name}
        self.subject = next((name for name in SUBJECT_COLUMNS if name in self.columns), None)
        self.needs_subject = needs_subject(spec)
        self.needed_roles = set(needed_roles(spec))
        self.roles = [role for role in spec.roles if role in self.columns]
        self.fields = [name for name in needed_fields(spec) if name in self.columns]
        self.given_roles = given_roles
        self.given_fields = given_fields
        self.seen: dict[str, int] = {}

    def read(self, n: int, line: list[str], problems: list[str]) -> Row | None:
        """Row `n`, or None when it is not even shaped like one; problems go to `problems`."""
        if len(line) > len(self.header):
            problems.append(problem(n, "", f"{len(line)} cells, the header has {len(self.header)}"))
            return None
        before = len(problems)
        cells = [cell.strip() for cell in line] + [""] * (len(self.header) - len(line))
        subject = cells[self.columns[self.subject]] if self.subject else ""
        problems += self._subject_problems(n, subject)
        values = {name: cells[self.columns[name]] for name in self.fields}
        problems += [
            problem(n, name, "empty")
            for name, value in values.items()
            if not value and name not in self.given_fields
        ]
        people: dict[str, str] = {}
        for role in self.roles:
            cell = cells[self.columns[role]]
            handle = cell.removeprefix("@")
            if not cell:
                if role not in self.given_roles and role in self.needed_roles:
                    problems.append(problem(n, role, f"empty, and no {role}=@… given"))
            elif not cell.startswith("@") or not handle or " " in handle:
                problems.append(problem(n, role, f"`{cell[:40]}` is not a person (@handle)"))
            else:
                people[role] = handle.lower()
        start = cells[self.columns[START]] if START in self.columns else ""
        clean = len(problems) == before
        return Row(n, subject, start, fields=values, people=people, clean=clean)

    def _subject_problems(self, n: int, subject: str) -> list[str]:
        column = self.subject or "subject"
        if not subject:
            return [problem(n, column, "empty")] if self.needs_subject else []
        key = subject.casefold()
        if key in self.seen:
            return [problem(n, column, f"“{subject}” is also in row {self.seen[key]}")]
        self.seen[key] = n
        return []
