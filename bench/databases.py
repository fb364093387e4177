"""Throwaway seeded databases: a temporary SQLite file, or a PostgreSQL schema of its own.

PostgreSQL comes from BATON_BENCH_POSTGRES_URL (default: the local `test` database).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from bench.seed import seed_database
from storage.db import make_engine, unreachable

POSTGRES_URL = os.environ.get(
    "BATON_BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
KINDS = ("sqlite", "postgres")


@dataclass(frozen=True)
class BenchDatabase:
    kind: str
    """`sqlite` or `postgres`."""
    url: str
    schema: str | None = None


def postgres_problem() -> str | None:
    """None when PostgreSQL answers, else why not."""
    return unreachable(POSTGRES_URL)


@contextmanager
def seeded(kind: str, *, tasks: int, workspaces: int = 50) -> Iterator[BenchDatabase]:
    """A new database of `kind` holding `tasks` tasks in `workspaces` workspaces, removed after."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory(prefix="baton-bench-") as directory:
            database = BenchDatabase(kind, f"sqlite:///{Path(directory) / 'bench.db'}")
            seed_database(database.url, workspaces=workspaces, tasks=tasks)
            yield database
        return
    schema = f"bench_{os.getpid()}_{tasks}"
    _admin(f'CREATE SCHEMA "{schema}"')
    try:
        database = BenchDatabase(kind, POSTGRES_URL, schema)
        seed_database(database.url, workspaces=workspaces, tasks=tasks, schema=schema)
        yield database
    finally:
        _admin(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _admin(statement: str) -> None:
    engine = make_engine(POSTGRES_URL)
    try:
        with engine.begin() as connection:
            connection.execute(text(statement))
    finally:
        engine.dispose()
