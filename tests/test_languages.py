"""The console tours of examples/ played in German and in French: no English word is left
outside the names and titles people typed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.catalog import text
from bot.core.reader import person_reader
from storage.models import Member, Workspace
from tests.support.chat import Chat

EXAMPLES = Path(__file__).parent.parent / "examples"

# What people typed (titles, reminders) and the console's own framing stay as they are.
TYPED = (
    "Order furniture for IAA booth",
    "Book IAA booth furniture",
    "Confirm payment",
    "Send papers to the registration agent",
    "Booth budget",
    "update the tracker",
    "call the registration agent",
    "the client meeting",
    "pay the rent",
    "Order the booth furniture",
)
FRAMING = re.compile(
    r"\((?:only you|updated)\)|\(pressing \[[^]]*\] on: .*\)|\(the time is now .*\)"
)
CODE = re.compile(r"`[^`]*`")
ZONE = re.compile(r"\b[A-Z][a-z]+/[A-Za-z_/]+")  # time zone names: Europe/Berlin
PATH = re.compile(r"(?<!\S)/\S+\.png\b")  # where the console wrote a chart

# Common English words that are no French or German word (nor an abbreviation of one).
ENGLISH = frozenset(
    " ".join(
        (
            "the and is are you your with for of to task tasks due done nobody overdue",
            "created assigned complete snooze reopen edit delete keep anyway today tomorrow",
            "week hour hours next now by from until back over handed workload unassigned",
            "blocked waits reminder reminders digest settings language time zone there this",
            "that what when where who which would could should please try again",
            "nothing something everything here only open list show new added removed cleared",
            "every day days weekday weekdays monday tuesday wednesday thursday friday",
            "saturday sunday tue wed thu fri sat sun january february march april may june",
            "july august september october november december assignee channel",
            "activity comments marked",
        )
    ).split()
)


def play(script: Path, lang: str, db: Path) -> str:
    lines = f"/baton settings lang {lang}\n" + script.read_text()
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "shell",
            "--db",
            f"sqlite:///{db}",
            "--user",
            "bob",
            "--simulated-clock",
            "--now",
            "2026-11-25T09:00+01:00",
            "--files",
            str(db.parent / "files"),
        ],
        input=lines,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def english_words(out: str) -> dict[str, str]:
    """Each English word found, with the first line it is on."""
    found: dict[str, str] = {}
    for line in out.splitlines():
        if line.startswith("@"):  # the prompt and what was typed after it
            continue
        shown = PATH.sub(" ", ZONE.sub(" ", CODE.sub(" ", FRAMING.sub(" ", line))))
        for typed in TYPED:
            shown = shown.replace(typed, " ")
        for word in re.findall(r"[^\W\d_]+", shown):
            if word.lower() in ENGLISH:
                found.setdefault(word.lower(), line.strip())
    return found


@pytest.mark.parametrize("lang", ["de", "fr"])
@pytest.mark.parametrize("example", ["tour.txt", "scheduler.txt"])
def test_a_tour_in_german_or_french_shows_no_english_word(
    example: str, lang: str, tmp_path: Path
) -> None:
    out = play(EXAMPLES / example, lang, tmp_path / "tour.db")
    assert "Fällig" in out or "Échéance" in out or "Rappel" in out or "Erinnerung" in out
    assert english_words(out) == {}


def test_the_word_list_finds_english() -> None:
    out = "[#general] T-1 Confirm payment\n    Assignee: @anna · Due: Fri 27 Nov 2026\n"
    assert set(english_words(out)) == {"assignee", "due", "fri"}


@pytest.mark.parametrize("lang", ["en", "de", "fr"])
def test_the_examples_of_help_work_as_written_in_each_language(chat: Chat, lang: str) -> None:
    chat.say(f"/baton settings lang {lang}")
    examples = re.findall(r"`(/baton [^`]*)`", text("help.examples", lang))
    assert len(examples) == 3
    assert text("help.examples", lang) in chat.say("/baton help")
    created, reminded, due = (chat.say(example) for example in examples)
    assert "T-1" in created
    assert text("every.weekday", lang, time="").strip() in reminded
    assert "T-1" in due
    assert text("task.due_set", lang, number=1, when="") in due


@pytest.mark.parametrize(
    ("chosen", "platform", "workspace", "read_in"),
    [
        ("fr", "de", "en", "fr"),  # a person's choice first
        (None, "de", "fr", "de"),  # else their Slack or Mattermost language
        (None, None, "fr", "fr"),  # else the workspace's
        (None, None, None, "en"),
    ],
)
def test_whose_language_a_person_reads(
    chosen: str | None, platform: str | None, workspace: str | None, read_in: str
) -> None:
    member = Member(tz="Europe/Berlin", lang=chosen, platform_lang=platform)
    assert person_reader(member, Workspace(lang=workspace)).lang == read_in


def test_a_chosen_language_can_be_given_up_for_the_platforms(chat: Chat) -> None:
    chat.platform.add_person("flo", lang="fr")  # Flo's profile on the platform says French
    assert "Deutsch" in chat.say("/baton settings lang de", user="flo")
    assert "T-1" in chat.say("/baton task add Réserver le stand", user="flo")
    assert text("task.field.due", "de") in chat.say("/baton task show T-1", user="flo")
    given_up = chat.say("/baton settings lang auto", user="flo")
    assert given_up.endswith(text("settings.lang_auto", "fr", lang="français"))
    assert text("task.field.due", "fr") in chat.say("/baton task show T-1", user="flo")
