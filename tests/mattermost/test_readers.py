"""Messages drawn for their reader on Mattermost, which shows times as Baton writes them: a
channel's card keeps the channel's time zone whoever presses, and a direct message uses its
recipient's."""

from __future__ import annotations

from bot.core.catalog import text
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.mattermost.test_story import fields_of


def test_a_channel_card_keeps_its_time_when_someone_elsewhere_presses(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Call the dealer due 2026-11-26 10:00")
    [card] = fake_mm.posts_in(acme.general["id"])
    assert fields_of(card)["Due"] == "Thu 26 Nov 2026 10:00 CET", "Bob's Berlin, the first zone met"
    pressed = mm.press(card, "Snooze 1d", acme.carl)  # Carl is in New York
    assert pressed.status == 200
    assert fields_of(card)["Due"] == "Fri 27 Nov 2026 10:00 CET", "still the channel's Berlin time"

    mm.command(acme.bob, acme.general, "task assign T-1 @carl")
    direct = fake_mm.wait_for(lambda: fake_mm.direct_channel(acme.carl["id"]))
    [told] = fake_mm.wait_for(lambda: fake_mm.posts_in(direct["id"]))
    assert "@bob assigned you T-1" in told["message"]
    assert fields_of(told)["Due"] == "Fri 27 Nov 2026 04:00 EST", (
        "the direct message in Carl's zone"
    )


def test_a_card_is_drawn_in_german_for_dora_and_in_english_for_the_channel(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    mm.command(acme.bob, acme.general, "task add Call the printer due 2026-11-27 17:00")
    mm.command(acme.bob, acme.general, "task assign T-1 @dora")  # Dora's Mattermost says "de"
    direct = fake_mm.wait_for(lambda: fake_mm.direct_channel(acme.dora["id"]))
    [told] = fake_mm.wait_for(lambda: fake_mm.posts_in(direct["id"]))
    due = text("task.field.due", "de")
    assert fields_of(told)[due] == "Sa. 28. Nov. 2026, 01:00 JST", "Dora's zone, in German"
    [card] = fake_mm.posts_in(acme.general["id"])
    assert fields_of(card)["Due"] == "Fri 27 Nov 2026 17:00 CET", "the channel's, in English"
