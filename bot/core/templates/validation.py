"""Validates a template as a whole and reports every problem at once, each naming where it is.

pydantic checks each value (`spec`); this module adds what spans items: item ids, roles,
`after` references, dependency cycles, placeholders and the item limit. Both run on every
file, so one import shows all there is to fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from bot.core.errors import UserError
from bot.core.templates import placeholders
from bot.core.templates.spec import ITEM_ID, MAX_ITEMS, TemplateSpec

MAX_SHOWN = 30
"""Problems listed in one reply; the rest are counted."""
_ITEM_ID = re.compile(ITEM_ID)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a template: where (an item, a section, the template), in which
    field, and what."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        field = f", {self.field}" if self.field else ""
        return f"{self.where}{field}: {self.message}"


class TemplateError(UserError):
    """A template with problems: nothing of it is saved."""

    def __init__(self, problems: list[Problem]) -> None:
        lines = [f"• {problem}" for problem in problems[:MAX_SHOWN]]
        if len(problems) > MAX_SHOWN:
            lines.append(f"• …and {len(problems) - MAX_SHOWN} more")
        super().__init__("template.invalid_n", count=len(problems), problems="\n".join(lines))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class _RawItem:
    """An item as written, read defensively (the file may be wrong anywhere)."""

    section: int
    index: int
    section_name: str
    id: str | None
    title: str
    assignee: str | None
    after: list[str]

    @property
    def position(self) -> str:
        return f"section {self.section + 1} “{self.section_name[:40]}”, item {self.index + 1}"


def validate(data: object) -> TemplateSpec:
    """The template `data` (as loaded from YAML) says, with an id on every item.

    Raises:
        TemplateError: listing every problem found.
    """
    if not isinstance(data, dict):
        raise TemplateError(
            [
                Problem(
                    "template",
                    "",
                    "a template is a mapping with name, title, roles and sections "
                    "(`baton template schema` describes it)",
                )
            ]
        )
    raw = list(_raw_items(data))
    ids = assign_ids([(item.id, item.title) for item in raw])
    problems: list[Problem] = []
    spec: TemplateSpec | None = None
    try:
        spec = TemplateSpec.model_validate(data)
    except ValidationError as error:
        problems += [_from_pydantic(e, data, raw, ids) for e in error.errors()]
    problems += _across_items(data, raw, ids)
    if problems:
        raise TemplateError(problems)
    assert spec is not None
    return with_ids(spec, ids)


def with_ids(spec: TemplateSpec, ids: list[str]) -> TemplateSpec:
    """`spec` with the ids `ids` on its items, in order."""
    dumped = spec.model_dump(mode="json")
    names = iter(ids)
    for section in dumped["sections"]:
        for item in section["items"]:
            item["id"] = next(names)
    return TemplateSpec.model_validate(dumped)


def assign_ids(items: list[tuple[str | None, str]]) -> list[str]:
    """Each item's id: its own, or one made from its title that no other item has."""
    taken = {given for given, _ in items if given}
    ids: list[str] = []
    for given, title in items:
        if given:
            ids.append(given)
            continue
        base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:40] or "item"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _text(value: object) -> str | None:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _raw_items(data: dict[Any, Any]) -> Iterator[_RawItem]:
    sections = data.get("sections")
    if not isinstance(sections, list):
        return
    for s, section in enumerate(sections):
        if not isinstance(section, dict) or not isinstance(section.get("items"), list):
            continue
        name = _text(section.get("name")) or ""
        for i, item in enumerate(section["items"]):
            if not isinstance(item, dict):
                continue
            after = item.get("after") or []
            if isinstance(after, str):
                after = [a.strip() for a in after.split(",") if a.strip()]
            item_id = _text(item.get("id"))
            yield _RawItem(
                section=s,
                index=i,
                section_name=name,
                id=item_id if item_id and _ITEM_ID.match(item_id) else None,
                title=_text(item.get("title")) or "",
                assignee=_text(item.get("assignee")),
                after=[t for a in after if (t := _text(a))] if isinstance(after, list) else [],
            )


def _item_label(item: _RawItem, item_id: str) -> str:
    return f"item `{item_id}` ({item.position})"


