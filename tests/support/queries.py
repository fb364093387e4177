"""Looks into the database behind a test's back, to check what was (not) written."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.app import Baton
from storage.models import Base


def count(baton: Baton, model: type[Base]) -> int:
    with baton.db.transaction() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)
