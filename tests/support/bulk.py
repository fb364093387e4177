"""Many reminders at once, written straight into the database (for tests and the bench)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select

from bot.core.reminders import JOB, job_key
from storage.db import Database
from storage.models import Channel, JobState, Member, Reminder, ReminderState, ScheduledJob


def due_reminders(
    db: Database,
    workspace_id: int,
    *,
    count: int,
    channels: int,
    due: datetime,
    name: str = "r",
) -> None:
    """`count` one-off reminders `<name>0` … all due at `due`: spread over `channels` new
    channels `c0` …, or with no channels, for the workspace's first person."""
    with db.transaction() as session:
        creator_id = session.scalars(
            select(Member.id).where(Member.workspace_id == workspace_id).order_by(Member.id)
        ).first()
        channel_ids: list[int | None] = [None]
        if channels:
            rows = [
                {"workspace_id": workspace_id, "channel_id": f"c{i}", "name": f"c{i}"}
                for i in range(channels)
            ]
            channel_ids = list(
                session.execute(
                    insert(Channel).returning(Channel.id, sort_by_parameter_order=True),
                    [row | {"created_at": due} for row in rows],
                ).scalars()
            )
        reminder_rows = [
            {
                "workspace_id": workspace_id,
                "creator_id": creator_id,
                "member_id": None if channels else creator_id,
                "channel_id": channel_ids[i % len(channel_ids)],
                "what": f"{name}{i}",
                "said": "",
                "tz": "UTC",
                "state": ReminderState.ACTIVE,
                "fired": 0,
                "created_at": due,
            }
            for i in range(count)
        ]
        ids = session.execute(
            insert(Reminder).returning(Reminder.id, sort_by_parameter_order=True), reminder_rows
        ).scalars()
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
                for reminder_id in ids
            ],
        )