def _from_pydantic(
    error: Any, data: dict[Any, Any], raw: list[_RawItem], ids: list[str]
) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    message = str(error["msg"]).removeprefix("Value error, ")
    if kind == "missing":
        message = "missing"
    elif kind == "extra_forbidden":
        message = f"`{str(loc[-1])[:40]}` is not a field here"
    where, field = "template", ".".join(str(part) for part in loc)
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        section_name = ""
        sections = data.get("sections")
        if isinstance(sections, list) and isinstance(sections[loc[1]], dict):
            section_name = _text(sections[loc[1]].get("name")) or ""
        where = f"section {loc[1] + 1} “{section_name[:40]}”"
        field = ".".join(str(part) for part in loc[2:])
        if len(loc) >= 4 and loc[2] == "items" and isinstance(loc[3], int):
            found = [
                (item, ids[n])
                for n, item in enumerate(raw)
                if item.section == loc[1] and item.index == loc[3]
            ]
            where = (
                _item_label(*found[0])
                if found
                else f"section {loc[1] + 1} “{section_name[:40]}”, item {loc[3] + 1}"
            )
            field = ".".join(str(part) for part in loc[4:] if not isinstance(part, int))
    if kind == "extra_forbidden":
        field = ".".join(field.split(".")[:-1])
    return Problem(where, field, message)


def _across_items(data: dict[Any, Any], raw: list[_RawItem], ids: list[str]) -> list[Problem]:
    """What no single value shows: ids, roles, references, cycles, placeholders, size."""
    problems: list[Problem] = []
    if len(raw) > MAX_ITEMS:
        problems.append(
            Problem("template", "sections", f"{len(raw)} items; a template has at most {MAX_ITEMS}")
        )
    seen: dict[str, _RawItem] = {}
    for item in raw:
        if item.id is None:
            continue
        if item.id in seen:
            first = seen[item.id]
            problems.append(
                Problem(
                    _item_label(item, item.id),
                    "id",
                    f"`{item.id}` is also the id of {first.position}",
                )
            )
        else:
            seen[item.id] = item
    roles = data.get("roles")
    role_names = _listed_names(roles)
    for n, item in enumerate(raw):
        assignee = item.assignee
        if assignee and not assignee.startswith("@") and assignee not in role_names:
            known = ", ".join(role_names) if role_names else "none; list them under `roles:`"
            problems.append(
                Problem(
                    _item_label(item, ids[n]),
                    "assignee",
                    f"there is no role `{assignee[:40]}` (roles: {known})",
                )
            )
    id_set = set(ids)
    for n, item in enumerate(raw):
        for ref in item.after:
            if ref == ids[n]:
                problems.append(
                    Problem(_item_label(item, ids[n]), "after", "an item cannot wait for itself")
                )
            elif ref not in id_set:
                close = difflib.get_close_matches(ref, ids, n=1)
                hint = f" (did you mean `{close[0]}`?)" if close else ""
                problems.append(
                    Problem(
                        _item_label(item, ids[n]), "after", f"there is no item `{ref[:64]}`{hint}"
                    )
                )
    graph: dict[str, list[str]] = {}
    for n, item in enumerate(raw):
        graph.setdefault(ids[n], []).extend(item.after)
    problems += [
        Problem("template", "after", "a cycle: " + " → ".join(f"`{i}`" for i in cycle))
        for cycle in find_cycles(graph)
    ]
    problems += _placeholders(data, raw, ids)
    return problems


def _listed_names(value: object) -> list[str]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list):
        return [t for v in value if (t := _text(v))]
    return []


def _placeholders(data: dict[Any, Any], raw: list[_RawItem], ids: list[str]) -> list[Problem]:
    """With `fields:` declared, every placeholder must be one of them (or `subject`)."""
    declared = data.get("fields")
    if declared is None:
        return []
    known = {placeholders.SUBJECT, *_listed_names(declared)}
    problems = []
    for n, item in enumerate(raw):
        unknown = [name for name in placeholders.names_in(item.title) if name not in known]
        if unknown:
            listed = ", ".join(sorted(known - {placeholders.SUBJECT})) or "—"
            named = ", ".join("{" + name + "}" for name in unknown)
            problems.append(
                Problem(
                    _item_label(item, ids[n]),
                    "title",
                    f"{named} is not a field (fields: {listed})",
                )
            )
    return problems


def find_cycles(after: dict[str, list[str]]) -> list[list[str]]:
    """Dependency cycles among items (`after`: id -> ids it waits for), each as a path that
    ends where it began; each cycle once, self-references left to the caller."""
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    in_cycle: set[str] = set()
    for root in after:
        if state.get(root):
            continue
        path: list[str] = []
        stack: list[tuple[str, Iterator[str]]] = [(root, iter(after.get(root, ())))]
        state[root] = 1
        path.append(root)
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            if child == node or child not in after:
                continue
            if state.get(child) == 1:
                cycle = [*path[path.index(child) :], child]
                if not in_cycle.issuperset(cycle):
                    cycles.append(cycle)
                    in_cycle.update(cycle)
            elif not state.get(child):
                state[child] = 1
                path.append(child)
                stack.append((child, iter(after.get(child, ()))))
    return cycles
