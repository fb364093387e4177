"""Fixtures: a real database (SQLite and PostgreSQL), a simulated clock, a fake chat."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from bot.app import Baton, build
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.platforms import PlatformRegistry
from storage.db import make_engine
from tests.support import databases
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform

# Wednesday 25 November 2026, 09:00 UTC (10:00 in Berlin).
START = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)

# Property tests: CI must give the same verdict on the same code, so it draws the same examples
# every run; a developer's run draws new ones each time (and replays its own failures from
# .hypothesis/), and `thorough` searches much longer. A failure found by any of them is kept
# as an explicit @example next to its test, so CI checks it from then on.
# HYPOTHESIS_PROFILE=thorough make unit   (or ci, dev)
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
hypothesis_settings.register_profile("dev")
hypothesis_settings.register_profile("thorough", max_examples=2_000)
hypothesis_settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") == "true" else "dev")
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return databases.sqlite_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_schema() -> Iterator[str]:
    problem = databases.postgres_reachable()
    if problem:
        if databases.REQUIRE_POSTGRES:
            pytest.fail(problem)
        pytest.skip(problem)
    schema = databases.create_schema()
    yield schema
    databases.drop_schema(schema)


@pytest.fixture(params=["sqlite", "postgres"])
def settings(request: pytest.FixtureRequest, sqlite_template: Path, tmp_path: Path) -> Settings:
    """Settings pointing at an empty, migrated database of each kind."""
    if request.param == "sqlite":
        url = databases.fresh_sqlite(sqlite_template, tmp_path)
        return Settings(database_url=url, baton_secret="test-secret")
    schema = request.getfixturevalue("postgres_schema")
    engine = make_engine(databases.POSTGRES_URL, schema=schema)
    databases.empty_tables(engine)
    engine.dispose()
    return Settings(
        database_url=databases.POSTGRES_URL, database_schema=schema, baton_secret="test-secret"
    )


@pytest.fixture
def clock() -> SimulatedClock:
    return SimulatedClock(START)


@pytest.fixture
def platform() -> FakePlatform:
    fake = FakePlatform(write=lambda _line: None, tz="Europe/Berlin")
    for name in ("anna", "bob", "carl", "dora"):
        fake.add_person(name)
    return fake


@pytest.fixture
def baton(settings: Settings, clock: SimulatedClock, platform: FakePlatform) -> Iterator[Baton]:
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    app = build(settings, clock=clock, platforms=platforms, migrate=False)
    yield app
    app.db.dispose()


@pytest.fixture
def chat(baton: Baton, platform: FakePlatform) -> Chat:
    return Chat(baton, platform)
