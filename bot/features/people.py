"""Workload and handover: who carries what, and passing it on during leave."""

from __future__ import annotations

from bot.commands.effects import notice, refresh_cards, refresh_home, tell
from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import ChannelRef, Command, UserRef
from bot.commands.request import Request
from bot.commands.words import channel_ref, need_user
from bot.core import handover, outbox
from bot.core.errors import UserError
from bot.core.ids import task_ref
from bot.core.message import Block, Fact, Fields, Message, Section, Strong
from bot.core.scope import Scope
from bot.core.workload import workload as measure_workload
from storage.models import Member, ScheduledJob

USAGE = {
    "workload": "/baton workload [#channel]",
    "handover": "/baton handover @from to @to [until <when>]",
}


class Workload(Command):
    channel: ChannelRef | None = None


class HandoverCmd(Command):
    from_user: UserRef
    to_user: UserRef
    until: str | None = None


def parse_workload(words: list[str]) -> Workload:
    if not words:
        return Workload()
    channel = channel_ref(words[0]) if len(words) == 1 else None
    if channel is None:
        raise UserError("error.usage", usage=USAGE["workload"])
    return Workload(channel=channel)


def parse_handover(words: list[str]) -> HandoverCmd:
    usage = USAGE["handover"]
    if len(words) < 3 or words[1].lower() != "to":
        raise UserError("error.usage", usage=usage)
    until = None
    if len(words) > 3:
        if words[3].lower() != "until" or len(words) == 4:
            raise UserError("error.usage", usage=usage)
        until = " ".join(words[4:])
    return HandoverCmd(
        from_user=need_user(words[0], usage), to_user=need_user(words[2], usage), until=until
    )


def workload(req: Request, cmd: Workload) -> Reply:
    scope = req.scope
    channel = req.channel(cmd.channel) if cmd.channel else None
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


def hand_over(req: Request, cmd: HandoverCmd) -> Reply:
    scope = req.scope
    src, dst = _someone(req, cmd.from_user), _someone(req, cmd.to_user)
    until = req.when(cmd.until) if cmd.until else None
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
        news = notice("handover.done_n", context=ids, count=count, src=src_name, dst=dst_name)
    else:
        news = notice(
            "handover.done_until_n",
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


def _someone(req: Request, ref: UserRef) -> Member:
    member = req.person(ref)
    assert member is not None  # a reference always names someone, or find_member refused
    return member


def return_handover(scope: Scope, job: ScheduledJob) -> None:
    """At the end of a leave, hands the still-open tasks back and tells both people."""
    result = handover.hand_back(scope, int(job.payload.get("handover", 0)))
    if result is None:
        return
    row, returned = result
    src = scope.session.get(Member, row.from_member_id)
    dst = scope.session.get(Member, row.to_member_id)
    if not returned or src is None or dst is None:
        return
    for task in returned:
        refresh_cards(scope, task)
    ids = ", ".join(task_ref(t.number) for t in returned)
    news = notice(
        "handover.returned_n",
        context=ids,
        count=len(returned),
        dst=f"@{src.name}",
        src=f"@{dst.name}",
    )
    tell(scope, src, news)
    tell(scope, dst, news)
    channel = job.payload.get("channel")
    if channel:
        outbox.post(scope, str(channel), news)


FEATURE = Feature(
    name="people",
    words={"workload": parse_workload, "handover": parse_handover},
    usage=USAGE,
    handlers={Workload: workload, HandoverCmd: hand_over},
    jobs={handover.RETURN_JOB: return_handover},
)
