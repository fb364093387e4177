"""OKR rows written straight through the models, for tests of what happens to them later."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from bot.core.okrs.rounds import plan_checkins
from bot.core.scope import Scope, open_scope
from storage.models import Channel, KeyResult, KeyResultKind, Member, Objective
from tests.support.chat import Chat


@contextmanager
def acting(chat: Chat, user: str = "bob", channel: str = "sales") -> Iterator[Scope]:
    """A scope of `user` in `channel`, committed when the block ends."""
    with chat.baton.db.transaction() as session:
        yield open_scope(session, chat.actor(user, channel), chat.platform, chat.baton.clock.now())


@dataclass(frozen=True)
class KeyResultSpec:
    title: str
    owner: str
    start: float
    target: float
    unit: str = ""
    kind: KeyResultKind = KeyResultKind.METRIC


def add_objective(
    chat: Chat,
    title: str,
    key_results: list[KeyResultSpec],
    *,
    channel: str = "sales",
    creator: str = "bob",
    period: tuple[str, date, date] = ("2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
) -> int:
    """Adds an objective with its key results (owners are met in `channel` first), plans the
    channel's check-ins as the commands do, and returns the objective's number."""
    for spec in key_results:
        with acting(chat, spec.owner, channel):
            pass
    with acting(chat, creator, channel) as scope:
        workspace = scope.workspace
        workspace.objective_seq += 1
        name, starts_on, ends_on = period
        objective = Objective(
            workspace_id=workspace.id,
            number=workspace.objective_seq,
            title=title,
            channel_id=scope.here.id,
            period=name,
            starts_on=starts_on,
            ends_on=ends_on,
            creator_id=scope.member.id,
            created_at=scope.now,
        )
        scope.session.add(objective)
        scope.session.flush()
        for spec in key_results:
            owner = chat.platform.find_user(spec.owner)
            assert owner is not None
            workspace.key_result_seq += 1
            member = _member(scope, owner.user_id)
            scope.session.add(
                KeyResult(
                    workspace_id=workspace.id,
                    number=workspace.key_result_seq,
                    objective_id=objective.id,
                    title=spec.title,
                    kind=spec.kind,
                    start_value=spec.start,
                    target_value=spec.target,
                    current_value=spec.start,
                    unit=spec.unit,
                    owner_id=member,
                    created_at=scope.now,
                )
            )
        scope.session.flush()
        plan_checkins(scope, scope.here)
        return objective.number


def _member(scope: Scope, user_id: str) -> int:
    return scope.session.scalars(
        select(Member.id).where(
            Member.workspace_id == scope.workspace.id, Member.user_id == user_id
        )
    ).one()


def channel_row(scope: Scope, name: str) -> Channel:
    return scope.session.scalars(
        select(Channel).where(Channel.workspace_id == scope.workspace.id, Channel.name == name)
    ).one()
