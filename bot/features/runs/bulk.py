"""Starting many runs at once from a CSV (chat or `baton run bulk`): every row checked before
anything starts, then all runs in one transaction, or none."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import select

from bot.commands.effects import notice
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core import outbox
from bot.core.catalog import text as text_of
from bot.core.directory import find_members
from bot.core.errors import UserError
from bot.core.ids import run_ref
from bot.core.message import Block, Message, Section
from bot.core.reader import zone
from bot.core.runs import history
from bot.core.runs.csv_rows import Row, problem, read_rows
from bot.core.runs.plan import plan_run, start_of
from bot.core.runs.starting import RunStart, start_runs
from bot.core.scope import Scope
from bot.core.templates import store
from bot.core.templates.validation import MAX_SHOWN
from bot.features.runs import commands as m
from bot.features.runs.people import find_people, fixed_people, split_pairs
from bot.features.runs.starting import (
    EARLIEST_START,
    LATEST_START,
    announce,
    channel_tz,
    start_day,
)
from bot.views.templates import retro_blocks
from storage.models import Run, RunStatus

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ROW = re.compile(r"^row (\d+)")


class _Starts:
    """Reads each row's start date, once per distinct text (dateparser is slow)."""

    def __init__(self, scope: Scope, tz: str, default: tuple[date, datetime]) -> None:
        self.scope = scope
        self.tz = tz
        self.default = default
        self._seen: dict[str, tuple[date, datetime] | str] = {}

    def of(self, text: str) -> tuple[date, datetime] | str:
        """The start day and moment, or why `text` is no start."""
        if not text:
            return self.default
        if text not in self._seen:
            self._seen[text] = self._read(text)
        return self._seen[text]

    def _read(self, text: str) -> tuple[date, datetime] | str:
        try:
            if _ISO_DATE.match(text):  # what spreadsheets write: no need for dateparser
                day = date.fromisoformat(text)
                moment = start_of(day, zone(self.tz))
                now = self.scope.now
                if not now - EARLIEST_START <= moment <= now + LATEST_START:
                    raise UserError("run.start_out_of_range", when=text)
                return day, moment
            return start_day(self.scope, text, self.tz)
        except ValueError:
            return f"{text[:40]} is not a date"
        except UserError as error:
            return text_of(error.key, "en", **error.params)


def bulk(req: Request, cmd: m.RunBulk) -> Reply:
    scope = req.scope
    template = store.find(scope, cmd.template)
    version = store.latest(scope, template)
    spec = store.spec_of(version)
    roles, fields = split_pairs(spec, cmd.pairs)
    given = find_people(req, roles) | fixed_people(req, spec)
    tz = channel_tz(scope)
    starts = _Starts(scope, tz, start_day(scope, cmd.start, tz))
    read = read_rows(cmd.csv, spec, given_roles=set(roles), given_fields=set(fields))
    problems = list(read.problems)
    handles = {handle for row in read.rows for handle in row.people.values()}
    people, unknown = find_members(scope, handles)
    active = _active_subjects(scope, template.id)
    planned: list[RunStart] = []
    for row in read.rows:
        problems += _row_problems(row, unknown, active)
        start = starts.of(row.start)
        if isinstance(start, str):
            problems.append(problem(row.number, "start", start))
            continue
        plan = plan_run(
            spec,
            subject=row.subject,
            fields=fields | {k: v for k, v in row.fields.items() if v},
            start_on=start[0],
            start_at=start[1],
            tz=zone(tz),
        )
        if row.clean:  # else what is missing is said already, column by column
            problems += [problem(row.number, "", p) for p in plan.problems]
        who = given | {role: people[h] for role, h in row.people.items() if h in people}
        planned.append(RunStart(plan, who, scope.here))
    if problems:
        raise _refused(sorted(problems, key=_row_of))
    started = start_runs(scope, template, version, planned)
    first, last = started.runs[0].number, started.runs[-1].number
    items = sum(run.items for run in started.runs)
    params: dict[str, Any] = {
        "who": f"@{scope.member.name}",
        "count": len(started.runs),
        "template": template.name,
        "first": run_ref(first),
        "last": run_ref(last),
        "items": items,
    }
    news = notice("run.bulk_posted", **params)
    outbox.post(scope, scope.here.channel_id, news, fallback=req.fallback)
    announce(req, template, started, post=False)
    head = req.t("run.bulk_started", **params)
    blocks: list[Block] = [Section(text=(head,))]
    blocks += retro_blocks(history.retros(scope, template.id), scope.lang)
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def _row_problems(row: Row, unknown: list[str], active: dict[str, int]) -> list[str]:
    found = [
        problem(row.number, role, f"I can't find @{handle}")
        for role, handle in row.people.items()
        if handle in unknown
    ]
    number = active.get(row.subject.casefold()) if row.subject else None
    if number is not None:
        found.append(
            problem(row.number, "subject", f"“{row.subject}” already has an active run, R-{number}")
        )
    return found


def _active_subjects(scope: Scope, template_id: int) -> dict[str, int]:
    rows = scope.session.execute(
        select(Run.subject, Run.number).where(
            Run.workspace_id == scope.workspace.id,
            Run.template_id == template_id,
            Run.status == RunStatus.ACTIVE,
        )
    )
    return {subject.casefold(): number for subject, number in rows if subject}


def _row_of(text: str) -> int:
    """The row a problem is about (0 for the CSV as a whole), to list them in order."""
    found = _ROW.match(text)
    return int(found.group(1)) if found else 0


def _refused(problems: list[str]) -> UserError:
    lines = [f"• {p}" for p in problems[:MAX_SHOWN]]
    if len(problems) > MAX_SHOWN:
        lines.append(f"• …and {len(problems) - MAX_SHOWN} more")
    return UserError("run.bulk_refused", count=len(problems), problems="\n".join(lines))
