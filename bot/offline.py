"""Commands run from the `baton` CLI for one workspace, as one of its people, through the
same dispatcher as chat (one transaction, the same checks and replies).

What they post or tell goes into the outbox: `baton worker` (or `baton serve`) sends it to
Slack or Mattermost; on the console, the next `baton shell` on the database shows it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.app import Baton
from bot.commands.invocation import Invocation, Reply
from bot.commands.models import Command
from bot.core.actor import Actor
from bot.core.scope import Scope, open_scope
from storage.models import Channel, Member, Workspace

CONSOLE = "console"


class OfflineError(Exception):
    """The workspace, person or channel named on the command line is not known."""


@dataclass(frozen=True)
class Where:
    """Who acts where: as the CLI names them (`--workspace`, `--user`, `--channel`)."""

    workspace: str = CONSOLE
    user: str | None = None
    channel: str | None = None
    channel_needed: bool = False
    """Whether the command belongs to a channel (runs do; templates do not)."""


def run_command(baton: Baton, where: Where, command: Command) -> Reply:
    """Runs `command` in the workspace `where` names, as its person."""
    return baton.dispatcher.dispatch(Invocation(actor=find_actor(baton, where)), command)


def find_actor(baton: Baton, where: Where) -> Actor:
    """The actor for `where`: a workspace by name or platform id (the console's is made on
    first use, as `baton shell` would), one of its people, one of its channels."""
    with baton.db.transaction() as session:
        workspace = session.scalars(
            select(Workspace)
            .where(or_(Workspace.name == where.workspace, Workspace.team_id == where.workspace))
            .order_by(Workspace.id)
            .limit(1)
        ).first()
        if workspace is None:
            if where.workspace != CONSOLE:
                raise OfflineError(f"Baton knows no workspace named {where.workspace!r}")
            user = where.user or "me"
            channel = where.channel or "general"
            return Actor(
                platform=CONSOLE,
                team_id=CONSOLE,
                team_name=CONSOLE,
                user_id=user,
                user_name=user,
                channel_id=channel,
                channel_name=channel,
            )
        console = workspace.platform == CONSOLE
        member = _member(session, workspace, where.user or ("me" if console else None), console)
        channel_id, channel_name = _channel(session, workspace, where, console)
        return Actor(
            platform=workspace.platform,
            team_id=workspace.team_id,
            team_name=workspace.name,
            user_id=member[0],
            user_name=member[1],
            channel_id=channel_id,
            channel_name=channel_name,
        )


def _member(
    session: Session, workspace: Workspace, user: str | None, console: bool
) -> tuple[str, str]:
    if user is None:
        raise OfflineError(f"Say who acts in {workspace.name}: --user HANDLE")
    handle = user.lstrip("@").lower()
    found = session.execute(
        select(Member.user_id, Member.name).where(
            Member.workspace_id == workspace.id,
            or_(Member.name == handle, Member.user_id == user.lstrip("@")),
        )
    ).first()
    if found is not None:
        return found[0], found[1]
    if console:
        return handle, handle
    raise OfflineError(f"{workspace.name} has nobody Baton knows as @{handle}")


def _channel(
    session: Session, workspace: Workspace, where: Where, console: bool
) -> tuple[str, str]:
    query = select(Channel.channel_id, Channel.name).where(Channel.workspace_id == workspace.id)
    if where.channel:
        name = where.channel.lstrip("#~")
        found = session.execute(
            query.where(or_(Channel.name == name.lower(), Channel.channel_id == name))
        ).first()
        if found is not None:
            return found[0], found[1]
        if console:
            return name.lower(), name.lower()
        raise OfflineError(f"Baton has not seen a channel #{name} in {workspace.name}")
    if console:
        return "general", "general"
    if where.channel_needed:
        raise OfflineError("Say which channel this belongs to: --channel NAME")
    # Templates belong to no channel, but every command is given somewhere.
    found = session.execute(query.order_by(Channel.id).limit(1)).first()
    if found is None:
        raise OfflineError(f"Baton has not seen any channel of {workspace.name} yet")
    return found[0], found[1]


@contextmanager
def scope_for(baton: Baton, where: Where) -> Iterator[Scope]:
    """A transaction's scope in the workspace `where` names, as its person: for the CLI's
    read-outs that print data (YAML, CSV) rather than a reply."""
    actor = find_actor(baton, where)
    with baton.db.transaction() as session:
        platform = baton.platforms.for_workspace(actor.platform, actor.team_id)
        yield open_scope(session, actor, platform, baton.clock.now())
