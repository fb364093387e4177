"""Whose language a message is in: a person's chosen one, else their platform's, else the
workspace's; a channel's post in the channel's; a direct message in its recipient's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.app import Baton
from bot.commands.words import usage_error
from bot.core.catalog import EN, Term, text, usage_line
from bot.core.clock import SimulatedClock
from bot.core.errors import UserError
from bot.features import FEATURES
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.test_tour_languages import foreign_words


@pytest.fixture
def platform() -> FakePlatform:
    """People whose platform tells no language (greta, hans), French (ida), German (jan)."""
    fake = FakePlatform(write=lambda _line: None, tz="Europe/Berlin")
    fake.add_person("greta", lang="")
    fake.add_person("hans", lang="")
    fake.add_person("ida", lang="fr")
    fake.add_person("jan", lang="de")
    return fake


def test_a_person_without_a_language_reads_the_workspaces(chat: Chat) -> None:
    assert "Ihre Sprache ist jetzt Deutsch." in chat.say("settings lang de", user="greta")
    assert "Sie haben keine offenen Aufgaben" in chat.say("task list", user="hans")


def test_the_platforms_language_is_used_until_a_person_chooses_one(
    chat: Chat, baton: Baton, clock: SimulatedClock, platform: FakePlatform
) -> None:
    assert "Vous n’avez aucune tâche ouverte" in chat.say("task list", user="ida")
    assert "Ihre Sprache ist jetzt Deutsch." in chat.say("settings lang de", user="ida")
    clock.set(clock.now() + timedelta(days=2))  # the profile is read again, still French
    assert "Sie haben keine offenen Aufgaben" in chat.say("task list", user="ida")


def test_a_channel_post_is_in_the_channels_language_and_a_direct_message_in_its_readers(
    chat: Chat,
) -> None:
    chat.say("settings lang de", user="greta")  # the workspace's language is German now
    assert "Les messages de #fair sont désormais en français." in chat.say(
        "settings channel lang fr", user="ida", channel="fair"
    )
    posted = chat.say(
        "task add Book the booth @jan due 2026-12-04 17:00", user="hans", channel="fair"
    )
    card = next(line for line in posted.splitlines() if line.startswith("[#fair]"))
    assert "Book the booth" in card
    assert "Responsable : @jan · Échéance : ven. 4 déc., 17 h 00" in posted, "the channel's"
    [told] = [line for line in chat.dms("jan") if "zugewiesen" in line]
    assert "@hans hat Ihnen T-1 zugewiesen: Book the booth" in told, "Jan's own language"
    assert "Zuständig: @jan · Fällig: Fr., 4. Dez., 17:00" in chat.say("task show T-1", user="jan")


def test_errors_and_usage_lines_are_in_the_askers_language(chat: Chat) -> None:
    said = chat.say("task assign T-1", user="jan")
    assert "Syntax: `/baton task assign T-n @Person|me|nobody`" in said
    said = chat.say("task due T-1 someday soon", user="ida")
    assert "Je n’ai pas compris « someday soon » comme une date." in said
    chat.say("settings lang de", user="greta")
    assert "Syntax: `/baton task list [mine|@Person|#Kanal|overdue|done|all] [page N]`" in (
        chat.say("task list everything", user="hans")
    )


def test_help_explains_in_the_readers_language_and_keeps_the_command_words(chat: Chat) -> None:
    helped = chat.say("help", user="jan")
    assert "`/baton task add <Titel> [@zuständig] [due <wann>] [after T-n]`" in helped
    assert "Die Befehlswörter sind in jeder Sprache Englisch" in helped
    assert "`/baton task add Messestand buchen @anna due Freitag 17 Uhr`" in helped


def test_every_usage_line_is_a_catalog_text() -> None:
    usage = {key: line for feature in FEATURES for key, line in feature.usage.items()}
    assert usage, "features declare usage lines"
    assert [line for line in usage.values() if line not in EN] == [], (
        "a Feature's usage values are catalog keys (usage.…), so that help is translated"
    )


@pytest.mark.parametrize("lang", ["fr", "de"])
def test_usage_lines_translate_only_placeholders_and_explanations(lang: str) -> None:
    def command_words(line: str) -> str:
        kept = re.sub(r"<[^>]*>|\([^)]*\)|[@#][^\s|\]\[]+", "", line)
        return " ".join(kept.split())

    changed = {
        key: text(key, lang)
        for key in EN
        if key.startswith("usage.")
        and command_words(text(key, lang)) != command_words(str(EN[key]))
    }
    assert changed == {}


@pytest.mark.parametrize(
    ("phrase", "lang", "shown"),
    [
        ("Freitag 17 Uhr", "de", "Fr., 27. Nov., 17:00"),
        ("in 3 Tagen", "de", "Sa., 28. Nov. (in 3 Tagen)"),
        ("vendredi 17h", "fr", "ven. 27 nov., 17 h 00"),
        ("dans 3 jours", "fr", "sam. 28 nov. (dans 3 jours)"),
        ("1.12.2026", "de", "Di., 1. Dez. (in 6 Tagen)"),
    ],
)
def test_the_dates_that_examples_and_errors_suggest_are_understood(
    chat: Chat, phrase: str, lang: str, shown: str
) -> None:
    person = {"de": "jan", "fr": "ida"}[lang]
    chat.say("task add Book the booth", user=person)
    assert shown in chat.say(f"task due T-1 {phrase}", user=person)


def test_user_errors_carry_their_usage_line_as_a_term() -> None:
    error = usage_error("usage.task.done")
    assert isinstance(error, UserError)
    assert text(error.key, "de", **error.params) == "Syntax: `/baton task done T-n`"


def test_an_agenda_posted_for_the_meeting_is_in_the_channels_language(chat: Chat) -> None:
    chat.say("settings channel lang de", user="ida", channel="fair")
    chat.say("agenda add Budget", user="ida", channel="fair")
    assert "Ordre du jour de #fair" in chat.say("agenda list", user="ida", channel="fair")
    posted = chat.say("agenda post", user="ida", channel="fair")
    assert "[#fair] Tagesordnung von #fair" in posted


def test_a_new_language_on_the_platform_is_followed_by_whoever_chose_none(
    chat: Chat, clock: SimulatedClock, platform: FakePlatform
) -> None:
    assert "Sie haben keine offenen Aufgaben" in chat.say("task list", user="jan")
    platform.add_person("jan", lang="fr")  # Jan switches his platform to French
    assert "Sie haben keine offenen Aufgaben" in chat.say("task list", user="jan"), (
        "profiles are read again once a day"
    )
    clock.set(clock.now() + timedelta(days=2))
    assert "Vous n’avez aucune tâche ouverte" in chat.say("task list", user="jan")


def test_a_usage_line_written_out_in_code_is_shown_as_written_rather_than_failing() -> None:
    written = "/baton checklist start <name>"
    assert usage_line(written, "de") == written
    assert text("error.usage", "de", usage=Term(written)) == f"Syntax: `{written}`"
    assert usage_line("usage.task.done", "de") == "/baton task done T-n"


def test_every_message_a_german_workspace_sees_is_drawn_in_german(
    chat: Chat, platform: FakePlatform, baton: Baton, clock: SimulatedClock
) -> None:
    """Every kind of answer, card, notice and form once: none falls back to English."""
    script = [
        "help",
        "help dates",
        "settings",
        "task add Order furniture for the booth @hans due friday",
        "task add Book booth furniture",
        "task add Print flyers due 2026-12-01 09:00",
        "task list",
        "task list all",
        "task show T-1",
        "task block T-2 on T-1",
        "task done T-2",
        "task comment T-1 Ordered",
        "workload",
        "handover @hans to @greta until 2026-12-20",
        "agenda add Budget",
        "agenda list",
        "agenda post",
        "task delete T-2",
        "task due T-1 yesterday",
        "task frobnicate",
    ]
    chat.say("settings lang de", user="jan")
    for line in script:
        chat.say(line, user="jan")
    chat.click("Kommentieren", user="jan")
    clock.set(clock.now() + timedelta(days=30))
    baton.tick()
    drawn = {(p.where, p.message.summary[:40], p.message.lang) for p in platform.messages}
    assert {lang for _where, _summary, lang in drawn} == {"de"}, sorted(drawn)
    typed = ("Order furniture for the booth", "Book booth furniture", "Print flyers", "Budget")
    assert foreign_words("\n".join(chat.lines), (*typed, "Ordered")) == []
    assert [form.title for _trigger, form in platform.forms] == ["T-1 kommentieren"]
