"""The checklist stories in `baton shell --simulated-clock`, on a pipe, as examples/ tell them."""

from __future__ import annotations

from pathlib import Path

from tests.test_shell import run_shell

EXAMPLES = Path(__file__).parent.parent.parent / "examples"
NOW = ("--now", "2026-11-30T09:00+01:00", "--tz", "Europe/Berlin")


def in_order(out: str, steps: list[str]) -> None:
    missing = [step for step in steps if step not in out]
    assert missing == []
    positions = [out.find(step) for step in steps]
    assert positions == sorted(positions)


def test_a_vehicle_delivery_runs_from_start_to_retrospective_and_report(tmp_path: Path) -> None:
    script = (EXAMPLES / "vehicle-delivery.txt").read_text()
    result = run_shell(script, tmp_path / "delivery.db", *NOW)
    assert result.returncode == 0, result.stderr
    in_order(
        result.stdout,
        [
            "`vehicle-delivery` needs someone for sales. Add `sales=@…`; nothing was started.",
            "Started R-1 (vehicle-delivery) for Jane Doe: 6 item(s)",
            "[#deliveries] R-1 Vehicle delivery · Jane Doe",
            "[DM @sam] @bob started R-1 vehicle-delivery for Jane Doe. Your item(s) (4):",
            "T-3 is blocked by T-2. Finish that first.",  # papers wait for the payment
            "@lena in #deliveries> :click 1",
            "1 of 6 done",
            "(the time is now 2026-12-01 08:00 UTC)",
            "@fred in #deliveries> :click 1",
            "2 of 6 done",
            # sam hears of the papers when the payment is confirmed, not before
            '[DM @sam] T-2 is done: your task T-3 "Papers to the registration agent" can go ahead.',
            "@sam in #deliveries> :click 1",
            "[DM @sam] (updated) ✅ T-3 Papers to the registration agent",
            "3 of 6 done",
            "[#deliveries] (updated) ✅ R-1 Vehicle delivery · Jane Doe",
            "6 of 6 done",
            "finished in 10.0 days",
            "[DM @bob] R-1 is finished.",
            "What would you change next time?",
            "[1: Write a retrospective]",
            "Type `/baton run retro R-1 <what you would change next time>`.",
            "the retrospective of R-1 is kept with `vehicle-delivery`",
            "Cycle time of 1 finished run(s), start to finish: median 10.0 days",
            "R-1 Jane Doe (@bob): “Ask for the registration papers together with the payment”",
        ],
    )
    assert "T-2 is done" not in result.stdout.split("@fred in #deliveries> :click 1")[0]
    assert "Traceback" not in result.stderr


def test_forty_service_points_start_from_one_csv_in_one_command(tmp_path: Path) -> None:
    script = (EXAMPLES / "service-points.txt").read_text()
    result = run_shell(script, tmp_path / "points.db", *NOW)
    assert result.returncode == 0, result.stderr
    in_order(
        result.stdout,
        [
            "Started 40 runs of `service-point-opening` (R-1 … R-40), 1000 items.",
            "[#network] @bob started 40 runs of service-point-opening: R-1 … R-40, 1000 items.",
            "Active runs (40)",
            "R-40 service-point-opening · Service point Annecy 2 · 0/25",
            "R-40 Service point opening · Service point Annecy 2",
            "☐ T-976 Send the service contract to Garage Annecy 2 · @nina · Mon 28 Dec 2026",
        ],
    )
