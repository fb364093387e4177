"""`baton template …` from the command line, on a database of its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot.core.templates.shipped import SHIPPED
from bot.core.templates.yaml_io import load_template


def baton(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "bot", *args]
    if db is not None:
        command += ["--db", f"sqlite:///{db}"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_templates_are_imported_from_files_or_by_name_and_exported_as_yaml(
    tmp_path: Path,
) -> None:
    db = tmp_path / "cli.db"
    by_name = baton("template", "import", "vehicle-delivery", db=db)
    assert by_name.returncode == 0, by_name.stderr
    assert "Imported `vehicle-delivery` v1: 6 item(s)" in by_name.stdout
    by_file = baton("template", "import", str(SHIPPED / "trade-fair.yaml"), db=db)
    assert "Imported `trade-fair` v1: 14 item(s)" in by_file.stdout
    exported = baton("template", "export", "trade-fair", db=db)
    assert exported.returncode == 0
    original = (SHIPPED / "trade-fair.yaml").read_text()
    assert load_template(exported.stdout) == load_template(original)


def test_mistakes_exit_non_zero_with_the_reason(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "name: broken\ntitle: B\nsections:\n  - name: S\n    items: [{title: A, due: soon}]\n"
    )
    refused = baton("template", "import", str(broken), db=db)
    assert refused.returncode == 1
    assert "item `a` (section 1 “S”, item 1), due: `soon` is not a due offset" in refused.stdout
    missing = baton("template", "export", "nothing-here", db=db)
    assert missing.returncode == 1
    assert "There is no template `nothing-here` here" in missing.stderr
    elsewhere = baton("template", "import", "onboarding", "--workspace", "acme", db=db)
    assert elsewhere.returncode == 2
    assert "Baton knows no workspace named 'acme'" in elsewhere.stderr


def test_the_schema_describes_template_files_for_editors() -> None:
    printed = baton("template", "schema")
    schema = json.loads(printed.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert set(schema["required"]) == {"name", "title", "sections"}
    item = schema["$defs"]["ItemSpec"]
    assert item["additionalProperties"] is False
    assert item["properties"]["due"]["pattern"].startswith("^start")


def test_run_bulk_starts_a_run_per_row_of_a_csv_file(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    baton("template", "import", "service-point-opening", db=db)
    csv = tmp_path / "points.csv"
    csv.write_text(
        "Subject,City,Partner,Go-live,Start\n"
        "Autohaus Lyon,Lyon,Garage Martin,2027-01-18,2026-12-07\n"
        "Service Nord,Lille,Nord Auto,2027-01-25,2026-12-14\n"
    )
    roles = ["network=@nina", "trainer=@tom", "it=@ivan", "logistics=@lars", "marketing=@mia"]
    started = baton("run", "bulk", "service-point-opening", str(csv), *roles, db=db)
    assert started.returncode == 0, started.stdout + started.stderr
    assert "Started 2 runs of `service-point-opening` (R-1 … R-2), 50 items." in started.stdout
    again = baton("run", "bulk", "service-point-opening", str(csv), *roles, db=db)
    assert again.returncode == 1
    assert "row 2, column subject: “Autohaus Lyon” already has an active run, R-1" in again.stdout
    bad = baton("run", "bulk", "service-point-opening", str(csv), "network", db=db)
    assert bad.returncode == 2
    assert "give roles as role=@handle" in bad.stderr
