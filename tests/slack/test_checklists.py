"""A vehicle delivery run over Slack: a role left out is asked for in a modal with person
pickers, the run's message is posted to the channel and updated in place by its buttons."""

from __future__ import annotations

import json

from bot.commands.invocation import ButtonPress, Invocation
from bot.handlers.slack.forms import modal
from tests.slack.blockkit import view_problem
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.world import SlackWorld, posted_ref
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform

ANNA, BOB, CARL = PEOPLE["anna"], PEOPLE["bob"], PEOPLE["carl"]


def in_general(call: Call) -> bool:
    return call.params.get("channel") == "C0GENERAL"


def texts(call: Call) -> str:
    blocks = call.params.get("blocks") or call.params.get("view", {}).get("blocks") or []
    return json.dumps(blocks, ensure_ascii=False)


def test_a_run_starts_from_the_role_modal_and_progresses_by_button(slack: SlackWorld) -> None:
    fake = slack.fake
    slack.send_command(
        slack.command("template import vehicle-delivery", team=TEAM, user=BOB, user_name="bob")
    )
    imported = fake.wait_for("response_url")[0]
    assert "Imported `vehicle-delivery` v1" in json.dumps(imported.params)

    text = f'run vehicle-delivery for "Jane Doe" start 2026-12-01 logistics=<@{ANNA}|anna>'
    assert slack.send_command(slack.command(text, team=TEAM, user=BOB, user_name="bob")).text == ""
    opened = fake.wait_for("views.open")[0]
    view = opened.params["view"]
    assert view["callback_id"] == "run.start"
    assert view["title"]["text"] == "Start vehicle-delivery"
    blocks = {block["block_id"]: block for block in view["blocks"]}
    assert blocks["subject"]["element"]["initial_value"] == "Jane Doe"
    assert blocks["start"]["element"] == {
        "action_id": "start",
        "type": "datepicker",
        "initial_date": "2026-12-01",
    }
    assert blocks["role_logistics"]["element"]["type"] == "users_select"
    assert blocks["role_logistics"]["element"]["initial_user"] == ANNA
    assert blocks["role_finance"]["optional"] is False
    assert blocks["role_finance"]["hint"]["text"] == "Nobody was named for this role yet."

    values = {
        "subject": "Jane Doe",
        "start": "2026-12-01",
        "role_logistics": ANNA,
        "role_finance": CARL,
        "role_sales": BOB,
    }
    submitted = slack.send_interaction(
        slack.submission(opened, values, team=TEAM, user=BOB, user_name="bob")
    )
    assert (submitted.status_code, submitted.text) == (200, "")
    posted = fake.wait_for("chat.postMessage", where=in_general)[0]
    assert posted.params["text"] == "R-1 Vehicle delivery · Jane Doe"
    shown = texts(posted)
    assert "0 of 6 done" in shown
    assert "▱▱▱▱▱▱▱▱▱▱ 0/6" in shown
    assert f"<@{ANNA}>" in shown
    assert "run.complete" in shown

    slack.settle()
    press = slack.button(posted, "run.complete.1", team=TEAM, user=ANNA, user_name="anna")
    assert slack.send_interaction(press).status_code == 200
    update = fake.wait_for("chat.update")[0]
    assert (update.params["channel"], update.params["ts"]) == posted_ref(posted)
    assert "1 of 6 done" in texts(update)
    assert "Complete T-2" in texts(update)
    assert "Complete T-1" not in texts(update)
    slack.settle()


def test_every_run_form_is_a_modal_slack_accepts(chat: Chat, platform: FakePlatform) -> None:
    chat.say("/baton template import onboarding")
    chat.say("/baton template import service-point-opening")
    for text in ("run new", "run new onboarding", "run service-point-opening for Lyon"):
        chat.run(Invocation(actor=chat.actor("bob", "general"), text=text, trigger_id="t"))
    forms = [form for _, form in platform.forms]
    assert [form.form_id for form in forms] == ["run.start", "run.start", "run.start"]
    chat.run(
        Invocation(
            actor=chat.actor("bob", "general"),
            press=ButtonPress(action="run.retro_form", value="1"),
            trigger_id="t",
        )
    )
    forms.append(platform.forms[-1][1])
    assert forms[-1].form_id == "run.retro"
    for form in forms:
        assert view_problem(modal(form, channel_id="C0GENERAL")) is None, form.title
