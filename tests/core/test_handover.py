"""Handover and hand-back as the scheduler calls them, on the real database.

The conversation tests (tests/test_people.py) cover what people see; these cover what only
a retried or misdirected return job would show: a hand-back happens once, in its own workspace.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.app import Baton
from bot.core import handover
from bot.core.scope import Scope
from storage.models import Handover, Member, ScheduledJob, Workspace
from tests.support.chat import Chat


def scope_of(baton: Baton, session: Session, team: str, person: str | None = None) -> Scope:
    """What a scheduled job in `team`'s workspace works with: Baton acting, no channel (or,
    with `person`, what that person's command works with)."""
    workspace = session.scalars(select(Workspace).where(Workspace.team_id == team)).one()
    platform = baton.platforms.for_workspace(workspace.platform, team)
    member = None
    if person is not None:
        member = session.scalars(
            select(Member).where(Member.workspace_id == workspace.id, Member.name == person)
        ).one()
    return Scope(session, workspace, baton.clock.now(), platform, member)


def test_the_return_is_scheduled_for_the_end_of_the_leave(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton task add Print flyers @anna")
    chat.say("/baton handover @anna to @carl until 2026-12-20 18:00")
    with baton.db.transaction() as session:
        row = session.scalars(select(Handover)).one()
        job = session.scalars(select(ScheduledJob)).one()
    assert job.kind == handover.RETURN_JOB
    assert job.payload == {"handover": row.id, "channel": "general"}
    assert row.until == job.due_at


def test_hand_over_returns_the_handover_and_the_tasks_in_order(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton task add Print flyers @anna")
    chat.say("/baton task add Order badges @carl")
    with baton.db.transaction() as session:
        scope = scope_of(baton, session, "T1", person="anna")
        members = {m.name: m for m in session.scalars(select(Member))}
        done = handover.hand_over(scope, members["anna"], members["carl"], None)
        assert [t.number for t in done.tasks] == [1, 2]
        assert done.handover.id == session.scalars(select(Handover.id)).one()
        assert done.handover.until is None
        assert session.scalars(select(ScheduledJob)).all() == [], "no end, no return"


def test_a_handover_comes_back_once_and_only_in_its_own_workspace(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton handover @anna to @carl until 2026-12-20")
    chat.team = "T2"
    chat.say("/baton task add Our own task @anna")  # another workspace, with its own people
    with baton.db.transaction() as session:
        handover_id = session.scalars(select(Handover.id)).one()
        assert handover.hand_back(scope_of(baton, session, "T2"), handover_id) is None
    with baton.db.transaction() as session:
        result = handover.hand_back(scope_of(baton, session, "T1"), handover_id)
        assert result is not None
        assert [t.number for t in result[1]] == [1]
        assert result[0].returned_at == baton.clock.now()
    with baton.db.transaction() as session:
        assert handover.hand_back(scope_of(baton, session, "T1"), handover_id) is None
