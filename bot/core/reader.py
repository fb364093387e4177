"""Whom a message is drawn for: a time zone and a language, a person's or a channel's."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from storage.models import Channel, Member, Workspace

DEFAULT_TZ = "UTC"
DEFAULT_LANG = "en"


@dataclass(frozen=True, slots=True)
class Reader:
    tz: str
    lang: str


def person_reader(member: Member, workspace: Workspace) -> Reader:
    """A person's chosen language, else their platform's, else their workspace's."""
    lang = member.lang or member.platform_lang or workspace.lang or DEFAULT_LANG
    return Reader(member.tz, lang)


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
