"""Modals from neutral forms, and view_submission payloads back into form values."""

from __future__ import annotations

import json

from bot.core.catalog import text
from bot.core.forms import FieldKind, Form, FormField, Option
from bot.features.tasks.forms import task_form
from bot.handlers.slack.forms import modal, submitted
from tests.slack.blockkit import view_problem
from tests.slack.payloads import load
from tests.slack.world import state_values


def t(key: str, **params: object) -> str:
    return text(key, "en", **params)


def test_the_new_task_form_becomes_a_modal_filled_in_when_asked() -> None:
    form = task_form(t, "C0GENERAL", title="Call the printer", notes="https://x.example/p1")
    view = modal(form, channel_id="C0GENERAL")
    assert view_problem(view) is None
    assert view["callback_id"] == "task.new"
    assert view["title"]["text"] == "New task"
    assert json.loads(view["private_metadata"]) == {"context": "C0GENERAL", "channel": "C0GENERAL"}
    title, assignee, date, time, notes = view["blocks"]
    assert title["element"]["initial_value"] == "Call the printer"
    assert title["optional"] is False
    assert assignee["optional"] is True
    assert (assignee["element"]["type"], date["element"]["type"], time["element"]["type"]) == (
        "users_select",
        "datepicker",
        "timepicker",
    )
    assert notes["element"]["multiline"] is True
    assert notes["element"]["initial_value"] == "https://x.example/p1"


def test_select_fields_and_long_titles_fit_slack() -> None:
    form = Form(
        form_id="okr.checkin",
        title="Weekly check-in for K-5 service points",
        submit_label="Check in",
        context="5",
        fields=(
            FormField(
                name="confidence",
                label="Confidence",
                kind=FieldKind.SELECT,
                options=(
                    Option(label="On track", value="on-track"),
                    Option(label="At risk", value="at-risk"),
                ),
                initial="at-risk",
                hint="How likely is the target?",
            ),
        ),
    )
    view = modal(form, channel_id="D0ANNA")
    assert view_problem(view) is None
    assert len(view["title"]["text"]) <= 24
    element = view["blocks"][0]["element"]
    assert element["initial_option"]["value"] == "at-risk"
    assert view["blocks"][0]["hint"]["text"] == "How likely is the target?"


def test_submissions_read_back_every_kind_of_field() -> None:
    view = modal(task_form(t, "C0GENERAL"), channel_id="C0GENERAL")
    values = {
        "title": "Ship parts",
        "assignee": "U0ANNA",
        "due_date": "2026-12-01",
        "due_time": "09:15",
        "notes": None,
    }
    view["state"] = {"values": state_values(view["blocks"], values)}  # type: ignore[arg-type]
    form = submitted(view)
    assert form.form_id == "task.new"
    assert form.values == {
        "title": "Ship parts",
        "assignee": "U0ANNA",
        "due_date": "2026-12-01",
        "due_time": "09:15",
        "notes": "",
    }
    assert (form.context, form.channel_id) == ("C0GENERAL", "C0GENERAL")


def test_the_documented_submission_payload_is_read_without_baton_metadata() -> None:
    view = load("view_submission")["view"]
    form = submitted(view)
    assert form.form_id == "view-id"
    assert form.values == {"hspI": "test"}
    assert (form.context, form.channel_id) == ("", "")
