"""Messages drawn for their reader on Slack: a channel's card keeps the channel's time zone in
its fallback text whoever presses, and a direct message uses its recipient's."""

from __future__ import annotations

import json

from bot.core.catalog import text
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.world import SlackWorld

BOB, CARL = PEOPLE["bob"], PEOPLE["carl"]
NORA = "U0NORA"


def text_of(call: Call) -> str:
    return json.dumps(call.params, ensure_ascii=False)


def test_a_channel_card_keeps_its_time_when_someone_elsewhere_presses(slack: SlackWorld) -> None:
    slack.fake.state.add_user(TEAM, NORA, "nora", tz="America/New_York")
    slack.send_command(
        slack.command(
            "task add Call the dealer due 2026-11-26 10:00", team=TEAM, user=BOB, user_name="bob"
        )
    )
    card = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "C0GENERAL"
    )[0]
    assert "|Thu 26 Nov 2026 10:00>" in text_of(card), "the fallback in the channel's zone"
    slack.send_interaction(
        slack.button(card, "task.snooze", team=TEAM, user=NORA, user_name="nora")
    )
    redrawn = slack.fake.wait_for("chat.update")[0]
    assert "|Fri 27 Nov 2026 10:00>" in text_of(redrawn), "still Berlin time after New York pressed"

    slack.send_command(
        slack.command("task assign T-1 <@U0NORA|nora>", team=TEAM, user=BOB, user_name="bob")
    )
    slack.fake.wait_for("conversations.open")
    told = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] != "C0GENERAL"
    )[0]
    assert "assigned you T-1" in text_of(told)
    assert "|Fri 27 Nov 2026 04:00>" in text_of(told), "the direct message in Nora's zone"


def test_a_direct_message_is_drawn_in_its_readers_slack_language(slack: SlackWorld) -> None:
    slack.fake.state.add_user(TEAM, NORA, "nora", tz="Europe/Berlin", locale="de-DE")
    slack.send_command(
        slack.command(
            "task add Call the dealer due 2026-11-27 17:00", team=TEAM, user=BOB, user_name="bob"
        )
    )
    card = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "C0GENERAL"
    )[0]
    assert "|Fri 27 Nov 2026 17:00>" in text_of(card), "the channel's card in English"
    slack.send_command(
        slack.command("task assign T-1 <@U0NORA|nora>", team=TEAM, user=BOB, user_name="bob")
    )
    told = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] != "C0GENERAL"
    )[0]
    assert "|Fr. 27. Nov. 2026, 17:00>" in text_of(told), "Nora's direct message in German"
    assert text("task.field.due", "de") in text_of(told)
