"""examples/okr-commands.txt played in German and in French: no English word is left outside
the titles people typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_languages import EXAMPLES, english_words, play

TYPED = (
    "Grow the service network",
    "Service points live",
    "Days to delivery",
    "New CRM live",
    "Partner trainings",
    "Train the Lyon partner",
)


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_okr_commands_in_german_or_french_show_no_english_word(lang: str, tmp_path: Path) -> None:
    out = play(EXAMPLES / "okr-commands.txt", lang, tmp_path / "okrs.db")
    assert "Check-in für K-1 gespeichert" in out or "Point d’étape de K-1 enregistré" in out
    for typed in TYPED:
        out = out.replace(typed, " ")
    assert english_words(out) == {}
