"""Test databases: a migrated SQLite file per test, a private PostgreSQL schema per test run.

PostgreSQL comes from BATON_TEST_POSTGRES_URL (default: the local `test` database). When it
cannot be reached the PostgreSQL tests are skipped with a reason, except where
BATON_REQUIRE_POSTGRES=1 (CI), where they fail.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from psycopg.errors import DeadlockDetected
from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from storage.db import make_engine, unreachable
from storage.migrate import upgrade
from storage.models import Base

POSTGRES_URL = os.environ.get(
    "BATON_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("BATON_REQUIRE_POSTGRES") == "1"


def sqlite_template(directory: Path) -> Path:
    """A migrated SQLite file to copy for each test (migrating every time would be slow)."""
    template = directory / "template.db"
    if not template.exists():
        engine = make_engine(f"sqlite:///{template}")
        upgrade(engine)
        engine.dispose()
    return template


def fresh_sqlite(template: Path, directory: Path) -> str:
    target = directory / f"{uuid.uuid4().hex}.db"
    shutil.copy(template, target)
    return f"sqlite:///{target}"


def postgres_reachable() -> str | None:
    """None when PostgreSQL answers, else why not."""
    return unreachable(POSTGRES_URL)


def create_schema() -> str:
    """A new schema with Baton's tables, private to this test run (and xdist worker)."""
    schema = f"baton_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    admin.dispose()
    engine = make_engine(POSTGRES_URL, schema=schema)
    upgrade(engine)
    engine.dispose()
    return schema


def drop_schema(schema: str) -> None:
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    admin.dispose()


def empty_tables(engine: Engine) -> None:
    """Removes every row and restarts ids, so each test starts from an empty database."""
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    for attempt in range(1, 4):
        try:
            with engine.begin() as connection:
                connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            return
        except OperationalError as error:
            # The locks of every table are taken one by one: a thread the last test left
            # finishing a statement (or autovacuum) can make PostgreSQL pick this as the
            # victim of a deadlock. It is over at once: try again.
            if not isinstance(error.orig, DeadlockDetected) or attempt == 3:
                raise
