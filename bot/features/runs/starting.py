"""Starting one run from chat: the template's roles filled, due dates in the channel's zone,
the run's message posted, everyone with an item told; a role left out is asked for."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.commands.effects import post_run, refresh_home, tell
from bot.commands.invocation import Reply
from bot.commands.request import Request, date_error
from bot.core.errors import FieldError, UserError
from bot.core.formats import local_time
from bot.core.ids import run_ref
from bot.core.message import Block, Message, Section
from bot.core.okrs.links import key_result_to_link, link_run
from bot.core.outbox import Draft
from bot.core.reader import channel_reader, zone
from bot.core.runs import history
from bot.core.runs.plan import needed_roles, plan_run, start_of
from bot.core.runs.starting import RunStart as Planned
from bot.core.runs.starting import Started, start_runs
from bot.core.scope import Scope
from bot.core.templates import store
from bot.core.when import WhenError, parse_when
from bot.features.runs import commands as m
from bot.features.runs.people import find_people, fixed_people, split_pairs
from bot.views.templates import retro_blocks
from storage.models import Member, Template

RUN_ASSIGNED = "run.assigned"
EARLIEST_START = timedelta(days=366)
LATEST_START = timedelta(days=5 * 366)


@dataclass(frozen=True)
class RolesMissingError(Exception):
    """Roles nobody was named for: a form can ask for them."""

    roles: tuple[str, ...]


def channel_tz(scope: Scope) -> str:
    """Runs are planned in their channel's time zone (else the workspace's)."""
    return channel_reader(scope.channel, scope.workspace).tz


def start_day(scope: Scope, phrase: str | None, tz: str) -> tuple[date, datetime]:
    """The start day of a run in `tz`, and where its cycle time starts: the moment said, the
    day's midnight for a bare date, now when nothing is said."""
    if not phrase:
        return scope.now.astimezone(zone(tz)).date(), scope.now
    try:
        when = parse_when(phrase, now=scope.now, tz=tz, lang=scope.lang, allow_past=True)
    except WhenError as error:
        raise date_error(error, scope.lang) from None
    if not scope.now - EARLIEST_START <= when.at <= scope.now + LATEST_START:
        raise UserError("run.start_out_of_range", when=phrase[:60])
    day = when.at.astimezone(zone(tz)).date()
    return day, when.at if when.has_time else start_of(day, zone(tz))


def start_run(req: Request, cmd: m.RunStart) -> Reply:
    """Starts the run `cmd` asks for; raises RolesMissingError when a role has nobody."""
    scope = req.scope
    template = store.find(scope, cmd.template)
    version = store.latest(scope, template)
    spec = store.spec_of(version)
    roles, fields = split_pairs(spec, cmd.pairs)
    roles |= dict(cmd.people)
    missing = tuple(role for role in needed_roles(spec) if role not in roles)
    if missing:
        raise RolesMissingError(missing)
    people: dict[str, Member] = find_people(req, roles) | fixed_people(req, spec)
    counts_toward = key_result_to_link(scope, cmd.key_result) if cmd.key_result else None
    tz = channel_tz(scope)
    start_on, start_at = start_day(scope, cmd.start, tz)
    plan = plan_run(
        spec, subject=cmd.subject, fields=fields, start_on=start_on, start_at=start_at, tz=zone(tz)
    )
    if plan.problems:
        raise UserError("run.cannot_start", problems="\n".join(f"• {p}" for p in plan.problems))
    started = start_runs(scope, template, version, [Planned(plan, people, scope.here)])
    if counts_toward is not None:
        link_run(scope, started.runs[0].id, counts_toward)
    announce(req, template, started)
    run = started.runs[0]
    head = req.t(
        "run.started",
        run=run_ref(run.number),
        template=template.name,
        subject=req.t("run.for_subject", subject=run.subject) if run.subject else "",
        items=run.items,
        finish=local_time(plan.expected_finish, tz, req.scope.lang, with_time=False)
        if plan.expected_finish
        else "",
    )
    blocks: list[Block] = [Section(text=(head,))]
    blocks += retro_blocks(history.retros(scope, template.id), scope.lang)
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def announce(req: Request, template: Template, started: Started, *, post: bool = True) -> None:
    """Posts each run's message in the channel (unless `post` is off, as for a bulk start)
    and tells everyone with an item, once however many runs started."""
    scope = req.scope
    if post:
        for run in started.runs:
            post_run(scope, run.id, scope.here.channel_id, req.fallback)
    run_ids = [run.id for run in started.runs]
    for member in started.assignees.values():
        facts = {
            "runs": run_ids,
            "member": member.id,
            "by": scope.member.name,
            "template": template.name,
        }
        tell(scope, member, Draft(view=RUN_ASSIGNED, facts=facts))
        refresh_home(scope, member)


def field_error(error: UserError) -> FieldError:
    """A refusal of a run form's submission, shown next to the field it is about."""
    dated = error.key.startswith("when.") or error.key == "run.start_out_of_range"
    field = "start" if dated else "subject"
    return FieldError(field, error.key, **error.params)
