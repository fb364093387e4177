"""Migration 0007: a stored "en" was only the default and becomes no choice (the platform's or
the workspace's language); a stored "fr" or "de" was asked for and stays chosen."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from storage.db import make_engine
from storage.migrate import upgrade


def test_stored_languages_become_choices_or_defaults(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    upgrade(engine, "0006")
    now = datetime(2026, 11, 25, 9, 0, tzinfo=UTC).isoformat()
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO workspaces (id, platform, team_id, name, task_seq, created_at) "
                "VALUES (1, 'console', 'T1', 'acme', 0, :now)"
            ),
            {"now": now},
        )
        for user_id, lang in (("U1", "en"), ("U2", "de"), ("U3", "fr")):
            connection.execute(
                text(
                    "INSERT INTO members (workspace_id, user_id, name, display_name, tz, "
                    "tz_manual, lang, platform_admin, baton_admin, profile_checked_at, "
                    "created_at) VALUES (1, :user, :user, '', 'UTC', 0, :lang, 0, 0, :now, :now)"
                ),
                {"user": user_id, "lang": lang, "now": now},
            )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT user_id, lang, lang_manual FROM members ORDER BY user_id")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("U1", None, 0), ("U2", "de", 1), ("U3", "fr", 1)]
