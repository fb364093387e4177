"""Recording a check-in: a key result's new value, the owner's confidence and a comment.

The owner checks in, or anyone else in the objective's channel (recorded with who did it);
an archived objective takes no more check-ins. Everything is checked before anything is
written, so a refused check-in leaves no trace.
"""

from __future__ import annotations

import math

from sqlalchemy import update

from bot.core.errors import UserError
from bot.core.okrs.membership import is_channel_member
from bot.core.okrs.refs import objective_of
from bot.core.okrs.values import ACCEPTED
from bot.core.scope import Scope
from storage.models import (
    CheckIn,
    CheckInRequest,
    KeyResult,
    KeyResultKind,
    Member,
    ObjectiveState,
    OkrStatus,
)

MAX_CHECKIN_COMMENT = 2000
MILESTONE_RANGE = (0.0, 100.0)
"""A milestone's value is how far along it is, in percent."""


def record_checkin(
    scope: Scope,
    key_result: KeyResult,
    value: float,
    confidence: OkrStatus | None,
    comment: str,
    by: Member,
) -> CheckIn:
    """Records `by`'s check-in of `key_result` and makes it the key result's latest word."""
    check_may_check_in(scope, key_result, by)
    _check_value(key_result, value)
    if len(comment) > MAX_CHECKIN_COMMENT:
        raise UserError("error.comment_too_long", limit=MAX_CHECKIN_COMMENT)
    checkin = CheckIn(
        workspace_id=scope.workspace.id,
        key_result_id=key_result.id,
        value=value,
        confidence=confidence,
        comment=comment.strip(),
        by_id=by.id,
        at=scope.now,
    )
    scope.session.add(checkin)
    key_result.current_value = value
    key_result.status = confidence
    key_result.last_checkin_at = scope.now
    scope.session.execute(
        update(CheckInRequest)
        .where(
            CheckInRequest.workspace_id == scope.workspace.id,
            CheckInRequest.key_result_id == key_result.id,
            CheckInRequest.answered_at.is_(None),
        )
        .values(answered_at=scope.now)
    )
    scope.session.flush()
    return checkin


def check_may_check_in(scope: Scope, key_result: KeyResult, by: Member) -> None:
    """Refuses a check-in on another workspace's key result, on an archived objective, or by
    someone who is neither the owner nor in the objective's channel."""
    if key_result.workspace_id != scope.workspace.id:
        raise UserError("okr.error.no_such_key_result", number=key_result.number)
    objective = objective_of(scope, key_result)
    if objective.state is not ObjectiveState.ACTIVE:
        raise UserError(
            "okr.error.objective_archived", kr=key_result.number, number=objective.number
        )
    if key_result.owner_id == by.id or is_channel_member(scope, by, objective.channel_id):
        return
    raise UserError("okr.error.may_not_check_in", number=key_result.number)


def _check_value(key_result: KeyResult, value: float) -> None:
    if not math.isfinite(value):
        raise UserError("okr.error.bad_value", given=str(value)[:40], accepted=ACCEPTED)
    if key_result.kind is KeyResultKind.TASKS:
        raise UserError(
            "okr.error.tasks_kind_checkin",
            number=key_result.number,
            done=int(key_result.current_value),
        )
    low, high = MILESTONE_RANGE
    if key_result.kind is KeyResultKind.MILESTONE and not low <= value <= high:
        raise UserError("okr.error.milestone_range", number=key_result.number)
