"""The channel's summary after a round's cutoff: what moved, what worries, who is missing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import exists, select

from bot.core import outbox
from bot.core.catalog import text
from bot.core.message import Block, Inline, Message, Section, Strong
from bot.core.okrs.round_summary import ObjectiveRound, round_summary
from bot.core.outbox import Draft
from bot.core.reader import Reader, channel_reader
from bot.core.scope import Scope
from bot.views.okr_checkins import change, chart_of, figure, status_word
from bot.views.tasks import mention
from storage.models import Channel, CheckInRequest, KeyResult, Objective, ScheduledJob

SUMMARY_VIEW = "okr_checkin.summary"


def _since(facts: Mapping[str, Any], key: str) -> datetime | None:
    given = facts.get(key)
    return datetime.fromisoformat(given) if isinstance(given, str) else None


def send_summary(scope: Scope, job: ScheduledJob) -> None:
    """Posts the round's summary to the channel (when the round asked anything there)."""
    channel = scope.session.get(Channel, int(job.payload.get("channel", 0)))
    since = _since(job.payload, "since")
    if channel is None or channel.workspace_id != scope.workspace.id or since is None:
        return
    asked = scope.session.scalar(
        select(
            exists()
            .where(CheckInRequest.key_result_id == KeyResult.id)
            .where(KeyResult.objective_id == Objective.id)
            .where(
                Objective.channel_id == channel.id,
                CheckInRequest.workspace_id == scope.workspace.id,
                CheckInRequest.asked_at >= since,
            )
        )
    )
    if asked:
        facts = {"channel": channel.id, "since": since.isoformat(), "until": scope.now.isoformat()}
        outbox.post(scope, channel.channel_id, Draft(view=SUMMARY_VIEW, facts=facts))


def objective_blocks(scope: Scope, found: ObjectiveRound, lang: str) -> list[Block]:
    objective = found.objective
    blocks: list[Block] = [
        Section(text=(Strong(text=f"O-{objective.number} {objective.title}"),)),
    ]
    if found.moved:
        blocks.append(Section(text=(text("okr_checkin.moved_head", lang),)))
        for moved in found.moved:
            kr = moved.key_result
            blocks.append(
                Section(
                    text=(
                        text(
                            "okr_checkin.moved",
                            lang,
                            number=kr.number,
                            title=kr.title,
                            before=figure(moved.before, kr.unit, lang),
                            after=figure(moved.after, kr.unit, lang),
                            change=change(moved.after - moved.before, lang),
                        ),
                    )
                )
            )
    else:
        blocks.append(Section(text=(text("okr_checkin.nothing_moved", lang),)))
    if found.worries:
        blocks.append(Section(text=(text("okr_checkin.worries_head", lang),)))
        for worry in found.worries:
            kr = worry.key_result
            key = "okr_checkin.worry_because" if worry.comment else "okr_checkin.worry"
            line = text(
                key,
                lang,
                number=kr.number,
                title=kr.title,
                status=status_word(worry.status, lang),
                comment=text("message.quoted", lang, text=worry.comment),
            )
            blocks.append(Section(text=(line,)))
    if found.missing:
        blocks.append(Section(text=(text("okr_checkin.missing_head", lang),)))
        for kr, owner in found.missing:
            who: tuple[Inline, ...] = (f"K-{kr.number} {kr.title} · ", mention(owner))
            blocks.append(Section(text=who))
    blocks.append(chart_of(scope, objective, lang))
    return blocks


def draw_summary(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    channel = scope.session.get(Channel, int(facts.get("channel") or 0))
    since, until = _since(facts, "since"), _since(facts, "until")
    if channel is None or channel.workspace_id != scope.workspace.id or not since or not until:
        return None
    tz = channel_reader(channel, scope.workspace).tz
    found = round_summary(scope, channel.id, tz, since, until)
    if not found:
        return None
    lang = reader.lang
    head = text("okr_checkin.summary_title", lang, channel=channel.name)
    blocks: list[Block] = [Section(text=(Strong(text=head),))]
    for each in found:
        blocks += objective_blocks(scope, each, lang)
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz, lang=lang)
