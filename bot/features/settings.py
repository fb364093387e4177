"""Settings: a person's time zone and language, and a channel's."""

from __future__ import annotations

from typing import Literal
from zoneinfo import available_timezones

from bot.commands.feature import Feature
from bot.commands.invocation import Reply
from bot.commands.models import Command, UserRef
from bot.commands.request import Request
from bot.commands.words import need_user, unknown
from bot.core import digests, permissions
from bot.core.errors import UserError
from bot.core.formats import language_name, listing
from bot.core.nudges import replan_nudges
from bot.core.outbox import channel_audience, person_audience
from bot.core.quiet import read_clock
from bot.core.reader import channel_reader

USAGE = {
    "settings tz": "/baton settings tz <Area/City>  (for example Europe/Berlin)",
    "settings lang": "/baton settings lang en|fr|de|auto",
    "settings quiet": "/baton settings quiet 19:00-08:00  (no nudges then)",
    "settings weekends": "/baton settings weekends on|off  (quiet on weekends, or not)",
    "settings nudges": "/baton settings nudges all|due-only|off",
    "settings channel": "/baton settings channel tz <Area/City> | channel lang en|fr|de",
    "settings admins": "/baton settings admins [@someone …]  (may delete any task)",
}
LANGUAGES = ("en", "fr", "de")


class SettingsShow(Command):
    pass


class SettingsTz(Command):
    tz: str


class SettingsLang(Command):
    lang: Literal["en", "fr", "de", "auto"]
    """`auto`: no choice of one's own, the platform's language (else the workspace's)."""


class SettingsAdmins(Command):
    people: tuple[UserRef, ...] = ()
    """Empty: show who the admins are."""


class QuietHours(Command):
    start: str
    end: str


class QuietWeekends(Command):
    quiet: bool


class NudgeSetting(Command):
    nudges: Literal["all", "due-only", "off"]


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
    if sub == "lang" and len(words) == 2 and words[1].lower() in (*LANGUAGES, "auto"):
        return SettingsLang(lang=words[1].lower())
    if sub == "quiet":
        return _quiet(words[1:])
    if sub == "weekends" and len(words) == 2 and words[1].lower() in ("on", "off"):
        return QuietWeekends(quiet=words[1].lower() == "on")
    if sub == "nudges" and len(words) == 2 and words[1].lower() in NUDGES:
        return NudgeSetting(nudges=words[1].lower())
    if sub in ("tz", "lang", "weekends", "nudges"):
        raise UserError("error.usage", usage=USAGE[f"settings {sub}"])
    raise unknown(f"settings {sub}", [key for key in USAGE if key.startswith("settings")])


NUDGES = ("all", "due-only", "off")


def _quiet(words: list[str]) -> Command:
    """`quiet 20:00-07:00`, `quiet 20:00 - 07:00`, or `quiet weekends on|off`."""
    if len(words) == 2 and words[0].lower() == "weekends" and words[1].lower() in ("on", "off"):
        return QuietWeekends(quiet=words[1].lower() == "on")
    start, _, end = "".join(words).partition("-")
    first, last = read_clock(start), read_clock(end)
    if first is None or last is None:
        raise UserError("error.usage", usage=USAGE["settings quiet"])
    return QuietHours(start=f"{first:%H:%M}", end=f"{last:%H:%M}")


def _channel_settings(words: list[str]) -> Command:
    sub = words[0].lower() if words else ""
    if sub == "tz" and len(words) == 2:
        return ChannelSettingsTz(tz=words[1])
    if sub == "lang" and len(words) == 2 and words[1].lower() in LANGUAGES:
        return ChannelSettingsLang(lang=words[1].lower())
    raise UserError("error.usage", usage=USAGE["settings channel"])


_ZONES = {name.lower(): name for name in available_timezones()}


def known_zone(given: str) -> str:
    """The zone's proper name (`europe/berlin` -> `Europe/Berlin`); a UserError otherwise."""
    name = _ZONES.get(given.strip().lower())
    if name is None:
        raise UserError("error.unknown_tz", given=given[:60])
    return name


