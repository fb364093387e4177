"""OKR check-ins over Mattermost: each owner's direct message at 09:00 in their zone and in
their language, its button opening the interactive dialog, and the submission recording the
check-in (or keeping the dialog open with the field's error, nothing saved)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from bot.core.clock import SimulatedClock
from storage.models import CheckIn
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.support.time_travel import advance


def checkins(served: Served) -> int:
    with served.baton.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(CheckIn)) or 0)


def asked(fake_mm: FakeMattermost, user: dict[str, Any]) -> list[dict[str, Any]]:
    channel = fake_mm.direct_channel(user["id"])
    if channel is None:
        return []
    return [p for p in fake_mm.posts_in(channel["id"]) if "K-" in p.get("message", "")]


def test_owners_in_tokyo_and_new_york_are_asked_at_nine_and_answer_in_the_dialog(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    for line in (
        "okr add objective Grow the partner network period 2026-Q4",
        "okr add kr O-1 Partners signed from 0 to 40 @dora",
        "okr add kr O-1 Churn from 10 to 5 @carl",
    ):
        assert mm.command(acme.bob, acme.general, line).status == 200
    # Monday 30 November, 09:00 in Tokyo is 00:00 UTC; in New York, 14:00 UTC.
    advance(served.baton, clock, datetime(2026, 11, 30, 0, 0, tzinfo=UTC) - clock.now())
    [german] = fake_mm.wait_for(lambda: asked(fake_mm, acme.dora) or None)
    assert "Zeit für den Check-in von K-1 Partners signed" in german["message"]
    assert asked(fake_mm, acme.carl) == []
    advance(served.baton, clock, datetime(2026, 11, 30, 14, 0, tzinfo=UTC) - clock.now())
    [english] = fake_mm.wait_for(lambda: asked(fake_mm, acme.carl) or None)
    assert "Time to check in K-2 Churn" in english["message"]

    assert mm.press(german, "Check-in K-1", acme.dora).status == 200
    dialog = fake_mm.dialogs[-1]
    assert dialog["dialog"]["callback_id"] == "okr_checkin.form"
    elements = {e["name"]: e for e in dialog["dialog"]["elements"]}
    assert list(elements) == ["value", "confidence", "comment"]
    assert elements["confidence"]["type"] == "select"
    assert [o["value"] for o in elements["confidence"]["options"]] == [
        "on-track",
        "at-risk",
        "off-track",
    ]
    assert elements["comment"]["optional"] is True

    dm = fake_mm.direct_channel(acme.dora["id"])
    assert dm is not None
    wrong = mm.submit(dialog, {"value": "viele", "confidence": "on-track"}, acme.dora, dm)
    assert list(wrong.body["errors"]) == ["value"]
    assert "kann ich nicht als Wert lesen" in wrong.body["errors"]["value"]
    assert checkins(served) == 0
    right = {"value": "12,5", "confidence": "at-risk", "comment": "Lieferant spät"}
    assert mm.submit(dialog, right, acme.dora, dm).body == {}
    with served.baton.db.transaction() as session:
        checkin = session.scalars(select(CheckIn)).one()
        assert (checkin.value, checkin.confidence, checkin.comment) == (
            12.5,
            "at-risk",
            "Lieferant spät",
        )
    # Carl's cutoff is Tuesday 09:00 in New York: nudged then, the summary two hours later.
    advance(served.baton, clock, datetime(2026, 12, 1, 16, 0, tzinfo=UTC) - clock.now())

    def summary() -> dict[str, Any] | None:
        posts = fake_mm.posts_in(acme.general["id"])
        return next((p for p in posts if "Check-in summary" in p.get("message", "")), None)

    posted = fake_mm.wait_for(summary)
    shown = str(posted)
    assert "K-1 Partners signed: 0 → 12.5 (+12.5)" in shown
    assert "K-1 Partners signed: at risk, “Lieferant spät”" in shown
    assert "K-2 Churn" in shown
    nudged = [p for p in asked(fake_mm, acme.carl) if "still open" in p["message"]]
    assert len(nudged) == 1
    # The summary carries the objective's chart: uploaded with POST /files, attached to it.
    [upload] = fake_mm.calls_to("POST", "/files")
    [(name, data, _type)] = upload.body["files"]
    assert name == "okr-O-1.png"
    assert data.startswith(b"\x89PNG")
    assert posted["file_ids"]
