"""Messages drawn for their reader on Slack: a channel's card keeps the channel's time zone in
its fallback text whoever presses, and a direct message uses its recipient's."""

from __future__ import annotations

import json

from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.fake_slack import Call
from tests.slack.payloads import load
from tests.slack.world import SlackWorld

BOB, CARL = PEOPLE["bob"], PEOPLE["carl"]
NORA = "U0NORA"
DORA = "U0DORA"
ELISE = "U0ELISE"


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
    assert "|Thu 26 Nov, 10:00>" in text_of(card), "the fallback in the channel's zone"
    slack.send_interaction(
        slack.button(card, "task.snooze", team=TEAM, user=NORA, user_name="nora")
    )
    redrawn = slack.fake.wait_for("chat.update")[0]
    assert "|Fri 27 Nov, 10:00>" in text_of(redrawn), "still Berlin time after New York pressed"

    slack.send_command(
        slack.command("task assign T-1 <@U0NORA|nora>", team=TEAM, user=BOB, user_name="bob")
    )
    slack.fake.wait_for("conversations.open")
    told = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] != "C0GENERAL"
    )[0]
    assert "assigned you T-1" in text_of(told)
    assert "|Fri 27 Nov, 04:00>" in text_of(told), "the direct message in Nora's zone"


def test_a_card_is_drawn_in_german_for_a_german_reader_and_in_english_for_the_channel(
    slack: SlackWorld,
) -> None:
    slack.fake.state.add_user(TEAM, DORA, "dora", tz="Europe/Berlin", locale="de-DE")
    slack.send_command(
        slack.command(
            "task add Call the dealer <@U0DORA|dora> due 2026-11-26 10:00",
            team=TEAM,
            user=BOB,
            user_name="bob",
        )
    )
    card = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] == "C0GENERAL"
    )[0]
    english = text_of(card)
    assert "*Assignee*" in english, "the channel reads English"
    assert "*Due*" in english
    assert "|Thu 26 Nov, 10:00>" in english
    assert '"Complete"' in english

    slack.fake.wait_for("conversations.open")
    told = slack.fake.wait_for(
        "chat.postMessage", where=lambda c: c.params["channel"] != "C0GENERAL"
    )[0]
    german = text_of(told)
    assert "@bob hat Ihnen T-1 zugewiesen: Call the dealer" in german, "Dora's Slack is German"
    assert "*Zuständig*" in german
    assert "*Fällig*" in german
    assert "|Do., 26. Nov., 10:00>" in german, "the date's fallback in German"
    assert '"Erledigt"' in german, "buttons in German"
    assert '"Mir zuweisen"' in german
    assert "Assignee" not in german


def test_a_french_readers_home_tab_and_a_german_readers_modal_with_its_errors(
    slack: SlackWorld,
) -> None:
    slack.fake.state.add_user(TEAM, ELISE, "elise", tz="Europe/Paris", locale="fr-FR")
    slack.fake.state.add_user(TEAM, DORA, "dora", tz="Europe/Berlin", locale="de-DE")
    home = load("app_home_opened")
    home.update(team_id=TEAM, event_id="Ev0HOMEFR01")
    home["event"]["user"] = ELISE
    slack.send_event(home)
    page = json.dumps(slack.fake.wait_for("views.publish")[0].params["view"], ensure_ascii=False)
    assert "Mes tâches" in page
    assert "Rien en attente." in page

    slack.send_command(slack.command("task new", team=TEAM, user=DORA, user_name="dora"))
    modal = slack.fake.wait_for("views.open")[0].params["view"]
    assert modal["title"]["text"] == "Neue Aufgabe"
    assert modal["submit"]["text"] == "Anlegen"
    labels = [block["label"]["text"] for block in modal["blocks"]]
    assert labels == ["Titel", "Zuständig", "Fälligkeitsdatum", "Uhrzeit", "Beschreibung"]
    opened = slack.fake.wait_for("views.open")[0]
    submission = slack.submission(
        opened,
        {"title": "Teile liefern", "due_time": "10:00"},
        team=TEAM,
        user=DORA,
        user_name="dora",
    )
    errors = slack.send_interaction(submission).json()["errors"]
    assert errors == {"due_date": "Wählen Sie ein Datum zur gewählten Uhrzeit."}
