"""Insert-if-absent that is safe when two processes race to create the same row."""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from storage.models import Base


def insert_if_absent(
    session: Session, model: type[Base], values: dict[str, Any], unique: list[str]
) -> bool:
    """INSERT ... ON CONFLICT DO NOTHING on the unique columns `unique`; True if it inserted."""
    dialect = session.get_bind().dialect.name
    statement = _insert(dialect, model, tuple(values), tuple(unique))
    return session.execute(statement, values).first() is not None


@cache
def _insert(
    dialect: str, model: type[Base], columns: tuple[str, ...], unique: tuple[str, ...]
) -> ReturningInsert[Any]:
    """The statement for rows of these columns (their values are the parameters it runs
    with), built once: building it costs more than running it."""
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    key = next(iter(inspect(model).primary_key))
    return (
        insert(model)
        .on_conflict_do_nothing(index_elements=list(unique))
        .returning(key)  # rowcount is not reliable here across drivers; a returned row is
    )
