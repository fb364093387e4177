"""The typed commands of OKRs."""

from __future__ import annotations

from bot.commands.models import ChannelRef, Command, UserRef
from storage.models import KeyResultKind, OkrStatus


class OkrAddObjective(Command):
    title: str
    period: str | None = None
    """As typed (`2026-Q4`); read in the channel's calendar when run. None: this quarter."""
    channel: ChannelRef | None = None


class OkrAddKeyResult(Command):
    objective: int
    title: str
    kind: KeyResultKind = KeyResultKind.METRIC
    start: float = 0.0
    target: float = 100.0
    unit: str = ""
    owner: UserRef | None = None


class OkrCheckin(Command):
    key_result: int
    value: float
    confidence: OkrStatus | None = None
    comment: str = ""


class OkrOwner(Command):
    """`okr owner K-n @someone`: who checks the key result in from now on."""

    key_result: int
    owner: UserRef


class OkrList(Command):
    period: str | None = None


class OkrShow(Command):
    objective: int


class OkrChart(Command):
    objective: int


class OkrCadenceSet(Command):
    """`okr cadence …`; with nothing to change, it says what the cadence is."""

    every: str | None = None
    weekday: int | None = None
    at: str | None = None
    cutoff_hours: int | None = None
