"""Settings: a person's time zone and language, and a channel's."""

from __future__ import annotations

from typing import Literal
from zoneinfo import available_timezones

from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import Command, UserRef
from bot.commands.request import Request
from bot.commands.words import need_user, unknown, usage_error
from bot.core import permissions
from bot.core.errors import UserError
from bot.core.formats import language_name
from bot.core.reader import channel_reader

USAGE = {
    "settings tz": "usage.settings.tz",
    "settings lang": "usage.settings.lang",
    "settings channel": "usage.settings.channel",
    "settings admins": "usage.settings.admins",
}
LANGUAGES = ("en", "fr", "de")


class SettingsShow(Command):
    pass


class SettingsTz(Command):
    tz: str


class SettingsLang(Command):
    lang: Literal["en", "fr", "de"]


class SettingsAdmins(Command):
    people: tuple[UserRef, ...] = ()
    """Empty: show who the admins are."""


class ChannelSettingsTz(Command):
    tz: str


class ChannelSettingsLang(Command):
    lang: Literal["en", "fr", "de"]


def parse(words: list[str]) -> Command:
    if not words:
        return SettingsShow()
    sub = words[0].lower()
    if sub == "channel":
        return _channel_settings(words[1:])
    if sub == "admins":
        usage = USAGE["settings admins"]
        return SettingsAdmins(people=tuple(need_user(w, usage) for w in words[1:]))
    if sub == "tz" and len(words) == 2:
        return SettingsTz(tz=words[1])
    if sub == "lang" and len(words) == 2 and words[1].lower() in LANGUAGES:
        return SettingsLang(lang=words[1].lower())
    if sub in ("tz", "lang"):
        raise usage_error(USAGE[f"settings {sub}"])
    raise unknown(
        f"settings {sub}", [f"settings {name}" for name in ("tz", "lang", "channel", "admins")]
    )


def _channel_settings(words: list[str]) -> Command:
    sub = words[0].lower() if words else ""
    if sub == "tz" and len(words) == 2:
        return ChannelSettingsTz(tz=words[1])
    if sub == "lang" and len(words) == 2 and words[1].lower() in LANGUAGES:
        return ChannelSettingsLang(lang=words[1].lower())
    raise usage_error(USAGE["settings channel"])


_ZONES = {name.lower(): name for name in available_timezones()}


def known_zone(given: str) -> str:
    """The zone's proper name (`europe/berlin` -> `Europe/Berlin`); a UserError otherwise."""
    name = _ZONES.get(given.strip().lower())
    if name is None:
        raise UserError("error.unknown_tz", given=given[:60])
    return name


def show(req: Request, _cmd: SettingsShow) -> Reply:
    member, lang = req.scope.member, req.scope.lang
    mine = req.t("settings.show", tz=member.tz, lang=language_name(lang, lang))
    channel = req.scope.channel
    if channel is None:
        return req.say("settings.show", tz=member.tz, lang=language_name(lang, lang))
    theirs = channel_reader(channel, req.scope.workspace)
    here = req.t(
        "settings.channel_show",
        channel=channel.name,
        tz=theirs.tz,
        lang=language_name(theirs.lang, lang),
    )
    return req.lines(mine, here)


def set_tz(req: Request, cmd: SettingsTz) -> Reply:
    name = known_zone(cmd.tz)
    req.scope.member.tz = name
    req.scope.member.tz_manual = True
    workspace = req.scope.workspace
    if workspace.tz is None:  # the first person who chooses one gives channels theirs
        workspace.tz = name
    return req.say("settings.tz", tz=name)


def set_lang(req: Request, cmd: SettingsLang) -> Reply:
    req.scope.member.lang = cmd.lang
    req.scope.member.lang_manual = True
    workspace = req.scope.workspace
    if workspace.lang is None:
        workspace.lang = cmd.lang
    return req.say("settings.lang", lang=language_name(cmd.lang, cmd.lang))


def admins(req: Request, cmd: SettingsAdmins) -> Reply:
    if cmd.people:
        members = [m for ref in cmd.people if (m := req.person(ref)) is not None]
        permissions.name_admins(req.scope, members)
    named = permissions.named_admins(req.scope)
    if named:
        return req.say("settings.admins", names=", ".join(f"@{m.name}" for m in named))
    if req.scope.platform.has_admins:
        return req.say("settings.no_admins")
    return req.say("settings.no_admins_console")


def set_channel_tz(req: Request, cmd: ChannelSettingsTz) -> Reply:
    channel = req.scope.here
    channel.tz = known_zone(cmd.tz)
    return req.say("settings.channel_tz", channel=channel.name, tz=channel.tz)


def set_channel_lang(req: Request, cmd: ChannelSettingsLang) -> Reply:
    channel = req.scope.here
    channel.lang = cmd.lang
    return req.say(
        "settings.channel_lang", channel=channel.name, lang=language_name(cmd.lang, req.scope.lang)
    )


FEATURE = Feature(
    name="settings",
    words={"settings": parse},
    usage=USAGE,
    handlers={
        SettingsShow: show,
        SettingsTz: set_tz,
        SettingsLang: set_lang,
        SettingsAdmins: admins,
        ChannelSettingsTz: set_channel_tz,
        ChannelSettingsLang: set_channel_lang,
    },
)
