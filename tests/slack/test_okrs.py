"""OKR check-ins over Slack: the round's direct message in the owner's language and zone, its
button opening the modal, and the submission recording the check-in (or telling what is wrong
next to the field, with nothing saved)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.core.clock import SimulatedClock
from storage.models import CheckIn
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.world import SlackWorld, posted_ref
from tests.support.time_travel import advance

BOB = PEOPLE["bob"]
DIETER, NINA = "U0DIETER", "U0NINA"


def texts(call: Call) -> str:
    return json.dumps(call.params.get("blocks") or call.params, ensure_ascii=False)


def checkins(slack: SlackWorld) -> int:
    with slack.baton.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(CheckIn)) or 0)


def plan_quarter(slack: SlackWorld) -> None:
    slack.fake.state.add_user(TEAM, DIETER, "dieter", tz="Europe/Berlin", locale="de-DE")
    slack.fake.state.add_user(TEAM, NINA, "nina", tz="America/New_York")
    for text in (
        "okr add objective Grow the partner network period 2026-Q4",
        f"okr add kr O-1 Partners signed from 0 to 40 <@{DIETER}|dieter>",
        f"okr add kr O-1 Churn from 10 to 5 <@{NINA}|nina>",
    ):
        assert slack.send_command(slack.command(text, team=TEAM, user=BOB, user_name="bob"))
        slack.settle()


def test_each_owner_gets_the_check_in_in_their_language_and_zone_and_the_modal_records_it(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    fake = slack.fake
    plan_quarter(slack)

    def asked(call: Call) -> bool:
        return "okr_checkin.open" in texts(call)

    # Monday 30 November, 09:00 in Berlin: Dieter is asked, in German; Nina not yet.
    advance(slack.baton, clock, datetime(2026, 11, 30, 8, tzinfo=UTC) - clock.now())
    slack.settle()
    [german] = [c for c in fake.of("chat.postMessage") if asked(c)]
    assert "Zeit für den Check-in von K-1 Partners signed" in texts(german)
    assert "Heute erwartet" in texts(german)
    # 09:00 in New York.
    advance(slack.baton, clock, datetime(2026, 11, 30, 14, tzinfo=UTC) - clock.now())
    slack.settle()
    english = [c for c in fake.of("chat.postMessage") if asked(c)][1]
    assert "Time to check in K-2 Churn" in texts(english)

    press = slack.button(german, "okr_checkin.open", team=TEAM, user=DIETER, user_name="dieter")
    assert slack.send_interaction(press).status_code == 200
    opened = fake.wait_for("views.open")[0]
    view = opened.params["view"]
    assert view["callback_id"] == "okr_checkin.form"
    assert view["title"]["text"] == "Check-in K-1"
    blocks = {block["block_id"]: block for block in view["blocks"]}
    assert list(blocks) == ["value", "confidence", "comment"]
    assert blocks["confidence"]["element"]["type"] == "static_select"
    assert [o["value"] for o in blocks["confidence"]["element"]["options"]] == [
        "on-track",
        "at-risk",
        "off-track",
    ]
    assert blocks["comment"]["optional"] is True

    bad = slack.submission(
        opened,
        {"value": "viele", "confidence": "on-track"},
        team=TEAM,
        user=DIETER,
        user_name="dieter",
    )
    response = slack.send_interaction(bad)
    body = response.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"value"}
    assert "kann ich nicht als Wert lesen" in body["errors"]["value"]
    slack.settle()
    assert checkins(slack) == 0

    good = slack.submission(
        opened,
        {"value": "12,5", "confidence": "at-risk", "comment": "Lieferant spät"},
        team=TEAM,
        user=DIETER,
        user_name="dieter",
    )
    assert slack.send_interaction(good).status_code == 200
    slack.settle()
    assert checkins(slack) == 1
    with slack.baton.db.transaction() as session:
        checkin = session.scalars(select(CheckIn)).one()
        assert (checkin.value, checkin.confidence, checkin.comment) == (
            12.5,
            "at-risk",
            "Lieferant spät",
        )
    # Nina's cutoff is Tuesday 09:00 in New York: the summary goes out two hours later.
    advance(slack.baton, clock, datetime(2026, 12, 1, 16, 0, tzinfo=UTC) - clock.now())
    slack.settle()

    def summary(call: Call) -> bool:
        return "Check-in summary" in texts(call)

    posted = fake.wait_for("chat.postMessage", where=summary)[0]
    assert posted.params["channel"] == "C0GENERAL"
    assert "K-1 Partners signed: 0 → 12.5 (+12.5)" in texts(posted)
    assert "K-2 Churn" in texts(posted)
    # The summary carries the objective's chart, uploaded into the post's thread.
    slack.settle()
    [completed] = fake.wait_for("files.completeUploadExternal")
    assert (completed.params["channel_id"], completed.params["thread_ts"]) == posted_ref(posted)
    assert json.loads(completed.params["files"])[0]["title"].startswith("O-1 Grow the partner")
