"""Check-in rounds over simulated weeks: each owner asked at 09:00 in their own zone, once
per round, skipped after a recent check-in, nudged once, then the channel's summary."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.okrs.checkins import record_checkin
from bot.core.okrs.refs import key_result_by_number
from bot.features.okr_checkins.asking import ask_owner
from storage.models import CheckInRequest, OkrStatus, OutboxMessage, ScheduledJob
from tests.okrs.builders import KeyResultSpec, acting, add_objective
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.queries import count
from tests.support.time_travel import advance

MONDAY = datetime(2026, 11, 30, tzinfo=UTC)


@pytest.fixture
def sales(chat: Chat, platform: FakePlatform) -> int:
    """O-1 in #sales: K-1 and K-3 owned by anna in Berlin, K-2 by nina in New York."""
    platform.add_person("nina", tz="America/New_York")
    return add_objective(
        chat,
        "Grow the partner network",
        [
            KeyResultSpec("Partners signed", "anna", 0, 92),
            KeyResultSpec("Churn", "nina", 10, 5, unit="%"),
            KeyResultSpec("Case studies", "anna", 0, 4),
        ],
    )


def asked(chat: Chat, user: str) -> list[str]:
    return [line for line in chat.dms(user) if "Time to check in" in line]


def test_each_owner_is_asked_at_nine_in_their_own_zone_with_the_figures(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int
) -> None:
    advance(baton, clock, MONDAY + timedelta(hours=7, minutes=59) - clock.now())
    assert asked(chat, "anna") == []
    assert asked(chat, "nina") == []
    advance(baton, clock, timedelta(minutes=1))  # 09:00 in Berlin
    assert len(asked(chat, "anna")) == 2
    assert asked(chat, "nina") == []
    first = "\n".join(chat.lines[chat.lines.index(asked(chat, "anna")[0]) :][:6])
    assert "Time to check in K-1 Partners signed (O-1 Grow the partner network, #sales)" in first
    assert "Last value: 0 (start)" in first
    # 60 days and 10 hours of the quarter's 92 days are gone: 92 x 1450 / 2208.
    assert "Expected today: 60.42" in first
    assert "Target: 92" in first
    assert "[1: Check in K-1]" in first
    advance(baton, clock, timedelta(hours=5, minutes=59))
    assert asked(chat, "nina") == []
    advance(baton, clock, timedelta(minutes=1))  # 09:00 in New York
    [nina] = asked(chat, "nina")
    assert "K-2 Churn" in nina


def test_a_round_run_twice_asks_once(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int
) -> None:
    advance(baton, clock, MONDAY + timedelta(hours=8) - clock.now())
    assert count(baton, CheckInRequest) == 2
    sent = count(baton, OutboxMessage)
    for _ in range(2):  # anna's job again, as after a crash before it was marked done
        with acting(chat, "anna") as scope:
            job = scope.session.scalars(
                select(ScheduledJob).where(
                    ScheduledJob.dedupe_key.like(f"okr-ask:%:{scope.member.id}")
                )
            ).one()
            assert job is not None
            ask_owner(scope, job)
    baton.tick()
    assert count(baton, CheckInRequest) == 2
    assert count(baton, OutboxMessage) == sent
    assert len(asked(chat, "anna")) == 2


def test_a_restarted_baton_on_the_same_database_asks_nobody_twice(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int, platform: FakePlatform
) -> None:
    from bot.app import build
    from bot.platforms import PlatformRegistry

    advance(baton, clock, MONDAY + timedelta(hours=8) - clock.now())
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    again = build(baton.settings, clock=clock, platforms=platforms, migrate=False)
    try:
        again.tick()
        advance(again, clock, timedelta(hours=1))
    finally:
        again.db.dispose()
    assert len(asked(chat, "anna")) == 2


def test_a_key_result_checked_in_during_the_last_three_days_is_skipped(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int
) -> None:
    advance(baton, clock, datetime(2026, 11, 27, 15, tzinfo=UTC) - clock.now())  # Friday
    with acting(chat, "anna") as scope:
        key_result = key_result_by_number(scope, 1)
        record_checkin(scope, key_result, 40, OkrStatus.ON_TRACK, "", scope.member)
    advance(baton, clock, MONDAY + timedelta(hours=8) - clock.now())
    [only] = asked(chat, "anna")
    assert "K-3 Case studies" in only
    with baton.db.transaction() as session:
        rows = session.scalars(select(CheckInRequest).order_by(CheckInRequest.id)).all()
        assert [(row.round, row.skipped) for row in rows] == [
            ("2026-11-30", True),
            ("2026-11-30", False),
        ]


def test_owners_who_have_not_answered_are_nudged_once_at_the_cutoff(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int
) -> None:
    advance(baton, clock, MONDAY + timedelta(hours=9) - clock.now())
    with acting(chat, "anna") as scope:
        record_checkin(
            scope, key_result_by_number(scope, 1), 50, OkrStatus.ON_TRACK, "", scope.member
        )
    advance(baton, clock, timedelta(hours=22, minutes=59))  # Tuesday 07:59 UTC
    assert not [line for line in chat.dms("anna") if "still open" in line]
    advance(baton, clock, timedelta(minutes=1))  # 24 hours after she was asked
    [nudge] = [line for line in chat.dms("anna") if "still open" in line]
    assert "Your check-in of K-3 is still open" in nudge
    advance(baton, clock, timedelta(days=2))
    assert len([line for line in chat.dms("anna") if "still open" in line]) == 1
    with baton.db.transaction() as session:
        nudged = session.scalars(
            select(CheckInRequest.nudged_at).where(CheckInRequest.owner_id.is_not(None))
        ).all()
        assert sorted(str(at is not None) for at in nudged) == ["False", "True", "True"]


def test_the_summary_tells_what_moved_what_worries_and_who_is_missing(
    chat: Chat, baton: Baton, clock: SimulatedClock, sales: int
) -> None:
    advance(baton, clock, MONDAY + timedelta(hours=9) - clock.now())
    with acting(chat, "anna") as scope:
        record_checkin(
            scope,
            key_result_by_number(scope, 1),
            30,
            OkrStatus.AT_RISK,
            "supplier late",
            scope.member,
        )
        record_checkin(
            scope, key_result_by_number(scope, 3), 2, OkrStatus.ON_TRACK, "", scope.member
        )
    # Nina's cutoff is Tuesday 14:00 UTC; the summary follows two hours later.
    advance(baton, clock, datetime(2026, 12, 1, 15, 59, tzinfo=UTC) - clock.now())
    assert not [line for line in chat.lines if "Check-in summary" in line]
    advance(baton, clock, timedelta(minutes=1))
    start = next(i for i, line in enumerate(chat.lines) if "Check-in summary of #sales" in line)
    summary = "\n".join(chat.lines[start:])
    assert chat.lines[start].startswith("[#sales]")
    assert "K-1 Partners signed: 0 → 30 (+30)" in summary
    assert "K-3 Case studies: 0 → 2 (+2)" in summary
    assert "K-1 Partners signed: at risk, “supplier late”" in summary
    assert "Not checked in:" in summary
    assert "K-2 Churn · @nina" in summary
    assert len([line for line in chat.lines if "Check-in summary" in line]) == 1
    [posted] = [p for p in chat.platform.messages if "Check-in summary" in p.message.summary]
    [chart] = posted.message.charts
    assert [line.label for line in chart.lines] == [
        "K-1 Partners signed",
        "K-2 Churn",
        "K-3 Case studies",
    ]
    assert chart.lines[0].points[-1][1] == 30
