"""Drawing OKR charts as PNG images: wall and CPU time per chart with 1, 3 and 5 key results
of 13 weekly check-ins, drawn in a worker thread as the outbox sender draws them.

    .venv/bin/python -m bench.okr_chart [--runs 60] [--lang de]

The first chart of the process (matplotlib imported, fonts loaded) is reported on its own as
`cold`; then each size is drawn a few times to warm up and `--runs` times measured. Prints
JSON lines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from bot.core.message import Chart
from bot.views.charts import render_chart
from tests.support.charts import objective_chart

WARM_UP = 5


def timed(chart: Chart, lang: str) -> tuple[float, float, int]:
    """(wall ms, CPU ms of the drawing thread, PNG bytes) for one chart."""
    wall, cpu = time.perf_counter(), time.thread_time()
    png = render_chart(chart, lang, tz="Europe/Berlin")
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, len(png)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(worker: ThreadPoolExecutor, lines: int, runs: int, lang: str) -> dict[str, object]:
    chart = objective_chart(lines)
    for _ in range(WARM_UP):
        worker.submit(timed, chart, lang).result()
    samples = [worker.submit(timed, chart, lang).result() for _ in range(runs)]
    walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
    return {
        "key_results": lines,
        "check_ins_each": 13,
        "runs": runs,
        "wall_ms_p50": round(statistics.median(walls), 1),
        "wall_ms_p95": round(percentile(walls, 0.95), 1),
        "cpu_ms_p50": round(statistics.median(cpus), 1),
        "cpu_ms_p95": round(percentile(cpus, 0.95), 1),
        "png_kib": round(samples[-1][2] / 1024, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=60)
    parser.add_argument("--lang", default="de")
    args = parser.parse_args()
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="charts") as worker:
        wall, cpu, _size = worker.submit(timed, objective_chart(1), args.lang).result()
        print(json.dumps({"cold": True, "wall_ms": round(wall, 1), "cpu_ms": round(cpu, 1)}))
        for lines in (1, 3, 5):
            print(json.dumps(measure(worker, lines, args.runs, args.lang)), flush=True)


if __name__ == "__main__":
    main()
