"""Many reminders at once, written straight into the database (for tests and the bench)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from bot.core.reminders import JOB, job_key
from storage.db import Database
from storage.models import Channel, JobState, Member, Reminder, ReminderState, ScheduledJob


def due_reminders(
    db: Database, workspace_id: int, *, count: int, channels: int, due: datetime
) -> None:
    """`count` one-off reminders `r0` … over `channels` channels `c0` …, all due at `due`."""
    with db.transaction() as session:
        creator = session.scalars(select(Member.id).where(Member.workspace_id == workspace_id))
        creator_id = creator.first()
        session.execute(
            insert(Channel),
            [
                {
                    "workspace_id": workspace_id,
                    "channel_id": f"c{i}",
                    "name": f"c{i}",
                    "created_at": due,
                }
                for i in range(channels)
            ],
        )
        ids = dict(
            session.execute(
                select(Channel.name, Channel.id).where(Channel.workspace_id == workspace_id)
            ).all()
        )
        rows = (
            session.execute(
                insert(Reminder).returning(Reminder.id, sort_by_parameter_order=True),
                [
                    {
                        "workspace_id": workspace_id,
                        "creator_id": creator_id,
                        "channel_id": ids[f"c{i % channels}"],
                        "what": f"r{i}",
                        "said": "",
                        "tz": "UTC",
                        "state": ReminderState.ACTIVE,
                        "fired": 0,
                        "created_at": due,
                    }
                    for i in range(count)
                ],
            )
            .scalars()
            .all()
        )
        session.execute(
            insert(ScheduledJob),
            [
                {
                    "workspace_id": workspace_id,
                    "kind": JOB,
                    "payload": {"reminder": reminder_id},
                    "due_at": due,
                    "tz": "UTC",
                    "dedupe_key": job_key(reminder_id),
                    "state": JobState.PENDING,
                    "attempts": 0,
                    "last_error": "",
                    "created_at": due,
                }
                for reminder_id in rows
            ],
        )
