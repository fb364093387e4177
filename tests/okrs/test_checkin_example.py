"""examples/okrs.txt played in `baton shell --simulated-clock`: a quarter's objective with three
key results, asked every Monday, answered by command and by button, nudged, summed up in the
channel, and graded at the end of the quarter."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).parent.parent.parent / "examples" / "okrs.txt"


def play(db: Path, files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "bot",
            "shell",
            "--db",
            f"sqlite:///{db}",
            "--user",
            "bob",
            "--now",
            "2026-11-25T10:00+01:00",
            "--files",
            str(files),
        ],
        input=EXAMPLE.read_text(),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_okr_example_asks_nudges_sums_up_and_grades(tmp_path: Path) -> None:
    result = play(tmp_path / "okrs.db", tmp_path / "files")
    out = result.stdout
    assert result.returncode == 0, result.stderr
    steps = [
        # Monday 30 November, 09:00 in Berlin: anna and bob are asked.
        "[DM @anna] Time to check in K-1 Partners signed (O-1 Grow the partner network, #sales).",
        "Last value: 12 (start) · Expected today: 30.39 · Target: 40",
        "[DM @bob] Time to check in K-3 Case studies published",
        "(the time is now 2026-11-30 09:00 UTC)",
        "K-1 checked in: 18, target 40",  # by command
        "(pressing [Check in K-3] on: Time to check in K-3",  # by button: the form, asked
        "(form) New value? (A number like 87, 87.5, 87,5, 87 % or 1.2k)",
        "(form) Confidence? 1 on track · 2 at risk · 3 off track",
        "(form) Comment? [- for none]",
        "(form) `lots` is not a value I can read.",  # asked again, the rest kept
        "Checked in K-3: 1, at risk. Thank you.",
        # 09:00 in New York is 14:00 UTC: carl is asked then, and nudged a day later.
        "[DM @carl] Time to check in K-2 Churn",
        "Last value: 10 (start) · Expected today: 6.7 · Target: 5",
        "[DM @carl] Your check-in of K-2 is still open",
        "[#sales] Check-in summary of #sales",
        "K-1 Partners signed: 12 → 18 (+6)",
        "K-3 Case studies published: at risk, “the designer is away”",
        "K-2 Churn · @carl",
        "📈 Chart O-1 Grow the partner network · 2026-Q4: ",  # the summary's chart, a PNG file
        # The next Mondays.
        "answer by Tue 08 Dec 2026 09:00",
        "K-2 Churn: 10 → 8.5 (−1.5)",
        "K-2 Churn: off track, “a large client left”",
        "Nothing was checked in this round.",
        # The end of the quarter: midnight in Berlin.
        "[#sales] O-1 Grow the partner network (2026-Q4) is over: graded 0.38 and archived.",
        "K-1 Partners signed: 0.68 (31 of 40)",
        "K-2 Churn: 0.20 (9 of 5)",
        "K-3 Case studies published: 0.25 (1 of 4)",
        "O-1 Grow the partner network · 2026-Q4 · #sales · 🔴 Off track · archived",
    ]
    missing = [step for step in steps if step not in out]
    assert missing == []
    positions = [out.find(step) for step in steps]
    assert positions == sorted(positions)
    assert out.count("Your check-in of K-2 is still open") == 3, "one nudge a round"
    assert out.count("Check-in summary of #sales") == 5
    assert "Time to check in" not in out[out.find("is over: graded") :]
    charts = re.findall(r"📈 Chart O-1 Grow the partner network · 2026-Q4: (\S+\.png)", out)
    assert len(charts) == 6, "five summaries and the grades"
    assert out.rfind("📈 Chart O-1") > out.find("is over: graded"), "the grades carry it too"
    for path in charts:
        assert Path(path).read_bytes().startswith(b"\x89PNG")
    assert "Traceback" not in result.stderr
