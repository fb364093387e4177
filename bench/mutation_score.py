"""The mutation score per folder, from what `mutmut run` left in mutants/ (`make mutation`).

    python -m bench.mutation_score                 # one JSON line per folder
    python -m bench.mutation_score --modules       # one per module
    python -m bench.mutation_score --survivors     # and the name of every surviving mutant

A mutant counts as killed when a test failed or timed out on it. `not checked` mutants were
not run (a run limited to some modules, or stopped early) and are left out of the score;
`no tests` mutants are in code that no selected test reaches, and count against it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter, defaultdict
from pathlib import Path

FOLDERS = ("bot.core", "bot.commands", "scheduler")
KILLED = frozenset({"killed", "timeout"})


def results() -> dict[str, str]:
    """Status by mutant name, as `mutmut results` reports it."""
    mutmut = Path(sys.executable).parent / "mutmut"
    out = subprocess.run(
        [str(mutmut), "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    found: dict[str, str] = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            found[name] = status
    return found


def module_of(mutant: str) -> str:
    """`bot.core.similarity` of `bot.core.similarity.x__differ__mutmut_3` (or of a method's)."""
    parts = mutant.split(".")
    return ".".join(p for p in parts[:-1] if not p.startswith("x"))


def group_of(module: str) -> str:
    return next((f for f in FOLDERS if module == f or module.startswith(f + ".")), module)


def figures(statuses: Counter[str]) -> dict[str, object]:
    killed = sum(statuses[s] for s in KILLED)
    checked = sum(statuses.values()) - statuses["not checked"]
    return {
        "by_status": dict(sorted(statuses.items())),
        "killed_or_timeout": killed,
        "checked": checked,
        "score": round(100 * killed / checked, 1) if checked else None,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--modules", action="store_true", help="one line per module")
    parser.add_argument("--survivors", action="store_true", help="list surviving mutants")
    args = parser.parse_args(argv)
    found = results()
    by_group: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for mutant, status in found.items():
        module = module_of(mutant)
        by_group[module if args.modules else group_of(module)][status] += 1
    for group, statuses in sorted(by_group.items()):
        print(json.dumps({"code": group, **figures(statuses)}))
    if args.survivors:
        for mutant, status in sorted(found.items()):
            if status not in KILLED and status != "not checked":
                print(json.dumps({"mutant": mutant, "status": status}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
