"""Every benchmark, one after the other: `python -m bench.run_all` (what `make bench` runs).

Each prints its figures as JSON lines on stdout. The core commands and the bulk checklist runs
start from here (each database kind in a process of its own); the others, when present, run
as `python -m bench.<name>` in their own process.
Exits with 1 when any benchmark failed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench import checklists, core_commands

OWN_PROCESS_BENCHES = ("slack_ack", "mattermost_command", "scheduler", "inbox_claims")


def main() -> int:
    failed = core_commands.main([])
    failed = checklists.main([]) or failed
    here = Path(__file__).parent
    for name in OWN_PROCESS_BENCHES:
        if not (here / f"{name}.py").exists():
            print(f"bench.{name}: not present, skipped", file=sys.stderr)
            continue
        command = [sys.executable, "-m", f"bench.{name}"]
        result = subprocess.run(command, cwd=here.parent, check=False)
        failed = failed or result.returncode
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
