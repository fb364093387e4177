"""Generated templates, good and bad: offsets and dependencies always give a valid run or a
clear error, and a refused import or run leaves nothing behind."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from bot.app import Baton
from bot.core.catalog import text
from bot.core.runs.plan import needed_fields, plan_run, start_of
from bot.core.templates.offsets import Offset, OffsetError, parse_offset
from bot.core.templates.validation import TemplateError, validate
from storage.models import Run, Task, TaskDependency, Template, TemplateVersion
from tests.support.chat import Chat
from tests.support.queries import count

INTERNAL_ERROR = text("error.internal")
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"]
OFFSETS = st.one_of(
    st.just("start"),
    st.builds(
        lambda sign, n, unit, at: f"start{sign}{n}{unit}{at}",
        st.sampled_from(["+", "-", " + "]),
        st.integers(0, 400),
        st.sampled_from(["d", "w", " workdays", " days"]),
        st.sampled_from(["", " 09:00", " 23:59"]),
    ),
)
TITLES = st.one_of(
    st.sampled_from(["Call {subject}", "Ship to {city}", "Sign the contract", "Pay"]),
    st.text(max_size=20),
)
FLAWS = [None, None, None, None, "offset", "role", "unknown id", "self", "cycle", "name"]


@st.composite
def templates(draw: st.DrawFn) -> dict[str, Any]:
    """Valid templates, half of them with one flaw: a bad offset, an unknown role or id, an
    item waiting for itself, a cycle, a name that cannot be one."""
    ids = [f"i{k}" for k in range(draw(st.integers(1, 8)))]
    roles = draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True, max_size=3))
    assignees = st.one_of(st.none(), st.sampled_from(roles or ["@dora"]), st.just("@anna"))
    items: list[dict[str, Any]] = []
    for k, item_id in enumerate(ids):
        after = draw(st.lists(st.sampled_from(ids[:k]), max_size=2, unique=True)) if k else []
        item = {"id": item_id, "title": draw(TITLES), "due": draw(OFFSETS), "after": after}
        if (assignee := draw(assignees)) is not None:
            item["assignee"] = assignee
        items.append(item)
    flaw = draw(st.sampled_from(FLAWS))
    victim = items[draw(st.integers(0, len(items) - 1))]
    name = "gen"
    if flaw == "offset":
        victim["due"] = draw(st.sampled_from(["start+5x", "start+1d 24:00", "soon", "start+900w"]))
    elif flaw == "role":
        victim["assignee"] = "ghost"
    elif flaw == "unknown id":
        victim["after"] = [*victim["after"], "zz"]
    elif flaw == "self":
        victim["after"] = [*victim["after"], victim["id"]]
    elif flaw == "cycle":
        items[0]["after"] = [*items[0]["after"], items[-1]["id"]]
        items[-1]["after"] = [*items[-1]["after"], items[0]["id"]]
    elif flaw == "name":
        name = draw(st.sampled_from(["New", "x" * 70, "bulk"]))
    cut = draw(st.integers(0, len(items)))
    sections = [{"name": "One", "items": items[:cut]}, {"name": "Two", "items": items[cut:]}]
    return {
        "name": name,
        "title": "Generated",
        "roles": roles,
        "sections": [section for section in sections if section["items"]],
    }


TEMPLATES = templates()
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def acyclic(after: dict[str, list[str]]) -> bool:
    done: set[str] = set()
    while len(done) < len(after):
        ready = [i for i, needs in after.items() if i not in done and set(needs) <= done]
        if not ready:
            return False
        done |= set(ready)
    return True


@given(TEMPLATES, st.dates(date(2000, 1, 1), date(2090, 1, 1)), st.sampled_from(ZONES))
def test_a_generated_template_gives_a_valid_run_or_named_problems(
    data: dict[str, Any], start: date, tz: str
) -> None:
    try:
        spec = validate(data)
    except TemplateError as error:
        problems = error.problems
        spec = None
    if spec is None:
        assert problems
        assert all(str(problem).strip() for problem in problems)
        return
    zone = ZoneInfo(tz)
    fields = dict.fromkeys(needed_fields(spec), "Lyon")
    plan = plan_run(
        spec, subject="Jane", fields=fields, start_on=start, start_at=start_of(start, zone), tz=zone
    )
    assert plan.problems == []
    assert [item.item_id for item in plan.items] == [item.id for item in spec.items]
    ids = {item.item_id for item in plan.items}
    assert acyclic({item.item_id: list(item.after) for item in plan.items})
    assert all(set(item.after) <= ids for item in plan.items)
    for item, planned in zip(spec.items, plan.items, strict=True):
        offset = parse_offset(item.due)
        local = planned.due_at.astimezone(zone)
        assert planned.due_at.tzinfo is not None
        assert local.date() == offset.day(start) or offset.at is not None
        if offset.unit == "workdays":
            assert offset.day(start).weekday() < 5
        assert "{subject}" not in planned.title
    assert plan.expected_finish == max((i.due_at for i in plan.items), default=None)


@given(st.text(max_size=30))
def test_any_text_is_an_offset_or_says_what_one_looks_like(given_text: str) -> None:
    try:
        offset = parse_offset(given_text)
    except OffsetError as error:
        why = str(error)
        offset = None
    if offset is None:
        assert "start" in why or "time of day" in why
        return
    assert parse_offset(str(offset)) == offset


@given(st.integers(-520, 520), st.sampled_from(["d", "w", "workdays"]))
def test_offsets_round_trip(amount: int, unit: str) -> None:
    offset = Offset(amount, unit)
    if abs(offset.days) <= 3660:
        read = parse_offset(str(offset))
        assert str(read) == str(offset)
        assert read.day(date(2026, 12, 4)) == offset.day(date(2026, 12, 4))


@FUZZ
@given(TEMPLATES, st.sampled_from(["2026-12-01", "2026-11-28", "monday", "next year please"]))
def test_importing_and_running_generated_templates_never_half_writes(
    chat: Chat, baton: Baton, data: dict[str, Any], start: str
) -> None:
    before = {model: count(baton, model) for model in (Run, Task, TaskDependency)}
    versions = count(baton, TemplateVersion)
    imported = chat.say(f"/baton template import ```yaml\n{yaml.safe_dump(data)}\n```")
    assert INTERNAL_ERROR not in imported
    if "The template was not saved" in imported or "control characters" in imported:
        event("template refused")
        assert count(baton, TemplateVersion) == versions
        return
    assert "`" in imported
    spec = validate(data)
    people = [
        f"{role}=@{who}" for role, who in zip(spec.roles, ["anna", "carl", "dora"], strict=False)
    ]
    fields = [f"{name}=Lyon" for name in needed_fields(spec)]
    command = f"/baton run {spec.name} for Jane start {start} {' '.join(people + fields)}"
    reply = chat.say(command)
    assert INTERNAL_ERROR not in reply
    after = {model: count(baton, model) for model in (Run, Task, TaskDependency)}
    event("started" if "Started R-" in reply else "refused")
    if "Started R-" in reply:
        assert start != "next year please"
        assert after[Run] == before[Run] + 1
        assert after[Task] == before[Task] + len(spec.items)
        links = sum(len(item.after) for item in spec.items)
        assert after[TaskDependency] == before[TaskDependency] + links
    else:
        assert start == "next year please" or "title would have" in reply, reply
        assert after == before, reply
    assert count(baton, Template) >= 1


def test_a_start_at_the_end_of_the_calendar_is_a_problem_not_a_crash() -> None:
    spec = validate(
        {
            "name": "far",
            "title": "Far",
            "sections": [{"name": "S", "items": [{"title": "Later", "due": "start+520w"}]}],
        }
    )
    end = date(9999, 12, 1)
    plan = plan_run(
        spec,
        subject="",
        fields={},
        start_on=end,
        start_at=datetime(9999, 12, 1, tzinfo=UTC),
        tz=ZoneInfo("UTC"),
    )
    assert plan.problems == ["item `later`: start+520w falls outside the calendar"]
