"""Whom a message is drawn for: a time zone and a language, a person's or a channel's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from storage.models import Channel, Member, Workspace

DEFAULT_TZ = "UTC"
DEFAULT_LANG = "en"


@dataclass(frozen=True, slots=True)
class Reader:
    tz: str
    lang: str


def person_reader(member: Member) -> Reader:
    return Reader(member.tz, member.lang)


def workspace_reader(workspace: Workspace) -> Reader:
    return Reader(workspace.tz or DEFAULT_TZ, workspace.lang or DEFAULT_LANG)


def channel_reader(channel: Channel | None, workspace: Workspace) -> Reader:
    """A channel's own choice, else its workspace's; a channel Baton never saw gets the latter."""
    default = workspace_reader(workspace)
    if channel is None:
        return default
    return Reader(channel.tz or default.tz, channel.lang or default.lang)


def zone(name: str) -> ZoneInfo:
    """The zone named `name`; UTC for a name no zone has."""
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        return ZoneInfo("UTC")


def local_time(at: datetime, tz: str, *, with_time: bool = True) -> str:
    """`Fri 20 Dec 2026 17:00` in the zone `tz`, for lines that cannot carry a Moment."""
    local = at.astimezone(zone(tz))
    return local.strftime("%a %d %b %Y %H:%M" if with_time else "%a %d %b %Y")
