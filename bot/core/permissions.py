"""Who may do what. Baton stays open like the teams it serves: anyone in the workspace may
complete, comment on and assign any task. Deleting is for the task's creator, its assignee
and admins; handing over someone's work is for that person and admins.

Admins are the platform's own (Slack admins and owners, Mattermost system admins) and the
people an admin names with `/baton settings admins`. On a platform without admins of its own
(the console), everyone is an admin until someone is named.
"""

from __future__ import annotations

from sqlalchemy import select

from bot.core.errors import UserError
from bot.core.scope import Scope
from storage.models import Member, Task


def named_admins(scope: Scope) -> list[Member]:
    query = select(Member).where(
        Member.workspace_id == scope.workspace.id, Member.baton_admin.is_(True)
    )
    return list(scope.session.scalars(query.order_by(Member.name)))


def is_admin(scope: Scope, member: Member) -> bool:
    if member.baton_admin or member.platform_admin:
        return True
    return not scope.platform.has_admins and not named_admins(scope)


def check_may_delete(scope: Scope, task: Task) -> None:
    member = scope.member
    if member.id in (task.creator_id, task.assignee_id) or is_admin(scope, member):
        return
    raise UserError("error.may_not_delete", number=task.number)


def check_may_hand_over(scope: Scope, owner: Member) -> None:
    member = scope.member
    if member.id == owner.id or is_admin(scope, member):
        return
    raise UserError("error.may_not_hand_over", name=f"@{owner.name}")


def name_admins(scope: Scope, members: list[Member]) -> None:
    """Makes `members` the workspace's admins named in Baton (the platform's stay admins)."""
    if not is_admin(scope, scope.member):
        raise UserError("error.may_not_name_admins")
    chosen = {m.id for m in members}
    for member in named_admins(scope):
        if member.id not in chosen:
            member.baton_admin = False
    for member in members:
        member.baton_admin = True
