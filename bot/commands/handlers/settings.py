"""Settings: a person's time zone and language, and a channel's."""

from __future__ import annotations

from zoneinfo import available_timezones

from bot.commands import models as m
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.errors import UserError
from bot.core.reader import channel_reader

_ZONES = {name.lower(): name for name in available_timezones()}


def known_zone(given: str) -> str:
    """The zone's proper name (`europe/berlin` -> `Europe/Berlin`); a UserError otherwise."""
    name = _ZONES.get(given.strip().lower())
    if name is None:
        raise UserError("error.unknown_tz", given=given[:60])
    return name


def show(req: Request, _cmd: m.SettingsShow) -> Reply:
    member = req.scope.member
    mine = req.t("settings.show", tz=member.tz, lang=member.lang)
    channel = req.scope.channel
    if channel is None:
        return req.say("settings.show", tz=member.tz, lang=member.lang)
    theirs = channel_reader(channel, req.scope.workspace)
    here = req.t("settings.channel_show", channel=channel.name, tz=theirs.tz, lang=theirs.lang)
    return req.lines(mine, here)


def set_tz(req: Request, cmd: m.SettingsTz) -> Reply:
    name = known_zone(cmd.tz)
    req.scope.member.tz = name
    req.scope.member.tz_manual = True
    workspace = req.scope.workspace
    if workspace.tz is None:  # the first person who chooses one gives channels theirs
        workspace.tz = name
    return req.say("settings.tz", tz=name)


def set_lang(req: Request, cmd: m.SettingsLang) -> Reply:
    req.scope.member.lang = cmd.lang
    workspace = req.scope.workspace
    if workspace.lang is None:
        workspace.lang = cmd.lang
    return req.say("settings.lang", lang=cmd.lang)


def set_channel_tz(req: Request, cmd: m.ChannelSettingsTz) -> Reply:
    channel = req.scope.here
    channel.tz = known_zone(cmd.tz)
    return req.say("settings.channel_tz", channel=channel.name, tz=channel.tz)


def set_channel_lang(req: Request, cmd: m.ChannelSettingsLang) -> Reply:
    channel = req.scope.here
    channel.lang = cmd.lang
    return req.say("settings.channel_lang", channel=channel.name, lang=cmd.lang)
