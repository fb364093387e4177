"""Whom a message is drawn for: a time zone and a language, a person's or a channel's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from bot.core import formats
from bot.core.formats import zone
from storage.models import Channel, Member, Workspace

DEFAULT_TZ = "UTC"
DEFAULT_LANG = "en"


@dataclass(frozen=True, slots=True)
class Reader:
    tz: str
    lang: str

    def moment(self, at: datetime, *, with_time: bool = True, now: datetime | None = None) -> str:
        """`at` as this reader writes it, for lines that cannot carry a Moment; with the year
        when it is not the year of `now`."""
        with_year = now is not None and at.year != now.year
        return formats.moment(at, self.tz, self.lang, with_time=with_time, with_year=with_year)


def person_reader(member: Member, workspace: Workspace) -> Reader:
    """A person's zone, and their language: the one they chose, else their platform's, else
    their workspace's."""
    return Reader(member.tz, member.lang or workspace.lang or DEFAULT_LANG)


def workspace_reader(workspace: Workspace) -> Reader:
    return Reader(workspace.tz or DEFAULT_TZ, workspace.lang or DEFAULT_LANG)


def language_of(session: Session, platform: str, team_id: str, user_id: str) -> str:
    """The language of a person Baton may never have met (their workspace's, else English):
    for what a platform handler says before a command runs."""
    row = session.execute(
        select(Member.lang, Workspace.lang)
        .select_from(Workspace)
        .outerjoin(Member, and_(Member.workspace_id == Workspace.id, Member.user_id == user_id))
        .where(Workspace.platform == platform, Workspace.team_id == team_id)
        .limit(1)
    ).first()
    if row is None:
        return DEFAULT_LANG
    return row[0] or row[1] or DEFAULT_LANG


def channel_reader(channel: Channel | None, workspace: Workspace) -> Reader:
    """A channel's own choice, else its workspace's; a channel Baton never saw gets the latter."""
    default = workspace_reader(workspace)
    if channel is None:
        return default
    return Reader(channel.tz or default.tz, channel.lang or default.lang)


__all__ = ["Reader", "channel_reader", "person_reader", "workspace_reader", "zone"]
