"""Insert-if-absent that is safe when two processes race to create the same row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Base


def insert_if_absent(
    session: Session, model: type[Base], values: dict[str, Any], unique: list[str]
) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on the unique columns `unique`; True if it inserted."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key = next(iter(inspect(model).primary_key))
    statement = (
        insert(model)
        .values(**values)
        .on_conflict_do_nothing(index_elements=unique)
        .returning(key)  # rowcount is not reliable here across drivers; a returned row is
    )
    return session.execute(statement).first() is not None
