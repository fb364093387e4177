"""Timing and SQL statement counting, and the JSON line each measurement prints."""

from __future__ import annotations

import json
import logging
import math
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Engine, event


class QueryCounter:
    """Counts the SQL statements the `engines` send and the transactions they commit.

    Statements are counted as SQLAlchemy hands them to the driver: COMMIT itself and the
    pool's liveness ping are not statements here.
    """

    def __init__(self, *engines: Engine) -> None:
        self.count = 0
        self.commits = 0
        self._engines = engines
        for engine in engines:
            event.listen(engine, "before_cursor_execute", self._statement)
            event.listen(engine, "commit", self._commit)

    def _statement(self, *_args: Any) -> None:
        self.count += 1

    def _commit(self, *_args: Any) -> None:
        self.commits += 1

    def close(self) -> None:
        for engine in self._engines:
            event.remove(engine, "before_cursor_execute", self._statement)
            event.remove(engine, "commit", self._commit)


class FailureLog(logging.Handler):
    """Counts the commands that failed unexpectedly (the dispatcher logs each one), so that a
    broken command is reported as such and not timed as a fast one."""

    def __init__(self, logger: str = "bot.commands.dispatch") -> None:
        super().__init__(logging.ERROR)
        self.count = 0
        self.first: str | None = None
        self._logger = logging.getLogger(logger)
        self._logger.addHandler(self)
        self._propagate, self._logger.propagate = self._logger.propagate, False

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.first is None:
            self.first = self.format(record)

    def close(self) -> None:
        self._logger.removeHandler(self)
        self._logger.propagate = self._propagate
        super().close()


def percentile(sorted_values: list[float], share: float) -> float:
    """The nearest-rank percentile (`share` 0.99 for p99) of already sorted values."""
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


@dataclass
class Samples:
    """Durations in milliseconds and statement counts of the calls of one command."""

    millis: list[float] = field(default_factory=list)
    queries: Counter[int] = field(default_factory=Counter)
    transactions: Counter[int] = field(default_factory=Counter)
    errors: int = 0
    """Calls that failed or got a reply other than the expected one."""

    def figures(self) -> dict[str, Any]:
        ordered = sorted(self.millis)
        if not ordered:
            return {"n": 0, "errors": self.errors}
        common = self.queries.most_common(1)[0][0]
        figures: dict[str, Any] = {
            "n": len(ordered),
            "p50_ms": round(percentile(ordered, 0.50), 2),
            "p99_ms": round(percentile(ordered, 0.99), 2),
            "mean_ms": round(sum(ordered) / len(ordered), 2),
            "max_ms": round(ordered[-1], 2),
            "queries": common,
            "transactions": self.transactions.most_common(1)[0][0],
            "errors": self.errors,
        }
        if len(self.queries) > 1:  # say so when calls differed
            figures["queries_seen"] = dict(sorted(self.queries.items()))
        return figures


@contextmanager
def timed(samples: Samples, counter: QueryCounter) -> Iterator[None]:
    """Adds the duration, statements and transactions of the enclosed call to `samples`."""
    statements, commits = counter.count, counter.commits
    start = time.perf_counter_ns()
    yield
    samples.millis.append((time.perf_counter_ns() - start) / 1e6)
    samples.queries[counter.count - statements] += 1
    samples.transactions[counter.commits - commits] += 1


def emit(line: dict[str, Any]) -> None:
    """Prints one measurement as a JSON line, flushed so that a pipe sees it at once."""
    print(json.dumps(line), flush=True)
