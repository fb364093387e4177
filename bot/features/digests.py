"""Daily digests: `/baton digest on|off|now|at 9:00` for a channel, `digest me …` for oneself."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select

from bot.commands.drawing import Drawer
from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import Command
from bot.commands.request import Request
from bot.core import digests, outbox
from bot.core.catalog import text
from bot.core.errors import UserError
from bot.core.formats import local_time
from bot.core.message import Block, Message, Moment, Section, Strong
from bot.core.outbox import Draft, channel_audience, person_audience
from bot.core.quiet import read_clock
from bot.core.reader import Reader, channel_reader
from bot.core.recurrence import next_after
from bot.core.scope import Scope
from bot.views.tasks import task_line
from storage.models import Channel, Digest, JobState, Member, ScheduledJob

USAGE = {"digest": "/baton digest [me] on|off|now|at 9:00"}
VIEW = "digest"


class DigestCmd(Command):
    me: bool = False
    action: Literal["on", "off", "now", "at"]
    at: str = ""


def parse(words: list[str]) -> DigestCmd:
    me = bool(words) and words[0].lower() in ("me", "mine")
    rest = [w.lower() for w in words[1:]] if me else [w.lower() for w in words]
    if len(rest) == 1 and rest[0] in ("on", "off", "now"):
        return DigestCmd(me=me, action=rest[0])
    if len(rest) == 2 and rest[0] == "at" and (clock := read_clock(rest[1])) is not None:
        return DigestCmd(me=me, action="at", at=f"{clock:%H:%M}")
    raise UserError("error.usage", usage=USAGE["digest"])


def digest(req: Request, cmd: DigestCmd) -> Reply:
    scope = req.scope
    if cmd.me:
        member = scope.member
        target, tz, where = person_audience(member.user_id), member.tz, req.t("digest.for_you")
        owner: dict[str, Any] = {"member": member}
    else:
        channel = scope.here
        tz = channel_reader(channel, scope.workspace).tz
        target = channel_audience(channel.channel_id)
        where = req.t("digest.of_channel", channel=channel.name)
        owner = {"channel": channel}
    if cmd.action == "off":
        if digests.switch_off(scope, target) is None:
            return req.say("digest.was_off", where=where)
        return req.say("digest.off", where=where)
    if cmd.action == "now":
        if not _send(scope, target, since=None, **owner):
            return req.say("digest.empty", where=where)
        return req.say("digest.sent", where=where)
    at = read_clock(cmd.at) if cmd.action == "at" else None
    found, following = digests.switch_on(scope, target, tz, at=at, **owner)
    return req.say(
        "digest.on",
        where=where,
        at=found.at,
        tz=tz,
        next=local_time(following, req.tz, req.scope.lang, with_time=False),
    )


def _send(
    scope: Scope,
    target: str,
    *,
    since: datetime | None,
    channel: Channel | None = None,
    member: Member | None = None,
) -> bool:
    """Queues the digest of a channel or a person unless it has nothing to say."""
    if channel is not None:
        tz = channel_reader(channel, scope.workspace).tz
    else:
        assert member is not None
        tz = member.tz
    found = digests.content(
        scope.session,
        scope.workspace.id,
        now=scope.now,
        tz=tz,
        since=since,
        channel_id=channel.id if channel else None,
        member_id=member.id if member else None,
    )
    if found.empty:
        return False
    facts = {"target": target, "since": since.isoformat() if since else None}
    draft = Draft(view=VIEW, facts=facts)
    if channel is not None:
        outbox.post(scope, channel.channel_id, draft)
    elif member is not None:
        outbox.direct(scope, member.user_id, draft)
    return True


def send_digest(scope: Scope, job: ScheduledJob) -> None:
    """A workday morning: the digest goes out if it has something to say, drawn in its
    reader's zone; a channel that changed its zone since gets the digest moved there."""
    row = scope.session.get(Digest, int(job.payload.get("digest", 0)))
    if row is None or row.workspace_id != scope.workspace.id or not row.enabled:
        job.state = JobState.CANCELLED
        return
    channel = scope.session.get(Channel, row.channel_id) if row.channel_id else None
    member = scope.session.get(Member, row.member_id) if row.member_id else None
    if _send(scope, row.target, since=row.last_sent_at, channel=channel, member=member):
        row.last_sent_at = scope.now
    tz = channel_reader(channel, scope.workspace).tz if channel else (member.tz if member else "")
    if tz and tz != job.tz:
        rule = digests.workday_rule(read_clock(row.at) or digests.DEFAULT_AT, scope.now, tz)
        following = next_after(rule, tz, scope.now)
        if following is not None:
            job.tz, job.recurrence, job.due_at = tz, rule, following


def draw_digest(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    target = str(facts.get("target") or "")
    kind, _, platform_id = target.partition(":")
    channel_id = member_id = None
    if kind == "channel":
        channel = scope.session.scalars(
            select(Channel).where(
                Channel.workspace_id == scope.workspace.id, Channel.channel_id == platform_id
            )
        ).one_or_none()
        if channel is None:
            return None
        channel_id, head = (
            channel.id,
            text("digest.title_channel", reader.lang, channel=channel.name),
        )
    else:
        member = scope.session.scalars(
            select(Member).where(
                Member.workspace_id == scope.workspace.id, Member.user_id == platform_id
            )
        ).one_or_none()
        if member is None:
            return None
        member_id, head = member.id, text("digest.title_person", reader.lang)
    since = facts.get("since")
    found = digests.content(
        scope.session,
        scope.workspace.id,
        now=scope.now,
        tz=reader.tz,
        since=datetime.fromisoformat(since) if isinstance(since, str) else None,
        channel_id=channel_id,
        member_id=member_id,
    )
    if found.empty:
        return None
    head = f"{head} · {local_time(scope.now, reader.tz, reader.lang, with_time=False)}"
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    for key, tasks in (
        ("digest.due_today", found.due_today),
        ("digest.overdue", found.overdue),
        ("digest.blocked", found.blocked),
        ("digest.new", found.new),
    ):
        if tasks:
            title = text(key, reader.lang, count=len(tasks))
            blocks.append(Section(text=(Strong(text=title),)))
            blocks += [task_line(task, scope.now, reader.lang) for task in tasks]
    if found.checkins:
        title = text("digest.checkins", reader.lang, count=len(found.checkins))
        blocks.append(Section(text=(Strong(text=title),)))
        blocks += [
            Section(
                text=(
                    Strong(text=f"K-{key_result.number}"),
                    " ",
                    text("digest.checkin_line", reader.lang, title=key_result.title),
                    Moment(at=request.cutoff_at),
                )
            )
            for key_result, request in found.checkins
        ]
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz)


VIEWS: dict[str, Drawer] = {VIEW: draw_digest}

FEATURE = Feature(
    name="digest",
    words={"digest": parse},
    usage=USAGE,
    handlers={DigestCmd: digest},
    views=VIEWS,
    jobs={digests.JOB: send_digest},
)
