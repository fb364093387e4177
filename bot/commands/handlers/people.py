"""Workload and handover: who carries what, and passing it on during leave."""

from __future__ import annotations

from bot.commands import models as m
from bot.commands.effects import notice, refresh_cards, refresh_home, tell
from bot.commands.handlers.tasks import parse_due
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core import handover, outbox
from bot.core.directory import find_channel, find_member
from bot.core.ids import task_ref
from bot.core.message import Block, Fact, Fields, Message, Section, Strong
from bot.core.workload import workload as measure_workload


def workload(req: Request, cmd: m.Workload) -> Reply:
    scope = req.scope
    channel = (
        find_channel(scope, channel_id=cmd.channel.channel_id, name=cmd.channel.name)
        if cmd.channel
        else None
    )
    where = req.t("task.in_channel", channel=channel.name) if channel else ""
    loads = measure_workload(scope, channel)
    if not loads:
        return req.say("workload.empty", where=where)
    head = req.t("workload.title", where=where)
    fields = tuple(
        Fact(
            label=f"@{load.member.name}" if load.member else req.t("workload.unassigned"),
            value=(req.t("workload.line", open=load.open, overdue=load.overdue),),
        )
        for load in loads
    )
    # Slack allows ten fields per section: split long teams into several.
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    blocks += [Fields(fields=fields[i : i + 10]) for i in range(0, len(fields), 10)]
    return Reply(message=Message(summary=head, blocks=tuple(blocks), tz=req.tz))


def hand_over(req: Request, cmd: m.HandoverCmd) -> Reply:
    scope = req.scope
    src = find_member(scope, user_id=cmd.from_user.user_id, name=cmd.from_user.name)
    dst = find_member(scope, user_id=cmd.to_user.user_id, name=cmd.to_user.name)
    until = parse_due(req, cmd.until) if cmd.until else None
    channel = scope.here
    done = handover.hand_over(
        scope, src, dst, until.at if until else None, announce_in=channel.channel_id
    )
    for task in done.tasks:
        refresh_cards(scope, task)
    refresh_home(scope, src)
    ids = ", ".join(task_ref(t.number) for t in done.tasks)
    count, src_name, dst_name = len(done.tasks), f"@{src.name}", f"@{dst.name}"
    if until is None:
        news = notice("handover.done", context=ids, count=count, src=src_name, dst=dst_name)
    else:
        news = notice(
            "handover.done_until",
            context=ids,
            moments={"when": (until.at, until.has_time)},
            count=count,
            src=src_name,
            dst=dst_name,
        )
    tell(scope, dst, news)
    tell(scope, src, news)
    outbox.post(scope, channel.channel_id, news, fallback=req.fallback)
    return Reply()
