"""Recording a check-in in the database: who may, what it changes, and nothing on refusal."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.errors import UserError
from bot.core.okrs.checkins import record_checkin
from bot.core.okrs.refs import key_result_by_ref, objective_by_ref
from bot.core.scope import Scope, open_scope
from storage.models import (
    CheckIn,
    CheckInRequest,
    KeyResult,
    KeyResultKind,
    Member,
    Objective,
    ObjectiveState,
    OkrStatus,
)
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.queries import count


@contextmanager
def acting(
    chat: Chat, user: str = "bob", channel: str = "general", team: str = "T1"
) -> Iterator[Scope]:
    chat.team = team
    with chat.baton.db.transaction() as session:
        actor = chat.actor(user, channel)
        yield open_scope(session, actor, chat.platform, chat.baton.clock.now())


def seed(chat: Chat, *, kind: KeyResultKind = KeyResultKind.METRIC, team: str = "T1") -> None:
    """O-1 in #sales owned by bob, with K-1 "service points live: 61 -> 125" owned by anna."""
    with acting(chat, "anna", "sales", team) as scope:
        anna = scope.member
    with acting(chat, "bob", "sales", team) as scope:
        objective = Objective(
            workspace_id=scope.workspace.id,
            number=1,
            title="Grow the service network",
            channel_id=scope.here.id,
            period="2026-Q4",
            starts_on=date(2026, 10, 1),
            ends_on=date(2026, 12, 31),
            creator_id=scope.member.id,
            created_at=scope.now,
        )
        scope.session.add(objective)
        scope.session.flush()
        start, target = (0.0, 12.0) if kind is KeyResultKind.TASKS else (61.0, 125.0)
        scope.session.add(
            KeyResult(
                workspace_id=scope.workspace.id,
                number=1,
                objective_id=objective.id,
                title="Service points live",
                kind=kind,
                start_value=start,
                target_value=target,
                current_value=start,
                owner_id=anna.id,
                created_at=scope.now,
            )
        )


def ask(chat: Chat, round_: str = "2026-11-23") -> None:
    with acting(chat, "anna", "sales") as scope:
        key_result = key_result_by_ref(scope, "K-1")
        scope.session.add(
            CheckInRequest(
                workspace_id=scope.workspace.id,
                key_result_id=key_result.id,
                owner_id=scope.member.id,
                round=round_,
                asked_at=scope.now,
                cutoff_at=scope.now + timedelta(hours=24),
            )
        )


def check_in(
    chat: Chat, user: str, channel: str, value: float, confidence: OkrStatus | None = None
) -> None:
    with acting(chat, user, channel) as scope:
        key_result = key_result_by_ref(scope, "K-1")
        record_checkin(scope, key_result, value, confidence, "supplier late", scope.member)


def key_result(baton: Baton) -> KeyResult:
    with baton.db.transaction() as session:
        found = session.scalars(select(KeyResult)).one()
        session.expunge(found)
        return found


