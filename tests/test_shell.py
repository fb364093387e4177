"""`baton shell` on a pipe, the way `make run` and scripts use it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOUR = Path(__file__).parent.parent / "examples" / "tour.txt"


def run_shell(script: str, db: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "shell", "--db", f"sqlite:///{db}", "--user", "bob", *extra],
        input=script,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_tour_shows_every_step(tmp_path: Path) -> None:
    result = run_shell(TOUR.read_text(), tmp_path / "tour.db", "--now", "2026-11-25T09:00+01:00")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    steps = [
        "[#general] T-1 Order furniture for IAA booth",  # created
        "This looks like work that is already open",  # duplicate warning
        "[#general] T-2 Book IAA booth furniture",  # created anyway, by button
        "Due: Fri 27 Nov 2026 17:00",  # vendredi 17h, in Berlin time
        "T-4 now waits for T-3",  # blocked
        "T-4 is blocked by T-3. Finish that first.",
        "(updated) ✅ T-3 Confirm payment",  # completed by button
        "[DM @anna] T-3 is done: your task T-4",  # unblocked
        "Handed 2 open tasks of @anna over to @dora until Sun 20 Dec 2026.",
        "Handed 2 tasks back to @anna from @dora.",
        "1. Booth budget · @anna",
    ]
    missing = [step for step in steps if step not in out]
    assert missing == []
    positions = [out.find(step) for step in steps]
    assert positions == sorted(positions)
    assert "Traceback" not in result.stderr


def test_advance_needs_the_simulated_clock(tmp_path: Path) -> None:
    result = run_shell(":advance 1d\n:click 3\n:frob\n/remind me\n", tmp_path / "a.db")
    assert result.returncode == 0
    assert "(:advance needs `baton shell --simulated-clock`)" in result.stdout
    assert "(no message here has buttons" in result.stdout
    assert "(unknown shell command :frob)" in result.stdout
    assert "(only /baton is known here" in result.stdout


def test_bad_start_time_is_refused(tmp_path: Path) -> None:
    result = run_shell("", tmp_path / "b.db", "--now", "next tuesday")
    assert result.returncode == 2
    assert "is not an ISO 8601 time" in result.stderr


def test_a_click_says_which_button_of_which_message_it_pressed(tmp_path: Path) -> None:
    script = "\n".join(
        [
            "/baton task add Confirm payment @carl",
            "/baton task add Send the papers @anna",
            "/baton task list all",
            ":click 1",  # the list has no buttons: the card before it is pressed, and named
            "/baton task show T-1",
            ":click 9",
            ":click 1",
        ]
    )
    out = run_shell(script, tmp_path / "c.db").stdout
    assert "Lists have no buttons" in out
    assert "(pressing [Complete] on: T-2 Send the papers)" in out
    assert "(no button 9: the latest message with buttons has 1 to 5)" in out
    assert "(pressing [Complete] on: T-1 Confirm payment)" in out


SCHEDULER = Path(__file__).parent.parent / "examples" / "scheduler.txt"


def test_reminders_nudges_and_digests_appear_over_advance(tmp_path: Path) -> None:
    result = run_shell(
        SCHEDULER.read_text(), tmp_path / "scheduler.db", "--now", "2026-11-25T10:00+01:00"
    )
    out = result.stdout
    assert result.returncode == 0, result.stderr
    steps = [
        "I will remind #delivery “update the tracker” every weekday at 09:00 Europe/Berlin, "
        "next Thu 26 Nov 2026.",
        "I will remind you “call the registration agent” on Wed 25 Nov 2026 15:00 Europe/Berlin.",
        "[DM @anna] ⏰ @bob asked me to remind you: the client meeting",
        "[DM @bob] ⏰ Reminder: call the registration agent",
        "Snoozed until Wed 25 Nov 2026 17:00: call the registration agent",
        "✅ Marked complete: call the registration agent",
        "[#delivery] Daily digest of #delivery · Thu 26 Nov 2026",
        "[#delivery] ⏰ Reminder: update the tracker",
        "[DM @anna] ⏰ T-1 Order the booth furniture is due Thu 26 Nov 2026.",
        "[#delivery] Daily digest of #delivery · Mon 30 Nov 2026",
        "[DM @bob] ⏰ Reminder: pay the rent",
    ]
    missing = [step for step in steps if step not in out]
    assert missing == []
    positions = [out.find(step) for step in steps]
    assert positions == sorted(positions)
    assert "Daily digest of #delivery · Sat" not in out, "no digest on the weekend"
    assert "Traceback" not in result.stderr
