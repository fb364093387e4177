"""Whether a person belongs to a channel, as far as Baton can tell.

No platform call tells Baton who is in a channel, so membership is what Baton has seen: the
person is typing in the channel now (Slack and Mattermost only take commands from people who
can post there), or earlier they worked there: created one of its objectives, own a key result
of one, or created or were given one of its tasks. Someone who never set foot in the channel
is not counted as a member.
"""

from __future__ import annotations

from sqlalchemy import exists, or_, select

from bot.core.scope import Scope
from storage.models import KeyResult, Member, Objective, Task


def is_channel_member(scope: Scope, member: Member, channel_id: int) -> bool:
    """Whether `member` is, by what Baton has seen, in the channel with row id `channel_id`."""
    here = scope.channel is not None and scope.channel.id == channel_id
    if here and scope.person is not None and scope.person.id == member.id:
        return True
    workspace = scope.workspace.id
    objectives = select(Objective.id).where(
        Objective.workspace_id == workspace, Objective.channel_id == channel_id
    )
    worked_here = or_(
        exists(objectives.where(Objective.creator_id == member.id)),
        exists(
            select(KeyResult.id).where(
                KeyResult.workspace_id == workspace,
                KeyResult.owner_id == member.id,
                KeyResult.objective_id.in_(objectives),
            )
        ),
        exists(
            select(Task.id).where(
                Task.workspace_id == workspace,
                Task.channel_id == channel_id,
                or_(Task.creator_id == member.id, Task.assignee_id == member.id),
            )
        ),
    )
    return bool(scope.session.scalar(select(worked_here)))
