"""Messages drawn for their reader on Mattermost, which shows times as Baton writes them: a
channel's card keeps the channel's time zone whoever presses, and a direct message uses its
recipient's."""

from __future__ import annotations

from tests.mattermost.conftest import OtherTeam, Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.mattermost.test_story import buttons_of, fields_of


def test_a_channel_card_keeps_its_time_when_someone_elsewhere_presses(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Call the dealer due 2026-11-26 10:00")
    [card] = fake_mm.posts_in(acme.general["id"])
    assert fields_of(card)["Due"] == "Thu 26 Nov, 10:00 CET", "Bob's Berlin, the first zone met"
    pressed = mm.press(card, "Snooze 1d", acme.carl)  # Carl is in New York
    assert pressed.status == 200
    assert fields_of(card)["Due"] == "Fri 27 Nov, 10:00 CET", "still the channel's Berlin time"

    mm.command(acme.bob, acme.general, "task assign T-1 @carl")
    direct = fake_mm.wait_for(lambda: fake_mm.direct_channel(acme.carl["id"]))
    [told] = fake_mm.wait_for(lambda: fake_mm.posts_in(direct["id"]))
    assert "@bob assigned you T-1" in told["message"]
    assert fields_of(told)["Due"] == "Fri 27 Nov, 04:00 EST", "the direct message in Carl's zone"


def test_a_card_is_drawn_in_german_for_a_german_reader_and_in_english_for_the_channel(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Call the dealer @dora due 2026-11-26 10:00")
    [card] = fake_mm.posts_in(acme.general["id"])
    assert fields_of(card)["Due"] == "Thu 26 Nov, 10:00 CET", "the channel reads English"
    assert buttons_of(card)[:2] == ["Complete", "Assign to me"]

    direct = fake_mm.wait_for(lambda: fake_mm.direct_channel(acme.dora["id"]))
    [told] = fake_mm.wait_for(lambda: fake_mm.posts_in(direct["id"]))
    assert "@bob hat Ihnen T-1 zugewiesen: Call the dealer" in told["message"], (
        "Dora's Mattermost locale is German"
    )
    assert fields_of(told) == {
        "Zuständig": "@dora",
        "Fällig": "Do., 26. Nov., 18:00 JST",
        "Status": "Offen",
    }, "German labels, and the time in Dora's Tokyo zone"
    assert buttons_of(told)[:2] == ["Erledigt", "Mir zuweisen"]


def test_a_refusal_is_in_the_language_of_the_team_it_was_sent_to(
    mm: MattermostServer, acme: Team, globex: OtherTeam, served: Served
) -> None:
    assert mm.command(acme.dora, acme.general, "task list").status == 200  # acme: German now
    answer = mm.command(globex.eve, acme.general, "task add Sneak in")
    assert answer.status == 403
    assert answer.body == "Nur Mitglieder dieses Teams können Baton hier verwenden."


def test_a_dialog_is_labelled_in_its_readers_language(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.dora, acme.general, "task new")
    dialog = fake_mm.wait_for(lambda: fake_mm.dialogs)[-1]["dialog"]
    assert dialog["title"] == "Neue Aufgabe"
    assert dialog["submit_label"] == "Anlegen"
    labels = [element["display_name"] for element in dialog["elements"]]
    assert labels[:3] == ["Titel", "Zuständig", "Fälligkeitsdatum"]
