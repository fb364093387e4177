"""Personal settings: time zone and language."""

from __future__ import annotations

from zoneinfo import available_timezones

from bot.commands import models as m
from bot.commands.invocation import Reply
from bot.commands.request import Request
from bot.core.errors import UserError

_ZONES = {name.lower(): name for name in available_timezones()}


def show(req: Request, _cmd: m.SettingsShow) -> Reply:
    member = req.scope.member
    return req.say("settings.show", tz=member.tz, lang=member.lang)


def set_tz(req: Request, cmd: m.SettingsTz) -> Reply:
    name = _ZONES.get(cmd.tz.strip().lower())
    if name is None:
        raise UserError("error.unknown_tz", given=cmd.tz[:60])
    req.scope.member.tz = name
    req.scope.member.tz_manual = True
    return req.say("settings.tz", tz=name)


def set_lang(req: Request, cmd: m.SettingsLang) -> Reply:
    req.scope.member.lang = cmd.lang
    return req.say("settings.lang", lang=cmd.lang)
