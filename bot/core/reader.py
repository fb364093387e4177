"""Whom a message is drawn for: a time zone and a language, a person's or a channel's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

DEFAULT_TZ = "UTC"
DEFAULT_LANG = "en"


@dataclass(frozen=True, slots=True)
class Reader:
    tz: str
    lang: str


class Chosen(Protocol):
    """What a workspace or a channel chose (a `Workspace`, a `Channel`, or the same read
    with something else): None where it chose nothing."""

    @property
    def tz(self) -> str | None: ...

    @property
    def lang(self) -> str | None: ...


class ChosenByPerson(Chosen, Protocol):
    """What a person chose (a `Member`), and the language of their platform's profile."""

    @property
    def platform_lang(self) -> str | None: ...


def person_reader(member: ChosenByPerson, workspace: Chosen) -> Reader:
    """A person's chosen language, else their platform's, else their workspace's."""
    lang = member.lang or member.platform_lang or workspace.lang or DEFAULT_LANG
    return Reader(member.tz or DEFAULT_TZ, lang)


def workspace_reader(workspace: Chosen) -> Reader:
    return Reader(workspace.tz or DEFAULT_TZ, workspace.lang or DEFAULT_LANG)


def channel_reader(channel: Chosen | None, workspace: Chosen) -> Reader:
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
