"""Applies the Alembic migrations that ship inside the package."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).parent / "migrations"

EXTERNAL_TABLES = frozenset({"slack_bots", "slack_installations", "slack_oauth_states"})
"""Tables a platform library defines and uses (Slack's OAuth stores): migrations create them,
no model maps them, so comparing the models with the database leaves them out."""


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Alembic's `include_name` hook: everything but the external tables."""
    return not (type_ == "table" and name in EXTERNAL_TABLES)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Brings the database at `engine` to `revision` (the newest by default)."""
    command.upgrade(alembic_config(engine), revision)
