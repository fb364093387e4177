"""Builds a person's "My work" page from the database."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.message import Message
from bot.core.reader import person_reader
from bot.core.tasks import query_tasks
from bot.views.home import HOME_LIMIT, my_work
from storage.models import Member, Workspace


def home_page(session: Session, workspace_id: int, user_id: str, now: datetime) -> Message | None:
    """The page of person `user_id`; None for someone Baton has never seen."""
    member = session.scalars(
        select(Member).where(Member.workspace_id == workspace_id, Member.user_id == user_id)
    ).one_or_none()
    if member is None:
        return None
    tasks, total = query_tasks(session, workspace_id, now, assignee_id=member.id, limit=HOME_LIMIT)
    workspace = session.get_one(Workspace, workspace_id)
    return my_work(tasks, total, now=now, reader=person_reader(member, workspace))
