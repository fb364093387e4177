"""OKR commands: add objectives and key results, check in, list, show, chart, cadence."""

from __future__ import annotations

from datetime import date

from bot.commands.invocation import Reply
from bot.commands.models import ChannelRef
from bot.commands.request import Request
from bot.core import outbox
from bot.core.okrs.board import standing
from bot.core.okrs.cadences import CadenceChange, cadence_of, set_cadence
from bot.core.okrs.checkins import record_checkin
from bot.core.okrs.key_results import Measure, add_key_result, give_to
from bot.core.okrs.objectives import add_objective, objectives_during
from bot.core.okrs.periods import current_quarter, parse_period
from bot.core.okrs.refs import key_result_by_number, objective_by_number, objective_of
from bot.core.okrs.rounds import plan_checkins
from bot.core.outbox import Draft
from bot.core.reader import channel_reader, zone
from bot.core.scope import channel_for
from bot.features.okrs import commands as m
from bot.features.okrs import views
from bot.views.okrs import day_text, value_text
from storage.models import Channel


def _channel(req: Request, ref: ChannelRef | None) -> Channel:
    """The channel a command names (one the platform named may be new to Baton), else here."""
    scope = req.scope
    if ref is not None:
        channel_id = ref.channel_id or req.invocation.channel_mentions.get(ref.name or "")
        if channel_id:
            return channel_for(
                scope.session, scope.workspace, channel_id, ref.name or "", scope.now
            )
    return req.channel(ref)


def _today(req: Request, channel: Channel) -> date:
    """Today in the channel's calendar."""
    tz = channel_reader(channel, req.scope.workspace).tz
    return req.scope.now.astimezone(zone(tz)).date()


def new_objective(req: Request, cmd: m.OkrAddObjective) -> Reply:
    channel = _channel(req, cmd.channel)
    today = _today(req, channel)
    period = parse_period(cmd.period, today) if cmd.period else current_quarter(today)
    objective = add_objective(req.scope, cmd.title, period, channel)
    plan_checkins(req.scope, channel)
    return req.say(
        "okr.objective_added",
        number=objective.number,
        title=objective.title,
        period=period.name,
        first=day_text(period.starts_on, req.scope.lang),
        last=day_text(period.ends_on, req.scope.lang),
        channel=channel.name,
    )


def new_key_result(req: Request, cmd: m.OkrAddKeyResult) -> Reply:
    scope = req.scope
    objective = objective_by_number(scope, cmd.objective)
    owner = req.person(cmd.owner) or scope.member
    measure = Measure(cmd.kind, cmd.start, cmd.target, cmd.unit)
    key_result = add_key_result(scope, objective, cmd.title, measure, owner)
    plan_checkins(scope, scope.session.get_one(Channel, objective.channel_id))
    return req.say(
        f"okr.kr_added.{key_result.kind.value}",
        number=key_result.number,
        title=key_result.title,
        objective=objective.number,
        start=value_text(key_result.start_value, key_result.unit, scope.lang),
        target=value_text(key_result.target_value, key_result.unit, scope.lang),
        owner=f"@{owner.name}",
    )


def new_owner(req: Request, cmd: m.OkrOwner) -> Reply:
    scope = req.scope
    key_result = key_result_by_number(scope, cmd.key_result)
    owner = req.person(cmd.owner)
    assert owner is not None  # a named person is found or refused
    objective = objective_of(scope, key_result)
    give_to(objective, key_result, owner)
    plan_checkins(scope, scope.session.get_one(Channel, objective.channel_id))
    return req.say(
        "okr.owner_set", number=key_result.number, title=key_result.title, owner=f"@{owner.name}"
    )


def checkin(req: Request, cmd: m.OkrCheckin) -> Reply:
    scope = req.scope
    key_result = key_result_by_number(scope, cmd.key_result)
    record_checkin(scope, key_result, cmd.value, cmd.confidence, cmd.comment, scope.member)
    now = standing(scope, objective_of(scope, key_result))
    mine = next(each for each in now.key_results if each.key_result.id == key_result.id)
    return views.checked_in(req, mine)


def list_(req: Request, cmd: m.OkrList) -> Reply:
    scope = req.scope
    channel = scope.here
    today = _today(req, channel)
    if cmd.period:
        period = parse_period(cmd.period, today)
        first, last, named = period.starts_on, period.ends_on, period.name
    else:
        first, last, named = today, today, current_quarter(today).name
    found = objectives_during(scope, channel, first, last)
    if not found:
        return req.say("okr.list_empty", channel=channel.name, period=named)
    return views.listing(req, channel, named, [standing(scope, each) for each in found])


def show(req: Request, cmd: m.OkrShow) -> Reply:
    objective = objective_by_number(req.scope, cmd.objective)
    return views.shown(req, standing(req.scope, objective))


def chart(req: Request, cmd: m.OkrChart) -> Reply:
    scope = req.scope
    objective = objective_by_number(scope, cmd.objective)
    channel = scope.session.get_one(Channel, objective.channel_id)
    draft = Draft(view=views.CHART, facts={"objective": objective.id})
    outbox.post(scope, channel.channel_id, draft, fallback=req.fallback)
    return req.say("okr.chart_posted", number=objective.number, channel=channel.name)


def cadence(req: Request, cmd: m.OkrCadenceSet) -> Reply:
    scope = req.scope
    channel = scope.here
    change = CadenceChange(cmd.every, cmd.weekday, cmd.at, cmd.cutoff_hours)
    if change == CadenceChange():
        return views.cadence_said(req, channel, cadence_of(scope, channel), changed=False)
    changed = set_cadence(scope, channel, change)
    plan_checkins(scope, channel)
    return views.cadence_said(req, channel, changed, changed=True)
