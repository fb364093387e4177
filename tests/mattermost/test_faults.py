"""Bad input and a misbehaving Mattermost: helpful answers, retries, and nothing lost."""

from __future__ import annotations

import copy
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select

from bot.core.clock import SimulatedClock
from storage.models import Member, OutboxMessage, OutboxState, Task, TaskStatus
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import QUIET, MattermostServer
from tests.mattermost.payloads import payload
from tests.mattermost.test_story import buttons_of, fields_of


def test_missing_fields_get_a_helpful_reply(
    mm: MattermostServer, acme: Team, served: Served
) -> None:
    answer = mm.command(acme.bob, acme.general, "task list", drop=("user_id", "channel_id"))
    assert answer.status == 200
    assert answer.body["response_type"] == "ephemeral"
    assert "`user_id`, `channel_id` missing" in answer.text

    mm.command(acme.bob, acme.general, "task add Book the booth")
    press = payload(
        "post_action_integration_request",
        post_id="",
        user_id=acme.bob["id"],
        team_id=acme.team["id"],
    )
    press["context"] = _first_context(mm, acme)
    response = httpx.post(f"{served.url}/mattermost/actions", json=press)
    assert response.status_code == 200
    assert "`post_id` missing" in response.json()["ephemeral_text"]


def _first_context(mm: MattermostServer, acme: Team) -> dict[str, str]:
    post = mm.fake.posts_in(acme.general["id"])[0]
    return dict(post["props"]["attachments"][0]["actions"][0]["integration"]["context"])


def test_unreadable_bodies_get_400(served: Served, mm: MattermostServer) -> None:
    for path in ("/mattermost/actions", "/mattermost/dialogs"):
        assert httpx.post(served.url + path, content=b"{not json").status_code == 400
        assert httpx.post(served.url + path, json=["a", "list"]).status_code == 400
        assert httpx.post(served.url + path, content=b"x" * 70_000).status_code == 413
    bad_form = httpx.post(served.url + "/mattermost/command", content=b"\xff\xfe=\xff")
    assert bad_form.status_code == 400


