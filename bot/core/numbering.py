"""Numbering what people name by id (`T-12`, `O-2`, `K-5`) per workspace, without gaps: the
row lock of the workspace's counter makes concurrent creators wait their turn."""

from __future__ import annotations

from sqlalchemy import Update, bindparam, update
from sqlalchemy.orm import InstrumentedAttribute

from bot.core.scope import Scope
from storage.models import Workspace


def next_number(scope: Scope, counter: InstrumentedAttribute[int]) -> int:
    """Takes the next number of `counter` (a column of Workspace, such as `task_seq`)."""
    statement = _TAKE.get(counter.key)
    if statement is None:  # built once per counter: it costs more to build than to run
        statement = _TAKE[counter.key] = (
            update(Workspace)
            .where(Workspace.id == bindparam("workspace_id"))
            .values({counter: counter + 1})
            .returning(counter)
        )
    number = scope.session.execute(statement, {"workspace_id": scope.workspace.id}).scalar_one()
    return int(number)


_TAKE: dict[str, Update] = {}
