"""The words of `/baton okr …` read into typed commands."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.commands.models import ChannelRef, Command, UserRef
from bot.core.catalog import EN, text
from bot.core.errors import UserError
from bot.features.okrs import commands as m
from bot.features.okrs.grammar import okr
from storage.models import KeyResultKind, OkrStatus


@pytest.mark.parametrize(
    ("line", "command"),
    [
        (
            "add objective Grow the network period 2027-H1 #sales",
            m.OkrAddObjective(
                title="Grow the network", period="2027-H1", channel=ChannelRef(name="sales")
            ),
        ),
        (
            "add objective Fair season #fairs period 2027-03-01 to 2027-04-15",
            m.OkrAddObjective(
                title="Fair season",
                period="2027-03-01 to 2027-04-15",
                channel=ChannelRef(name="fairs"),
            ),
        ),
        (
            "add kr O-2 Cost per lead from 1.2k to 800 unit € @anna",
            m.OkrAddKeyResult(
                objective=2, title="Cost per lead", start=1200, target=800, unit="€",
                owner=UserRef(name="anna"),
            ),
        ),
        (
            "add kr O-2 Conversion from 10 % to 15 %",
            m.OkrAddKeyResult(objective=2, title="Conversion", start=10, target=15, unit="%"),
        ),
        (
            "add kr O-2 Churn from 10 to 5 unit % @carl",
            m.OkrAddKeyResult(
                objective=2, title="Churn", start=10, target=5, unit="%", owner=UserRef(name="carl")
            ),
        ),
        (
            "add kr O-2 Go from good to great from 3 to 5",
            m.OkrAddKeyResult(objective=2, title="Go from good to great", start=3, target=5),
        ),
        (
            "add kr o2 CRM live milestone",
            m.OkrAddKeyResult(
                objective=2, title="CRM live", kind=KeyResultKind.MILESTONE, start=0, target=100,
                unit="%",
            ),
        ),
        (
            "add kr O-2 Trainings tasks to 12 @carl",
            m.OkrAddKeyResult(
                objective=2, title="Trainings", kind=KeyResultKind.TASKS, start=0, target=12,
                owner=UserRef(name="carl"),
            ),
        ),
        (
            "checkin K-5 87 % at risk supplier late",
            m.OkrCheckin(
                key_result=5, value=87, confidence=OkrStatus.AT_RISK, comment="supplier late"
            ),
        ),
        (
            "checkin k5 -4 off-track",
            m.OkrCheckin(key_result=5, value=-4, confidence=OkrStatus.OFF_TRACK),
        ),
        ("checkin K-5 87,5 on hold", m.OkrCheckin(key_result=5, value=87.5, comment="on hold")),
        ("list", m.OkrList()),
        ("list 2026-Q4", m.OkrList(period="2026-Q4")),
        ("O-3", m.OkrShow(objective=3)),
        ("chart O-3", m.OkrChart(objective=3)),
        ("cadence", m.OkrCadenceSet()),
        (
            "cadence every other week on Thursdays at 2:30pm cutoff 36 h",
            m.OkrCadenceSet(every="biweekly", weekday=3, at="14:30", cutoff_hours=36),
        ),
        ("cadence monthly on montag", m.OkrCadenceSet(every="monthly", weekday=0)),
    ],
)  # fmt: skip
def test_lines_read_into_commands(line: str, command: Command) -> None:
    assert okr(line.split()) == command


@given(st.lists(st.text(max_size=12), max_size=10))
def test_any_words_are_a_command_or_a_refusal_with_a_known_text(words: list[str]) -> None:
    refusal: UserError | None = None
    try:
        parsed = okr(words)
    except UserError as refused:
        refusal = refused
    if refusal is None:
        assert isinstance(parsed, Command)
        return
    assert refusal.key in EN
    assert text(refusal.key, "de", **refusal.params)
