"""`report <template>`: cycle times of finished runs (count, median, p90, spread), the items
most often late, runs open past their expected finish, and every run and item as CSV."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

from bot.core.clock import SimulatedClock
from tests.checklists.test_cli import baton as cli
from tests.support.chat import Chat

PEOPLE = "logistics=@anna finance=@carl sales=@dora"


def test_the_report_shows_cycle_times_late_items_and_late_runs(
    chat: Chat, clock: SimulatedClock
) -> None:
    chat.say("/baton template import vehicle-delivery")
    assert "No run of `vehicle-delivery` has finished yet" in chat.say(
        "/baton report vehicle-delivery"
    )
    start = clock.now()
    for name in ("Ann", "Ben", "Cy", "Dan", "Eve"):
        chat.say(f"/baton run vehicle-delivery for {name} {PEOPLE}")
    for run, days in enumerate((10, 12, 14, 20)):
        clock.set(start + timedelta(days=days))
        for item in range(1, 7):
            chat.say(f"/baton task done T-{run * 6 + item}")
    shown = chat.say("/baton report vehicle-delivery")
    assert "Report: vehicle-delivery (Vehicle delivery)" in shown
    assert (
        "Cycle time of 4 finished run(s), start to finish: median 13.0 days · p90 20.0 days · "
        "spread 10.0–20.0 days (standard deviation 3.7)"
    ) in shown
    late = shown[shown.index("Items most often late") : shown.index("Runs open past")]
    # Eve's run is open: its items past due count as late too.
    assert "`received` Vehicle received for {subject}: late in 5 of 5 run(s), by 14.9 days" in late
    assert "`appointment` Delivery appointment agreed with {subject}: late in 3 of 5 run(s)" in late
    assert "`handover`" not in late, "five items shown, the most often late"
    assert "R-5 Eve: 5.7 days past (expected Wed 09 Dec 2026)" in shown
    assert "1 active run(s)." in shown


def test_the_csv_has_every_run_and_item_with_its_dates(chat: Chat, clock: SimulatedClock) -> None:
    chat.say("/baton template import vehicle-delivery")
    chat.say(f"/baton run vehicle-delivery for Ann {PEOPLE}")
    clock.advance(timedelta(days=3))
    chat.say("/baton task done T-1")
    shown = chat.say("/baton report vehicle-delivery csv")
    assert "Every run of `vehicle-delivery` and its items (6 row(s)), as CSV:" in shown
    body = shown[shown.index("```") + 3 : shown.rindex("```")].strip()
    rows = list(csv.DictReader(io.StringIO("\n".join(line.strip() for line in body.splitlines()))))
    assert len(rows) == 6
    first = rows[0]
    assert (first["run"], first["subject"], first["item"], first["task"]) == (
        "R-1",
        "Ann",
        "received",
        "T-1",
    )
    assert (first["due (UTC)"], first["done (UTC)"]) == ("2026-11-25 16:00", "2026-11-28 09:00")
    assert first["days late"] == "2.71"
    assert rows[2]["item status"] == "open"


def test_report_from_the_command_line(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    db = tmp_path / "report.db"
    cli("template", "import", "vehicle-delivery", db=db)
    text = cli("report", "vehicle-delivery", db=db)
    assert text.returncode == 0
    assert "No run of `vehicle-delivery` has finished yet" in text.stdout
    printed = cli("report", "vehicle-delivery", "--csv", db=db)
    assert printed.stdout.startswith("run,subject,run status,version,start (UTC)")
    missing = cli("report", "nothing", "--csv", db=db)
    assert missing.returncode == 1
    assert "There is no template `nothing` here" in missing.stderr
