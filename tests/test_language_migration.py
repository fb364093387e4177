"""Migration 0011_languages: the "en" every member had is no choice; other languages are kept."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine, text

from storage.migrate import alembic_config, upgrade

WORKSPACE = (
    "INSERT INTO workspaces (id, platform, team_id, name, task_seq, run_seq, created_at) "
    "VALUES (1, 'slack', 'T1', 'acme', 0, 0, '2026-11-01 00:00:00')"
)
MEMBER = (
    "INSERT INTO members (id, workspace_id, user_id, name, display_name, tz, tz_manual, lang, "
    "profile_checked_at, created_at) VALUES (:id, 1, :user, :user, :user, 'UTC', 0, :lang, "
    "'2026-11-01 00:00:00', '2026-11-01 00:00:00')"
)


def test_languages_migrate_up_and_down(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0010")
    with engine.begin() as db:
        db.execute(text(WORKSPACE))
        for number, (user, lang) in enumerate([("anna", "en"), ("carl", "de")], start=1):
            db.execute(text(MEMBER), {"id": number, "user": user, "lang": lang})
    upgrade(engine)
    with engine.connect() as db:
        rows = db.execute(text("SELECT user_id, lang, platform_lang FROM members ORDER BY id"))
        assert list(rows) == [("anna", None, None), ("carl", "de", "de")]
    command.downgrade(alembic_config(engine), "0010")
    with engine.connect() as db:
        rows = db.execute(text("SELECT user_id, lang FROM members ORDER BY id"))
        assert list(rows) == [("anna", "en"), ("carl", "de")]
    engine.dispose()
