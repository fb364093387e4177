"""Numbering objectives (`O-n`) and key results (`K-n`) per workspace, like tasks: the row
lock of the workspace's counter makes concurrent creators wait their turn."""

from __future__ import annotations

from sqlalchemy import update

from bot.core.scope import Scope
from storage.models import Workspace


def next_objective_number(scope: Scope) -> int:
    number = scope.session.execute(
        update(Workspace)
        .where(Workspace.id == scope.workspace.id)
        .values(objective_seq=Workspace.objective_seq + 1)
        .returning(Workspace.objective_seq)
    ).scalar_one()
    return int(number)


def next_key_result_number(scope: Scope) -> int:
    number = scope.session.execute(
        update(Workspace)
        .where(Workspace.id == scope.workspace.id)
        .values(key_result_seq=Workspace.key_result_seq + 1)
        .returning(Workspace.key_result_seq)
    ).scalar_one()
    return int(number)