def test_the_owner_checks_in_and_the_key_result_takes_the_value_and_confidence(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    seed(chat)
    ask(chat)
    check_in(chat, "anna", "dm-anna", 87.0, OkrStatus.AT_RISK)
    kr = key_result(baton)
    assert (kr.current_value, kr.status, kr.last_checkin_at) == (
        87.0,
        OkrStatus.AT_RISK,
        clock.now(),
    )
    with baton.db.transaction() as session:
        [checkin] = session.scalars(select(CheckIn)).all()
        [request] = session.scalars(select(CheckInRequest)).all()
        assert (checkin.value, checkin.comment, checkin.at) == (87.0, "supplier late", clock.now())
        assert request.answered_at == clock.now()


def test_a_check_in_without_confidence_clears_the_previous_one(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    seed(chat)
    check_in(chat, "anna", "sales", 70.0, OkrStatus.OFF_TRACK)
    clock.advance(timedelta(days=7))
    check_in(chat, "anna", "sales", 90.0)
    assert key_result(baton).status is None
    assert count(baton, CheckIn) == 2


def test_a_channel_member_who_is_not_the_owner_is_recorded_as_who_checked_in(
    chat: Chat, baton: Baton
) -> None:
    seed(chat)
    check_in(chat, "carl", "sales", 80.0)
    with baton.db.transaction() as session:
        [checkin] = session.scalars(select(CheckIn)).all()
        by = session.get_one(Member, checkin.by_id)
        assert by.user_id == chat.actor("carl", "sales").user_id


def test_someone_seen_working_in_the_channel_may_check_in_from_elsewhere(
    chat: Chat, baton: Baton
) -> None:
    seed(chat)
    chat.say("/baton task add Call the Lyon partner", user="dora", channel="sales")
    check_in(chat, "dora", "general", 75.0)
    assert key_result(baton).current_value == 75.0


def test_someone_neither_owner_nor_in_the_channel_is_refused_and_nothing_is_saved(
    chat: Chat, baton: Baton
) -> None:
    seed(chat)
    ask(chat)
    with pytest.raises(UserError) as refused:
        check_in(chat, "dora", "general", 99.0)
    assert refused.value.key == "okr.error.may_not_check_in"
    assert key_result(baton).current_value == 61.0
    assert count(baton, CheckIn) == 0
    with baton.db.transaction() as session:
        assert session.scalars(select(CheckInRequest.answered_at)).one() is None


def test_an_archived_objective_takes_no_more_check_ins(chat: Chat, baton: Baton) -> None:
    seed(chat)
    with baton.db.transaction() as session:
        session.scalars(select(Objective)).one().state = ObjectiveState.ARCHIVED
    with pytest.raises(UserError) as refused:
        check_in(chat, "anna", "sales", 90.0)
    assert refused.value.key == "okr.error.objective_archived"
    assert count(baton, CheckIn) == 0


def test_a_milestone_takes_0_to_100_and_a_tasks_count_takes_no_value_by_hand(
    chat: Chat, baton: Baton
) -> None:
    seed(chat, kind=KeyResultKind.MILESTONE)
    with pytest.raises(UserError) as refused:
        check_in(chat, "anna", "sales", 120.0)
    assert refused.value.key == "okr.error.milestone_range"
    with baton.db.transaction() as session:
        session.scalars(select(KeyResult)).one().kind = KeyResultKind.TASKS
    with pytest.raises(UserError) as refused:
        check_in(chat, "anna", "sales", 3.0)
    assert refused.value.key == "okr.error.tasks_kind_checkin"
    assert count(baton, CheckIn) == 0


@pytest.mark.parametrize(
    ("ref", "key"),
    [
        ("K-2", "okr.error.no_such_key_result"),
        ("K-0", "okr.error.bad_key_result_id"),
        ("O-1", "okr.error.bad_key_result_id"),
        ("five", "okr.error.bad_key_result_id"),
    ],
)
def test_bad_or_unknown_key_result_ids_are_refused(chat: Chat, ref: str, key: str) -> None:
    seed(chat)
    with acting(chat) as scope, pytest.raises(UserError) as refused:
        key_result_by_ref(scope, ref)
    assert refused.value.key == key


def test_ids_of_another_workspace_are_not_found_here(
    chat: Chat, baton: Baton, platform: FakePlatform
) -> None:
    seed(chat, team="T2")
    with acting(chat, team="T1") as scope:
        with pytest.raises(UserError) as refused:
            key_result_by_ref(scope, "K-1")
        assert refused.value.key == "okr.error.no_such_key_result"
        with pytest.raises(UserError) as refused:
            objective_by_ref(scope, "O-1")
        assert refused.value.key == "okr.error.no_such_objective"
    with acting(chat, team="T2") as scope:
        assert objective_by_ref(scope, "o1").title == "Grow the service network"
        assert key_result_by_ref(scope, "#K-1").title == "Service points live"
