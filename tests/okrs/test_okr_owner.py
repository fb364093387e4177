"""`okr owner K-n @someone`: a key result changes hands; the new owner is asked from the next
round on, the former one no longer."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.core.clock import SimulatedClock
from storage.models import KeyResult, Member
from tests.okrs.builders import KeyResultSpec, add_objective
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.time_travel import advance

MONDAY_NINE_IN_BERLIN = datetime(2026, 11, 30, 8, tzinfo=UTC)


def asked(chat: Chat, user: str) -> list[str]:
    return [line for line in chat.dms(user) if "Time to check in" in line]


def test_the_new_owner_is_asked_at_the_next_round_in_their_zone(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    platform.add_person("nina", tz="America/New_York")
    add_objective(
        chat, "Grow the partner network", [KeyResultSpec("Partners signed", "anna", 0, 9)]
    )
    reply = chat.say("/baton okr owner K-1 @nina", channel="sales")
    assert reply == (
        "[#sales] (only you) K-1 “Partners signed” is now @nina's: they are asked to check it"
        " in from the next round on."
    )
    assert "@nina" in chat.say("/baton okr show O-1", channel="sales")
    advance(baton, clock, MONDAY_NINE_IN_BERLIN - clock.now())
    assert asked(chat, "anna") == []
    assert asked(chat, "nina") == []
    advance(baton, clock, timedelta(hours=6))  # 09:00 in New York
    assert len(asked(chat, "nina")) == 1
    assert asked(chat, "anna") == []


def test_bad_owner_changes_say_how_and_change_nothing(chat: Chat, baton: Baton) -> None:
    add_objective(
        chat, "Grow the partner network", [KeyResultSpec("Partners signed", "anna", 0, 9)]
    )
    assert "Usage: `/baton okr owner K-n @someone`" in chat.say("/baton okr owner K-1")
    assert "Usage: `/baton okr owner K-n @someone`" in chat.say("/baton okr owner K-1 nina")
    assert "There is no key result K-7 here" in chat.say("/baton okr owner K-7 @anna")
    assert "can't find `@ghost`" in chat.say("/baton okr owner K-1 @ghost")
    with baton.db.transaction() as session:
        owners = set(
            session.scalars(select(Member.name).join(KeyResult, KeyResult.owner_id == Member.id))
        )
    assert owners == {"anna"}
