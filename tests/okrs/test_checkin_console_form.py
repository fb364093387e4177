"""The console's way of filling in a form: one field at a time, choices by number or name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.core.forms import FieldKind, Form, FormField, Option
from bot.handlers.console.form_prompt import OpenForm, question, read

CONFIDENCE = FormField(
    name="confidence",
    label="Confidence",
    kind=FieldKind.SELECT,
    options=(
        Option(label="on track", value="on-track"),
        Option(label="at risk", value="at-risk"),
        Option(label="off track", value="off-track"),
    ),
)
COMMENT = FormField(name="comment", label="Comment", kind=FieldKind.TEXTAREA, required=False)
VALUE = FormField(name="value", label="New value", hint="A number like 87")


def test_a_choice_is_answered_by_its_number_value_or_label() -> None:
    assert question(CONFIDENCE) == "(form) Confidence? 1 on track · 2 at risk · 3 off track"
    assert read(CONFIDENCE, "2") == "at-risk"
    assert read(CONFIDENCE, "off-track") == "off-track"
    assert read(CONFIDENCE, "On Track") == "on-track"
    assert read(CONFIDENCE, " at  RISK ") == "at-risk"
    french = CONFIDENCE.model_copy(update={"options": (Option(label="à risque", value="at-risk"),)})
    assert read(french, "at risk") == "at-risk", "the English word, as in commands"
    assert read(french, "À risque") == "at-risk"
    assert read(CONFIDENCE, "4") is None
    assert read(CONFIDENCE, "-") is None, "a required choice cannot be left out"


def test_an_optional_field_is_left_empty_with_a_dash() -> None:
    assert question(COMMENT) == "(form) Comment? [- for none]"
    assert read(COMMENT, "-") == ""
    assert read(COMMENT, "supplier late") == "supplier late"
    assert question(VALUE) == "(form) New value? (A number like 87)"


def test_the_fields_are_asked_in_order_then_only_the_wrong_ones() -> None:
    form = Form(form_id="f", title="t", submit_label="s", fields=(VALUE, CONFIDENCE, COMMENT))
    asking = OpenForm(form, "bob")
    for typed in ("lots", "2", "-"):
        asking.answer(read(asking.asked, typed) or "")
    assert asking.complete
    assert asking.values == {"value": "lots", "confidence": "at-risk", "comment": ""}
    asking.pending = ["value"]
    assert asking.asked is VALUE
    asking.answer("12")
    assert asking.complete
    assert asking.values["value"] == "12"


@given(st.text(max_size=20))
def test_a_choice_answer_is_one_of_the_choices_or_nothing(typed: str) -> None:
    assert read(CONFIDENCE, typed) in (None, "on-track", "at-risk", "off-track")
