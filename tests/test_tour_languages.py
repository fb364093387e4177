"""The console tour played in German and in French: no English word is left outside the
names and titles people typed and the command words shown in backticks (which stay English)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_shell import TOUR, run_shell

TITLES = (
    "Order furniture for IAA booth",
    "Book IAA booth furniture",
    "Confirm payment",
    "Send papers to the registration agent",
    "Booth budget",
)
ENGLISH = frozenset(
    " ".join(
        (
            "the is are and or of to your you yours it at be by with without no not nothing has",
            "have here there this that for from until back over now only more what which who",
            "when ago task tasks due open done overdue nobody assigned assign assignee created",
            "create complete completed comment comments edit snooze reopen anyway handed",
            "workload activity waits blocked updated pressing time language unassigned agenda",
            "added removed looks already mon tue wed thu fri sat sun monday tuesday wednesday",
            "thursday friday saturday sunday dec day days page today tomorrow yesterday",
        )
    ).split()
)
"""Common English words that are no French or German word (so "in", "on", "Status", "zone"
and "Nov" are not here: all are French or German too)."""


def foreign_words(output: str, typed: tuple[str, ...] = TITLES) -> list[str]:
    """The English words of the output, leaving out what people typed and the command words."""
    found: list[str] = []
    for line in output.splitlines():
        if re.match(r"@[\w.\-]+ in #", line):
            continue  # the line typed, echoed
        shown = line
        for title in typed:
            shown = shown.replace(title, " ")
        shown = re.sub(r"`[^`]*`", " ", shown)  # what people type: command words stay English
        shown = re.sub(r"[@#][\w.\-]+|T-\d+|Europe/Berlin|\bUTC\b|\bBaton\b", " ", shown)
        found += [w for w in re.findall(r"[^\W\d_]+", shown) if w.lower() in ENGLISH]
    return found


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_tour_in_german_and_french_has_no_english_word(lang: str, tmp_path: Path) -> None:
    script = f"/baton settings lang {lang}\n{TOUR.read_text()}"
    result = run_shell(script, tmp_path / "tour.db", "--now", "2026-11-25T09:00+01:00")
    assert result.returncode == 0, result.stderr
    assert "1. Booth budget" in result.stdout, "the whole tour ran"
    assert foreign_words(result.stdout) == []


def test_the_check_finds_english_words_in_the_english_tour(tmp_path: Path) -> None:
    result = run_shell(TOUR.read_text(), tmp_path / "tour.db", "--now", "2026-11-25T09:00+01:00")
    found = {word.lower() for word in foreign_words(result.stdout)}
    assert {"assignee", "due", "open", "handed", "overdue"} <= found