def show(req: Request, _cmd: SettingsShow) -> Reply:
    member = req.scope.member
    mine = req.t("settings.show", tz=member.tz, lang=language_name(req.scope.lang, req.scope.lang))
    weekends = req.t("settings.weekends_on" if member.quiet_weekends else "settings.weekends_off")
    quiet = req.t(
        "settings.quiet_show",
        start=member.quiet_from,
        end=member.quiet_until,
        weekends=weekends,
        nudges=member.nudges,
    )
    channel = req.scope.channel
    if channel is None:
        return req.lines(mine, quiet)
    theirs = channel_reader(channel, req.scope.workspace)
    lang = language_name(theirs.lang, req.scope.lang)
    here = req.t("settings.channel_show", channel=channel.name, tz=theirs.tz, lang=lang)
    return req.lines(mine, quiet, here)


def set_tz(req: Request, cmd: SettingsTz) -> Reply:
    name = known_zone(cmd.tz)
    req.scope.member.tz = name
    req.scope.member.tz_manual = True
    replan_nudges(req.scope, req.scope.member)
    digests.follow_zone(req.scope, person_audience(req.scope.member.user_id), name)
    workspace = req.scope.workspace
    if workspace.tz is None:  # the first person who chooses one gives channels theirs
        workspace.tz = name
    return req.say("settings.tz", tz=name)


def set_lang(req: Request, cmd: SettingsLang) -> Reply:
    if cmd.lang == "auto":
        req.scope.member.lang = None
        lang = req.scope.lang
        return req.say("settings.lang_auto", lang=language_name(lang, lang))
    req.scope.member.lang = cmd.lang
    workspace = req.scope.workspace
    if workspace.lang is None:
        workspace.lang = cmd.lang
    return req.say("settings.lang", lang=language_name(cmd.lang, req.scope.lang))


def admins(req: Request, cmd: SettingsAdmins) -> Reply:
    if cmd.people:
        members = [m for ref in cmd.people if (m := req.person(ref)) is not None]
        permissions.name_admins(req.scope, members)
    named = permissions.named_admins(req.scope)
    if named:
        names = listing([f"@{m.name}" for m in named], req.scope.lang)
        return req.say("settings.admins", names=names)
    if req.scope.platform.has_admins:
        return req.say("settings.no_admins")
    return req.say("settings.no_admins_console")


def set_quiet(req: Request, cmd: QuietHours) -> Reply:
    member = req.scope.member
    member.quiet_from, member.quiet_until = cmd.start, cmd.end
    replan_nudges(req.scope, member)
    return req.say("settings.quiet", start=cmd.start, end=cmd.end)


def set_weekends(req: Request, cmd: QuietWeekends) -> Reply:
    member = req.scope.member
    member.quiet_weekends = cmd.quiet
    replan_nudges(req.scope, member)
    return req.say("settings.weekends_quiet" if cmd.quiet else "settings.weekends_open")


def set_nudges(req: Request, cmd: NudgeSetting) -> Reply:
    member = req.scope.member
    member.nudges = cmd.nudges
    replan_nudges(req.scope, member)
    return req.say(f"settings.nudges.{cmd.nudges}")


def set_channel_tz(req: Request, cmd: ChannelSettingsTz) -> Reply:
    channel = req.scope.here
    channel.tz = known_zone(cmd.tz)
    digests.follow_zone(req.scope, channel_audience(channel.channel_id), channel.tz)
    return req.say("settings.channel_tz", channel=channel.name, tz=channel.tz)


def set_channel_lang(req: Request, cmd: ChannelSettingsLang) -> Reply:
    channel = req.scope.here
    channel.lang = cmd.lang
    lang = language_name(cmd.lang, req.scope.lang)
    return req.say("settings.channel_lang", channel=channel.name, lang=lang)


FEATURE = Feature(
    name="settings",
    words={"settings": parse},
    usage=USAGE,
    handlers={
        SettingsShow: show,
        SettingsTz: set_tz,
        SettingsLang: set_lang,
        SettingsAdmins: admins,
        QuietHours: set_quiet,
        QuietWeekends: set_weekends,
        NudgeSetting: set_nudges,
        ChannelSettingsTz: set_channel_tz,
        ChannelSettingsLang: set_channel_lang,
    },
)
