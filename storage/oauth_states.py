"""Clean-up of Slack's OAuth states: one row per visit of the install page, expired after
ten minutes (slack_sdk refuses them then) but never deleted unless an install completes."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import column, delete, table

from storage.db import Database

_STATES = table("slack_oauth_states", column("expire_at"))


def prune_oauth_states(db: Database, now: datetime | None = None) -> int:
    """Deletes the expired OAuth states; how many.

    slack_sdk stamps a state with the wall clock (as naive UTC), not Baton's clock, so the
    wall clock decides here too.
    """
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(tzinfo=None)
    with db.transaction() as session:
        result = session.execute(delete(_STATES).where(_STATES.c.expire_at < moment))
        return int(getattr(result, "rowcount", 0) or 0)
