"""Who is asking, where, and when: the context every service call runs in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from bot.core.actor import Actor
from bot.core.catalog import LANGUAGES
from bot.core.open_titles import OpenTitles
from bot.core.platform import Platform, Profile
from bot.core.reader import Reader, person_reader, workspace_reader, zone
from storage.models import Channel, Handover, Member, Workspace
from storage.upsert import insert_if_absent

PROFILE_REFRESH = timedelta(days=1)


@dataclass
class Scope:
    """One transaction's view of the world: every query it makes is bound to `workspace`.

    `person` is who acts; None when Baton acts on its own (scheduled work, delivery), which
    the activity log shows as "Baton". `channel` is where, when there is a where.
    """

    session: Session
    workspace: Workspace
    now: datetime
    platform: Platform
    person: Member | None = None
    channel: Channel | None = None
    open_titles: OpenTitles = field(default_factory=OpenTitles)
    """The process's memory of open titles (a fresh one reads them from the database)."""
    anyone_away: bool | None = None
    """Whether a handover of the workspace was running when the transaction began (None:
    not looked at); when nobody is away, assigning work looks up no stand-in."""

    @property
    def member(self) -> Member:
        """The person who acts (commands always have one)."""
        if self.person is None:
            raise RuntimeError("this work needs a person and Baton acts alone")
        return self.person

    @property
    def here(self) -> Channel:
        """The channel the command was given in (scheduled work has none)."""
        if self.channel is None:
            raise RuntimeError("this work needs a channel and has none")
        return self.channel

    @property
    def reader(self) -> Reader:
        """Whom replies are drawn for: the person acting, else the workspace's defaults."""
        if self.person is not None:
            return person_reader(self.person, self.workspace)
        return workspace_reader(self.workspace)

    @property
    def lang(self) -> str:
        return self.reader.lang

    @property
    def tz(self) -> ZoneInfo:
        return zone(self.reader.tz)


def open_scope(
    session: Session,
    actor: Actor,
    platform: Platform,
    now: datetime,
    open_titles: OpenTitles | None = None,
) -> Scope:
    """Finds (or creates, on first sight) the workspace, person and channel of `actor`."""
    titles = open_titles or OpenTitles()
    known = _known(session, actor, now)
    if known is not None:
        workspace, member, channel, away = known
        fresh = now - member.profile_checked_at < PROFILE_REFRESH
        if fresh and (not actor.channel_name or channel.name == actor.channel_name):
            return Scope(session, workspace, now, platform, member, channel, titles, away)
    workspace = workspace_for(session, actor.platform, actor.team_id, actor.team_name, now)
    member = member_by_id(session, workspace, actor.user_id, platform, now, actor.user_name)
    channel = channel_for(session, workspace, actor.channel_id, actor.channel_name, now)
    return Scope(session, workspace, now, platform, member, channel, titles)


def _known(
    session: Session, actor: Actor, now: datetime
) -> tuple[Workspace, Member, Channel, bool] | None:
    """Workspace, person and channel in one query, when Baton has seen all three before
    (every command asks, so this saves two round trips on nearly all of them), and whether
    anyone of the workspace is away."""
    params = {
        "platform": actor.platform,
        "team_id": actor.team_id,
        "user_id": actor.user_id,
        "channel_id": actor.channel_id,
        "now": now,
    }
    row = session.execute(KNOWN, params).one_or_none()
    return None if row is None else (row[0], row[1], row[2], bool(row[3]))


# Built once: asked on every command, and a statement costs more to build than to run.
ANYONE_AWAY = (
    exists()
    .where(
        Handover.workspace_id == Workspace.id,
        Handover.returned_at.is_(None),
        or_(Handover.until.is_(None), Handover.until > bindparam("now")),
    )
    .label("anyone_away")
)
KNOWN = (
    select(Workspace, Member, Channel, ANYONE_AWAY)
    .join(Member, and_(Member.workspace_id == Workspace.id, Member.user_id == bindparam("user_id")))
    .join(
        Channel,
        and_(Channel.workspace_id == Workspace.id, Channel.channel_id == bindparam("channel_id")),
    )
    .where(Workspace.platform == bindparam("platform"), Workspace.team_id == bindparam("team_id"))
)


def workspace_for(
    session: Session, platform: str, team_id: str, name: str, now: datetime
) -> Workspace:
    query = select(Workspace).where(Workspace.platform == platform, Workspace.team_id == team_id)
    workspace = session.scalars(query).one_or_none()
    if workspace is None:
        values = {"platform": platform, "team_id": team_id, "name": name or team_id}
        insert_if_absent(session, Workspace, values | {"created_at": now}, ["platform", "team_id"])
        workspace = session.scalars(query).one()
    return workspace


def channel_for(
    session: Session, workspace: Workspace, channel_id: str, name: str, now: datetime
) -> Channel:
    query = select(Channel).where(
        Channel.workspace_id == workspace.id, Channel.channel_id == channel_id
    )
    channel = session.scalars(query).one_or_none()
    if channel is None:
        values = {
            "workspace_id": workspace.id,
            "channel_id": channel_id,
            "name": name or channel_id,
        }
        insert_if_absent(
            session, Channel, values | {"created_at": now}, ["workspace_id", "channel_id"]
        )
        channel = session.scalars(query).one()
    elif name and channel.name != name:
        channel.name = name
    return channel


def member_by_id(
    session: Session,
    workspace: Workspace,
    user_id: str,
    platform: Platform,
    now: datetime,
    name_hint: str = "",
) -> Member:
    """The member with platform id `user_id`; asks the platform about people seen for the first
    time and refreshes their profile once a day (names and time zones change)."""
    query = select(Member).where(Member.workspace_id == workspace.id, Member.user_id == user_id)
    member = session.scalars(query).one_or_none()
    if member is not None and now - member.profile_checked_at < PROFILE_REFRESH:
        return member
    profile = platform.profile(user_id)
    if member is None:
        profile = profile or Profile(user_id=user_id, name=name_hint or user_id)
        return add_member(session, workspace, profile, now)
    if profile is not None:
        _apply_profile(member, profile)
    member.profile_checked_at = now
    return member


def add_member(session: Session, workspace: Workspace, profile: Profile, now: datetime) -> Member:
    """Adds a person seen for the first time; the first person with a time zone or language
    also gives the workspace its defaults (for channels that choose none)."""
    lang = profile.lang if profile.lang in LANGUAGES else None
    if workspace.tz is None and profile.tz:
        workspace.tz = profile.tz
    if workspace.lang is None and lang:
        workspace.lang = lang
    values = {
        "workspace_id": workspace.id,
        "user_id": profile.user_id,
        "name": profile.name.lower()[:100],
        "display_name": (profile.display_name or profile.name)[:200],
        "tz": profile.tz or "UTC",
        "platform_lang": lang,
        "platform_admin": profile.is_admin,
        "profile_checked_at": now,
        "created_at": now,
    }
    insert_if_absent(session, Member, values, ["workspace_id", "user_id"])
    query = select(Member).where(
        Member.workspace_id == workspace.id, Member.user_id == profile.user_id
    )
    return session.scalars(query).one()


def _apply_profile(member: Member, profile: Profile) -> None:
    member.platform_admin = profile.is_admin
    member.name = profile.name.lower()[:100]
    member.display_name = (profile.display_name or profile.name)[:200]
    if profile.tz and not member.tz_manual:
        member.tz = profile.tz
    if profile.lang in LANGUAGES:
        member.platform_lang = profile.lang
