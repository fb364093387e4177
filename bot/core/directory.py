"""Finds the people and channels a command names, asking the platform about newcomers."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, select

from bot.core.errors import UserError
from bot.core.scope import Scope, add_member
from storage.models import Channel, Member


def find_member(scope: Scope, *, user_id: str | None = None, name: str | None = None) -> Member:
    """The member named by platform id or handle; a UserError when nobody has that name."""
    if user_id:
        if scope.person is not None and user_id == scope.person.user_id:
            return scope.person
        member = _by_user_id(scope, user_id)
        if member is not None:
            return member
        profile = scope.platform.profile(user_id)
        if profile is None:
            raise UserError("error.unknown_user", given=f"@{name or user_id}")
        return add_member(scope.session, scope.workspace, profile, scope.now)
    handle = (name or "").lower().lstrip("@")
    if not handle:
        raise UserError("error.unknown_user", given="@")
    if scope.person is not None and handle == scope.person.name:
        return scope.person
    params = {"workspace_id": scope.workspace.id, "name": handle}
    member = scope.session.scalars(BY_HANDLE, params).first()
    if member is not None:
        return member
    profile = scope.platform.find_user(handle)
    if profile is None:
        raise UserError("error.unknown_user", given=f"@{handle}")
    # Someone Baton knows under an older handle is the same member, not a new one.
    member = _by_user_id(scope, profile.user_id)
    return member or add_member(scope.session, scope.workspace, profile, scope.now)


def _by_user_id(scope: Scope, user_id: str) -> Member | None:
    params = {"workspace_id": scope.workspace.id, "user_id": user_id}
    return scope.session.scalars(BY_USER_ID, params).one_or_none()


def find_channel(
    scope: Scope, *, channel_id: str | None = None, name: str | None = None
) -> Channel:
    """A channel Baton has seen, by platform id or name."""
    query = select(Channel).where(Channel.workspace_id == scope.workspace.id)
    if channel_id:
        query = query.where(Channel.channel_id == channel_id)
    elif name:
        query = query.where(Channel.name == name.lower().lstrip("#~"))
    else:
        return scope.here
    channel = scope.session.scalars(query.limit(1)).first()
    if channel is None:
        raise UserError("error.unknown_channel", given=f"#{name or channel_id}")
    return channel


def find_members(scope: Scope, handles: Iterable[str]) -> tuple[dict[str, Member], list[str]]:
    """The members with these handles, found in one query (the platform is asked only about
    handles Baton has not seen); and the handles nobody has."""
    wanted = {handle.lower().lstrip("@") for handle in handles}
    if not wanted:
        return {}, []
    found = {
        member.name: member
        for member in scope.session.scalars(
            select(Member).where(Member.workspace_id == scope.workspace.id, Member.name.in_(wanted))
        )
    }
    unknown: list[str] = []
    for handle in sorted(wanted - set(found)):
        try:
            found[handle] = find_member(scope, name=handle)
        except UserError:
            unknown.append(handle)
    return found, unknown


# Built once: asked on every assignment, and a statement costs more to build than to run.
BY_HANDLE = (
    select(Member)
    .where(Member.workspace_id == bindparam("workspace_id"), Member.name == bindparam("name"))
    .limit(1)
)
BY_USER_ID = select(Member).where(
    Member.workspace_id == bindparam("workspace_id"), Member.user_id == bindparam("user_id")
)
