"""Where replies go: in place, only to the asker, and what happens when Slack says no."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

from bot.core.clock import SimulatedClock
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.world import SlackWorld, posted_ref

ANNA, BOB = PEOPLE["anna"], PEOPLE["bob"]


def words(call: Call) -> str:
    return json.dumps(call.params, ensure_ascii=False)


def to(url_part: str) -> Callable[[Call], bool]:
    return lambda call: url_part in call.path


def test_the_ack_never_waits_for_slack(slack: SlackWorld) -> None:
    release = slack.fake.hold("chat.postMessage")
    try:
        response = slack.send_command(
            slack.command("task add Slow Slack", team=TEAM, user=BOB, user_name="bob")
        )
        assert response.status_code == 200  # acked while chat.postMessage is still waiting
        assert slack.fake.of("chat.postMessage") == []
    finally:
        release.set()
    slack.fake.wait_for("chat.postMessage")


def test_replies_only_for_the_asker_go_through_the_response_url(slack: SlackWorld) -> None:
    command = slack.command("task list", team=TEAM, user=BOB, user_name="bob")
    assert slack.send_command(command).status_code == 200
    reply = slack.fake.wait_for("response_url")[0]
    assert reply.path.endswith(command["response_url"].rsplit("/hooks", 1)[1])
    assert reply.params["response_type"] == "ephemeral"
    assert "You have no open tasks" in reply.params["text"]


def test_not_in_channel_becomes_an_invitation_only_the_asker_sees(slack: SlackWorld) -> None:
    slack.fake.state.outside.add("C0SECRET")
    command = slack.command(
        "task add Plan the launch",
        team=TEAM,
        user=BOB,
        user_name="bob",
        channel="C0SECRET",
        channel_name="secret-plans",
    )
    slack.send_command(command)
    reply = slack.fake.wait_for("response_url")[0]
    assert reply.params["response_type"] == "ephemeral"
    assert "#secret-plans" in reply.params["text"]
    assert "/invite @baton" in reply.params["text"]
    assert "*T-1* Plan the launch" in words(reply)  # the card itself, to the asker
    slack.settle()
    assert slack.task_count(TEAM) == 1


def test_rate_limited_calls_are_sent_again_after_the_wait_slack_asks_for(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    slack.fake.fail("chat.postMessage", "ratelimited", status=429, retry_after=30)
    slack.send_command(slack.command("task add Print flyers", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage", 1)
    slack.settle()
    clock.advance(timedelta(seconds=29))
    assert slack.baton.deliver_outbox() == 0, "not before the wait is over"
    clock.advance(timedelta(seconds=1))
    assert slack.baton.deliver_outbox() == 1
    tries = slack.fake.wait_for("chat.postMessage", 2)
    assert tries[0].response == {"ok": False, "error": "ratelimited"}
    assert tries[1].response["ok"] is True
    slack.settle()
    # the card's ts was remembered after the retry: a change updates it in place
    slack.send_command(slack.command("task done T-1", team=TEAM, user=BOB, user_name="bob"))
    update = slack.fake.wait_for("chat.update")[0]
    assert (update.params["channel"], update.params["ts"]) == posted_ref(tries[1])


def test_a_broken_connection_is_retried(slack: SlackWorld) -> None:
    slack.fake.drop("chat.postMessage")
    slack.send_command(slack.command("task add Order toner", team=TEAM, user=BOB, user_name="bob"))
    tries = slack.fake.wait_for("chat.postMessage", 2)
    assert tries[0].response == {"ok": False, "error": "(connection closed)"}
    assert tries[1].response["ok"] is True
    assert "Order toner" in tries[1].params["text"]


def test_a_press_on_an_ephemeral_message_replaces_it_through_the_response_url(
    slack: SlackWorld,
) -> None:
    slack.send_command(
        slack.command("task add Book the booth", team=TEAM, user=BOB, user_name="bob")
    )
    slack.fake.wait_for("chat.postMessage")
    slack.send_command(slack.command("task show T-1", team=TEAM, user=BOB, user_name="bob"))
    shown = slack.fake.wait_for("response_url")[0]
    press = slack.press(
        shown.params["blocks"],
        "task.snooze",
        channel="C0GENERAL",
        ts="1764069999.000001",
        team=TEAM,
        user=BOB,
        user_name="bob",
        ephemeral=True,
    )
    slack.send_interaction(press)
    replaced = slack.fake.wait_for(
        "response_url", where=to(press["response_url"].rsplit("/hooks", 1)[1])
    )[0]
    assert replaced.params["replace_original"] is True
    assert replaced.params["response_type"] == "ephemeral"
    assert "T-1" in replaced.params["text"]


def test_form_errors_are_shown_next_to_the_field_and_nothing_is_created(slack: SlackWorld) -> None:
    slack.send_command(slack.command("task new", team=TEAM, user=BOB, user_name="bob"))
    opened = slack.fake.wait_for("views.open")[0]
    submission = slack.submission(
        opened, {"title": "Ship parts", "due_time": "10:00"}, team=TEAM, user=BOB, user_name="bob"
    )
    response = slack.send_interaction(submission)
    assert response.status_code == 200
    body = response.json()
    assert body["response_action"] == "errors"
    assert set(body["errors"]) == {"due_date"}
    slack.settle()
    assert slack.task_count(TEAM) == 0


def test_people_are_looked_up_once_and_mentions_resolved(slack: SlackWorld) -> None:
    for title in ("Call the printer", "Collect the badges"):
        text = f"task add {title} <@{ANNA}|anna>"
        slack.send_command(slack.command(text, team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage", 2, where=lambda c: c.params["channel"] == "C0GENERAL")
    slack.settle()
    looked_up = [c.params["user"] for c in slack.fake.of("users.info")]
    assert sorted(looked_up) == sorted({ANNA, BOB})
    cards = [c for c in slack.fake.of("chat.postMessage") if c.params["channel"] == "C0GENERAL"]
    assert all(f"<@{ANNA}>" in words(card) for card in cards)


def test_a_form_whose_trigger_expired_says_to_try_again(slack: SlackWorld) -> None:
    slack.fake.fail("views.open", "expired_trigger_id")
    slack.send_command(slack.command("task new", team=TEAM, user=BOB, user_name="bob"))
    told = slack.fake.wait_for("response_url")[0]
    assert "too slow to open that form" in told.params["text"]


def test_a_handle_typed_without_slacks_escaping_is_found_in_the_directory(
    slack: SlackWorld,
) -> None:
    slack.send_command(
        slack.command("task add Fix the printer @carl", team=TEAM, user=BOB, user_name="bob")
    )
    card = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "C0GENERAL"
    )[0]
    assert f"<@{PEOPLE['carl']}>" in words(card)
    assert len(slack.fake.of("users.list")) == 1


def test_a_card_slack_fails_to_post_is_posted_once_it_can(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    slack.fake.fail("chat.postMessage", "internal_error", status=500, times=3)
    slack.send_command(slack.command("task add Order pens", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage", 1)
    slack.settle()
    for _ in range(2):  # 10 s, then 20 s later: still failing
        clock.advance(timedelta(seconds=20))
        slack.baton.deliver_outbox()
    clock.advance(timedelta(seconds=40))
    assert slack.baton.deliver_outbox() == 1
    tries = slack.fake.of("chat.postMessage")
    assert [t.response["ok"] for t in tries] == [False, False, False, True]
    # the card that made it is remembered: a change redraws it in place
    slack.send_command(slack.command("task done T-1", team=TEAM, user=BOB, user_name="bob"))
    update = slack.fake.wait_for("chat.update")[0]
    assert (update.params["channel"], update.params["ts"]) == posted_ref(tries[-1])


def test_dropped_connections_delay_the_card_but_lose_nothing(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    slack.fake.drop("chat.postMessage", times=5)
    slack.send_command(slack.command("task add Order toner", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage", 3)  # the client's own two retries of a connection
    slack.settle()
    clock.advance(timedelta(seconds=10))
    assert slack.baton.deliver_outbox() == 1
    posted = [t for t in slack.fake.of("chat.postMessage") if t.response.get("ok")]
    assert len(posted) == 1
    assert "Order toner" in posted[0].params["text"]


def test_a_card_that_reaches_nobody_else_comes_as_a_direct_message(slack: SlackWorld) -> None:
    slack.fake.state.outside.add("C0SECRET")
    slack.fake.fail("response_url", "internal_error", status=500)
    command = slack.command(
        "task add Plan the launch",
        team=TEAM,
        user=BOB,
        user_name="bob",
        channel="C0SECRET",
        channel_name="secret-plans",
    )
    slack.send_command(command)
    slack.fake.wait_for("conversations.open")
    told = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] not in ("C0SECRET", "C0GENERAL")
    )[0]
    assert "Plan the launch" in words(told)
    assert "/invite @baton" in words(told)
