"""The check-in button and its form: the right fields, a good submission recorded as the
command would, a bad one told next to its field with nothing saved."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Baton
from bot.core.clock import SimulatedClock
from bot.core.forms import FieldKind
from bot.core.okrs.values import looks_like_value
from storage.models import CheckIn, CheckInRequest
from tests.support.chat import Chat
from tests.support.queries import count
from tests.support.time_travel import advance

FORM = "okr_checkin.form"


@pytest.fixture
def asked(chat: Chat, baton: Baton, clock: SimulatedClock) -> None:
    """O-1 in #sales with K-1 owned by anna, who was asked on Monday 30 November."""
    chat.say("/baton okr add objective Grow the partner network period 2026-Q4", channel="sales")
    chat.say("/baton okr add kr O-1 Partners signed from 0 to 40 @anna", channel="sales")
    advance(baton, clock, datetime(2026, 11, 30, 8, tzinfo=UTC) - clock.now())


def test_the_button_opens_the_form_with_value_confidence_and_comment(
    chat: Chat, asked: None
) -> None:
    chat.click("Check in K-1", user="anna", channel="Danna")
    [(_, form)] = chat.platform.forms
    assert form.form_id == FORM
    assert form.title == "Check in K-1"
    assert form.context == "1"
    assert [(f.name, f.kind, f.required) for f in form.fields] == [
        ("value", FieldKind.TEXT, True),
        ("confidence", FieldKind.SELECT, True),
        ("comment", FieldKind.TEXTAREA, False),
    ]
    assert [o.value for o in form.fields[1].options] == ["on-track", "at-risk", "off-track"]


def test_a_submission_records_the_check_in_and_answers_the_round(
    chat: Chat, baton: Baton, asked: None
) -> None:
    reply = chat.submit(
        FORM,
        {"value": "12,5", "confidence": "at-risk", "comment": "supplier late"},
        context="1",
        user="anna",
        channel="Danna",
    )
    assert "Checked in K-1: 12.5, at risk. Thank you." in reply
    with baton.db.transaction() as session:
        checkin = session.query(CheckIn).one()
        assert (checkin.value, checkin.confidence, checkin.comment) == (
            12.5,
            "at-risk",
            "supplier late",
        )
        assert session.query(CheckInRequest).one().answered_at is not None


def test_in_the_console_the_button_says_the_command_to_type(chat: Chat, asked: None) -> None:
    from bot.commands.invocation import ButtonPress, Invocation

    posted = chat.last_with_buttons()
    [button] = posted.message.buttons
    press = ButtonPress(action=button.action, value=button.value, message_ref=posted.ref)
    reply = chat.run(Invocation(actor=chat.actor("anna", "sales"), press=press))
    assert "/baton okr checkin K-1 <value> [on-track|at-risk|off-track] [comment]" in reply
    assert chat.platform.forms == []


@pytest.mark.parametrize("value", ["lots", "", "12 apples", "1e9999"])
def test_a_value_that_is_not_a_number_is_told_next_to_its_field(
    chat: Chat, baton: Baton, asked: None, value: str
) -> None:
    chat.submit(
        FORM, {"value": value, "confidence": "on-track"}, context="1", user="anna", channel="Danna"
    )
    assert chat.last_reply is not None
    errors = chat.last_reply.field_errors
    assert list(errors) == ["value"]
    assert "is not a value I can read" in errors["value"]
    assert count(baton, CheckIn) == 0


def test_a_confidence_that_is_not_offered_is_refused(chat: Chat, baton: Baton, asked: None) -> None:
    chat.submit(
        FORM, {"value": "3", "confidence": "great"}, context="1", user="anna", channel="Danna"
    )
    assert chat.last_reply is not None
    assert chat.last_reply.field_errors == {"confidence": "Pick on track, at risk or off track."}
    assert count(baton, CheckIn) == 0


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=st.text(max_size=30), context=st.text(max_size=12))
def test_whatever_is_submitted_either_is_recorded_whole_or_saves_nothing(
    chat: Chat, baton: Baton, asked: None, value: str, context: str
) -> None:
    before = count(baton, CheckIn)
    chat.submit(
        FORM,
        {"value": value, "confidence": "on-track", "comment": ""},
        context=context,
        user="anna",
        channel="Danna",
    )
    reply = chat.last_reply
    assert reply is not None
    recorded = count(baton, CheckIn) - before
    good = context == "1" and looks_like_value(value.strip())
    assert recorded == (1 if good else 0)
    assert reply.failed == (not good)
