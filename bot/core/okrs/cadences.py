"""When a channel's key-result owners are asked to check in (`/baton okr cadence`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.core.scope import Scope
from storage.models import Channel, OkrCadence
from storage.upsert import insert_if_absent

WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"
DEFAULT_EVERY, DEFAULT_WEEKDAY, DEFAULT_AT, DEFAULT_CUTOFF = WEEKLY, 0, "09:00", 24


@dataclass(frozen=True)
class CadenceChange:
    """What `/baton okr cadence` changes; None leaves that part as it is."""

    every: str | None = None
    weekday: int | None = None
    """0 = Monday."""
    at: str | None = None
    """`HH:MM`."""
    cutoff_hours: int | None = None


@dataclass(frozen=True)
class Cadence:
    every: str
    weekday: int
    at: str
    cutoff_hours: int


DEFAULT = Cadence(DEFAULT_EVERY, DEFAULT_WEEKDAY, DEFAULT_AT, DEFAULT_CUTOFF)


def cadence_of(scope: Scope, channel: Channel) -> Cadence:
    """The channel's cadence; weekly on Monday at 09:00 with a 24 h cutoff when it set none."""
    row = _row(scope, channel)
    if row is None:
        return DEFAULT
    return Cadence(row.every, row.weekday, row.at, row.cutoff_hours)


def set_cadence(scope: Scope, channel: Channel, change: CadenceChange) -> Cadence:
    """Changes the parts of the channel's cadence that `change` names."""
    values = {
        "workspace_id": scope.workspace.id,
        "channel_id": channel.id,
        "every": DEFAULT.every,
        "weekday": DEFAULT.weekday,
        "at": DEFAULT.at,
        "cutoff_hours": DEFAULT.cutoff_hours,
        "created_at": scope.now,
    }
    insert_if_absent(scope.session, OkrCadence, values, ["workspace_id", "channel_id"])
    row = _row(scope, channel)
    assert row is not None
    if change.every is not None:
        row.every = change.every
    if change.weekday is not None:
        row.weekday = change.weekday
    if change.at is not None:
        row.at = change.at
    if change.cutoff_hours is not None:
        row.cutoff_hours = change.cutoff_hours
    scope.session.flush()
    return Cadence(row.every, row.weekday, row.at, row.cutoff_hours)


def _row(scope: Scope, channel: Channel) -> OkrCadence | None:
    query = select(OkrCadence).where(
        OkrCadence.workspace_id == scope.workspace.id, OkrCadence.channel_id == channel.id
    )
    return scope.session.scalars(query).one_or_none()