def test_a_context_for_a_deleted_task_gets_a_helpful_note(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Book the booth")
    old_card = copy.deepcopy(fake_mm.posts_in(acme.general["id"])[0])
    assert "Deleted T-1" in mm.command(acme.bob, acme.general, "task delete T-1 confirm").text
    answer = mm.press(old_card, "Complete", acme.anna)
    assert answer.status == 200
    [note] = answer.shown
    assert note.startswith("T-1 was deleted by @bob on ")
    with served.baton.db.transaction() as session:
        assert session.scalars(select(Task.status)).one() is TaskStatus.DELETED


def test_people_are_created_on_first_sight_with_their_time_zone(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    answer = mm.command(acme.carl, acme.general, "settings")
    assert answer.text.splitlines()[0] == "Time zone: America/New_York · Language: English", (
        "automatic zone"
    )
    assert fake_mm.calls_to("GET", f"/users/{acme.carl['id']}")
    answer = mm.command(acme.bob, acme.general, "task add Call the printer @dora due friday 9:00")
    assert answer.status == 200
    with served.baton.db.transaction() as session:
        dora = session.scalars(select(Member).where(Member.name == "dora")).one()
        assert (dora.tz, dora.platform_lang, dora.lang) == ("Asia/Tokyo", "de", None), (
            "manual zone and locale, not chosen in Baton"
        )
    stranger = {"id": "zzzzzzzzzzzzzzzzzzzzzzzzzz", "username": "stranger"}
    fake_mm.join(acme.team, stranger)  # a member whose profile Mattermost does not give
    assert mm.command(stranger, acme.general, "settings").text.startswith("Time zone: UTC")


def test_mattermost_down_during_a_press_loses_nothing(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    mm.command(acme.bob, acme.general, "task add Ship the stand @anna")
    mm.command(acme.bob, acme.general, "task add Paint the stand @carl after T-1")
    first, second = fake_mm.posts_in(acme.general["id"])
    assert fields_of(second)["Blocked by"] == "T-1"
    direct = fake_mm.wait_for(lambda: fake_mm.direct_channel(acme.carl["id"]))
    fake_mm.wait_for(lambda: fake_mm.posts_in(direct["id"]))

    fake_mm.down()
    pressed = mm.press(first, "Complete", acme.anna)
    assert pressed.status == 200, "the press works while Baton cannot reach Mattermost"
    assert buttons_of(first) == ["Reopen"], "Mattermost updates the pressed post from the answer"

    def failed_once() -> list[OutboxMessage] | None:
        with served.baton.db.transaction() as session:
            rows = session.scalars(select(OutboxMessage).where(OutboxMessage.last_error != ""))
            waiting = [r for r in rows if r.state == OutboxState.PENDING]
        return waiting if len(waiting) == 2 else None

    failed = fake_mm.wait_for(failed_once, timeout=10)
    assert all("unreachable" in row.last_error for row in failed)
    with served.baton.db.transaction() as session:
        assert session.scalars(select(Task.status).where(Task.number == 1)).one() is TaskStatus.DONE

    fake_mm.up()
    clock.advance(timedelta(minutes=1))
    assert served.baton.deliver_outbox() == 2, "retried later"
    assert "Blocked by" not in fields_of(second), "the other card is updated in place"
    [note] = [p for p in fake_mm.posts_in(direct["id"]) if "can go ahead" in p["message"]]
    assert "T-1 is done: your task T-2" in note["message"]


def test_rate_limits_and_failures_are_sent_again_by_the_outbox_in_order(
    mm: MattermostServer,
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    fake_mm.rate_limit_next(reset=30, path=r"^/posts$")
    for title in ("Book the booth", "Order the flyers"):
        with pytest.raises(AssertionError, match="timed out"):  # nothing shown while it waits
            mm.command(acme.bob, acme.general, f"task add {title}", timeout=1.0)
    assert [c.status for c in fake_mm.calls_to("POST", "/posts")] == [429], "the next one waits"
    clock.advance(timedelta(seconds=29))
    assert served.baton.deliver_outbox() == 0, "not before the wait Mattermost asked for"
    clock.advance(timedelta(seconds=1))
    assert served.baton.deliver_outbox() == 2
    titles = [p["message"].split("\n")[0] for p in fake_mm.posts_in(acme.general["id"])]
    assert titles == ["**T-1** Book the booth", "**T-2** Order the flyers"], "in order"

    fake_mm.fail_next(503, path=r"^/posts$")
    with pytest.raises(AssertionError, match="timed out"):
        mm.command(acme.bob, acme.general, "task add Rent a van", timeout=1.0)
    clock.advance(timedelta(seconds=10))
    assert served.baton.deliver_outbox() == 1
    assert [c.status for c in fake_mm.calls_to("POST", "/posts")][-2:] == [503, 201]


def test_a_failing_response_url_falls_back_to_an_ephemeral_post(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost
) -> None:
    fake_mm.fail_next(503, times=3, path=r"^/hooks/commands/")
    answer = mm.command(acme.bob, acme.general, "settings")
    assert answer.body == QUIET
    assert answer.reply is None, "the response URL never took it"
    assert [c.status for c in fake_mm.calls if c.path.startswith("/hooks/")] == [503]
    [note] = fake_mm.ephemerals_for(acme.bob["id"])
    assert note["channel_id"] == acme.general["id"]
    assert note["message"].startswith("Time zone: Europe/Berlin")


def test_a_channel_without_the_bot_still_gets_a_working_card(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost
) -> None:
    secret = fake_mm.add_channel(acme.team, "secret", bot_member=False)
    answer = mm.command(acme.bob, secret, "task add Plan the surprise")
    assert answer.posted == []
    assert answer.reply is not None
    assert answer.reply["response_type"] == "ephemeral", "the asker alone sees it"
    assert "/invite @baton" in answer.reply["text"]
    [card] = answer.reply["attachments"]
    assert "Plan the surprise" in answer.reply["text"]
    assert next(a["name"] for a in card["actions"]) == "Complete", "with working buttons"


def test_an_expired_trigger_says_to_try_again(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost
) -> None:
    fake_mm.trigger_timeout = 0.0
    answer = mm.command(acme.bob, acme.general, "task new")
    assert answer.text == "I could not open the form (invalid). Please run the command again."
    assert fake_mm.dialogs == []


def test_a_double_click_changes_the_task_once(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Book the booth")
    card = fake_mm.posts_in(acme.general["id"])[0]
    stale = copy.deepcopy(card)
    assert "update" in mm.press(card, "Complete", acme.anna).body
    assert mm.press(stale, "Complete", acme.anna).body == {}, "the same rendering, pressed again"
    assert mm.press(card, "Reopen", acme.anna).status == 200
    with served.baton.db.transaction() as session:
        assert session.scalars(select(Task.status)).one() is TaskStatus.OPEN
