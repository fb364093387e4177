"""The check-in message each owner gets in a round, and the one nudge at the cutoff."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from bot.core import outbox
from bot.core.catalog import text
from bot.core.message import Actions, Block, Context, Fact, Fields, Message, Moment, Section
from bot.core.okrs import round_requests, rounds
from bot.core.outbox import Draft
from bot.core.reader import Reader, channel_reader
from bot.core.scope import Scope
from bot.views.okr_checkins import check_in_button, expected_today, figure
from storage.due_queue import pending_job
from storage.models import (
    Channel,
    CheckInRequest,
    JobState,
    KeyResult,
    Member,
    Objective,
    ScheduledJob,
)

ASK_VIEW = "okr_checkin.ask"
NUDGE_VIEW = "okr_checkin.nudge"


def _channel_and_owner(scope: Scope, job: ScheduledJob) -> tuple[Channel, Member] | None:
    channel = scope.session.get(Channel, int(job.payload.get("channel", 0)))
    owner = scope.session.get(Member, int(job.payload.get("owner", 0)))
    if channel is None or owner is None or channel.workspace_id != scope.workspace.id:
        return None
    return channel, owner


def ask_owner(scope: Scope, job: ScheduledJob) -> None:
    """A round for one owner of one channel: a direct message per key result to check in,
    then the nudge and the channel's summary queued for the cutoff. An owner who moved to
    another zone is asked at the same local time there from the next round on."""
    found = _channel_and_owner(scope, job)
    if found is None:
        job.state = JobState.CANCELLED
        return
    channel, owner = found
    done = round_requests.ask_round(scope, channel, owner, scope.now)
    for request in done.asked:
        outbox.direct(scope, owner.user_id, Draft(view=ASK_VIEW, facts={"request": request.id}))
    opened = done.asked + done.skipped
    if opened:
        round_requests.plan_round_close(
            scope, channel.id, owner.id, opened[0].round, scope.now, opened[0].cutoff_at
        )
    if owner.tz != job.tz:
        rounds.plan_owner(scope, channel.id, owner, rounds.cadence_of(scope, channel.id))


def nudge_owner(scope: Scope, job: ScheduledJob) -> None:
    """At the cutoff: the owner's requests of the round still unanswered get one reminder."""
    found = _channel_and_owner(scope, job)
    if found is None:
        return
    channel, owner = found
    waiting = list(
        scope.session.scalars(
            select(CheckInRequest)
            .join(KeyResult, KeyResult.id == CheckInRequest.key_result_id)
            .join(Objective, Objective.id == KeyResult.objective_id)
            .where(
                CheckInRequest.workspace_id == scope.workspace.id,
                CheckInRequest.owner_id == owner.id,
                CheckInRequest.round == str(job.payload.get("round", "")),
                CheckInRequest.answered_at.is_(None),
                CheckInRequest.skipped.is_(False),
                CheckInRequest.nudged_at.is_(None),
                Objective.channel_id == channel.id,
            )
            .order_by(KeyResult.number)
        )
    )
    for request in waiting:
        request.nudged_at = scope.now
    if waiting:
        facts = {"channel": channel.id, "requests": [request.id for request in waiting]}
        outbox.direct(scope, owner.user_id, Draft(view=NUDGE_VIEW, facts=facts))


def _request_rows(
    scope: Scope, ids: list[int]
) -> list[tuple[CheckInRequest, KeyResult, Objective, Channel]]:
    rows = scope.session.execute(
        select(CheckInRequest, KeyResult, Objective, Channel)
        .join(KeyResult, KeyResult.id == CheckInRequest.key_result_id)
        .join(Objective, Objective.id == KeyResult.objective_id)
        .join(Channel, Channel.id == Objective.channel_id)
        .where(CheckInRequest.workspace_id == scope.workspace.id, CheckInRequest.id.in_(ids))
        .order_by(KeyResult.number)
    )
    return [(row[0], row[1], row[2], row[3]) for row in rows]


def draw_ask(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    """The key result, its last value, the value expected today and the check-in button;
    nothing once it was answered before the message went out."""
    rows = _request_rows(scope, [int(facts.get("request") or 0)])
    if not rows:
        return None
    request, key_result, objective, channel = rows[0]
    if request.answered_at is not None:
        return None
    lang, tz = reader.lang, channel_reader(channel, scope.workspace).tz
    unit = key_result.unit
    head = text(
        "okr_checkin.ask",
        lang,
        number=key_result.number,
        title=key_result.title,
        objective=objective.number,
        objective_title=objective.title,
        channel=channel.name,
    )
    last = figure(key_result.current_value, unit, lang)
    if key_result.last_checkin_at is None:
        last = text("okr_checkin.at_start", lang, value=last)
    fields = Fields(
        fields=(
            Fact(label=text("okr_checkin.last_value", lang), value=(last,)),
            Fact(
                label=text("okr_checkin.expected", lang),
                value=(figure(expected_today(key_result, objective, tz, scope.now), unit, lang),),
            ),
            Fact(
                label=text("okr_checkin.target", lang),
                value=(figure(key_result.target_value, unit, lang),),
            ),
        )
    )
    blocks: list[Block] = [
        Section(text=(head,)),
        fields,
        Actions(buttons=(check_in_button(key_result.number, lang),)),
        Context(
            text=(
                text("okr_checkin.or_type", lang, number=key_result.number),
                Moment(at=request.cutoff_at),
            )
        ),
    ]
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz, lang=lang)


def draw_nudge(scope: Scope, reader: Reader, facts: Mapping[str, Any]) -> Message | None:
    """The owner's check-ins still open, a button each; nothing once all are answered."""
    ids = [int(each) for each in facts.get("requests") or [] if isinstance(each, int)]
    rows = [row for row in _request_rows(scope, ids) if row[0].answered_at is None]
    if not rows:
        return None
    lang = reader.lang
    channel = rows[0][3]
    refs = ", ".join(f"K-{row[1].number}" for row in rows)
    head = text("okr_checkin.nudge", lang, refs=refs, channel=channel.name)
    blocks: list[Block] = [
        Section(text=(head,)),
        *(Section(text=(f"K-{kr.number} {kr.title}",)) for _, kr, _, _ in rows),
        Actions(buttons=tuple(check_in_button(kr.number, lang) for _, kr, _, _ in rows)),
    ]
    summary = pending_job(scope.session, scope.workspace.id, rounds.summary_key(channel.id))
    if summary is not None:
        blocks.append(
            Context(text=(text("okr_checkin.summary_at", lang), Moment(at=summary.due_at)))
        )
    return Message(summary=head, blocks=tuple(blocks), tz=reader.tz, lang=lang)
