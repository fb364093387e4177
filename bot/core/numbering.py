"""Numbering what people name by id (`T-12`, `O-2`, `K-5`) per workspace, without gaps: the
row lock of the workspace's counter makes concurrent creators wait their turn."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import InstrumentedAttribute

from bot.core.scope import Scope
from storage.models import Workspace


def next_number(scope: Scope, counter: InstrumentedAttribute[int]) -> int:
    """Takes the next number of `counter` (a column of Workspace, such as `task_seq`)."""
    number = scope.session.execute(
        update(Workspace)
        .where(Workspace.id == scope.workspace.id)
        .values({counter: counter + 1})
        .returning(counter)
    ).scalar_one()
    return int(number)
