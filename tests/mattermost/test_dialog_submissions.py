"""A dialog acts once, however often Mattermost sends its submission; each new dialog acts."""

from __future__ import annotations

import json
import time
from typing import Any

from sqlalchemy import func, select

from bot.handlers.mattermost.context import DIALOG_LIFETIME, sign_state
from storage.models import Task, TaskComment
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer


def count(served: Served, model: type[Any]) -> int:
    with served.baton.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def comment_dialog(mm: MattermostServer, acme: Team, fake_mm: FakeMattermost) -> dict[str, Any]:
    """Bob presses Comment on the card of T-1: Baton opens the comment dialog."""
    [post] = fake_mm.posts_in(acme.general["id"])
    assert mm.press(post, "Comment", acme.bob).status == 200
    return fake_mm.dialogs[-1]


def test_a_dialog_submitted_ten_times_comments_once(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Book the booth")
    dialog = comment_dialog(mm, acme, fake_mm)
    answers = [
        mm.submit(dialog, {"comment": "Booth 12 is ours"}, acme.bob, acme.general)
        for _ in range(10)
    ]
    assert [(a.status, a.body) for a in answers] == [(200, {})] * 10, "each closes the dialog"
    assert count(served, TaskComment) == 1

    again = comment_dialog(mm, acme, fake_mm)
    assert mm.submit(again, {"comment": "Booth 12 is ours"}, acme.bob, acme.general).status == 200
    assert count(served, TaskComment) == 2, "a new dialog with the same words is a new comment"


def test_a_dialog_refused_for_its_fields_can_be_corrected_and_then_acts_once(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task new")
    dialog = fake_mm.dialogs[-1]
    wrong = mm.submit(
        dialog, {"title": "Order chairs", "due_date": "someday"}, acme.bob, acme.general
    )
    assert "due_date" in wrong.body["errors"], "the dialog stays open"
    values = {"title": "Order chairs", "due_date": "2026-12-01"}
    assert mm.submit(dialog, values, acme.bob, acme.general).body == {}
    assert mm.submit(dialog, values, acme.bob, acme.general).body == {}
    assert count(served, Task) == 1


def test_an_old_dialog_is_refused(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task new")
    dialog = fake_mm.dialogs[-1]
    state = json.loads(dialog["dialog"]["state"])
    old = sign_state(
        served.settings.baton_secret,
        form=state["form"],
        context=state["context"],
        team=state["team"],
        user=state["user"],
        channel=state["channel"],
        issued=time.time() - DIALOG_LIFETIME - 60,
    )
    aged = dialog | {"dialog": dialog["dialog"] | {"state": old}}
    answer = mm.submit(aged, {"title": "Too late"}, acme.bob, acme.general)
    assert (answer.status, answer.body) == (
        200,
        {"error": "This form is too old to submit. Please close it and open it again."},
    )
    assert count(served, Task) == 0
