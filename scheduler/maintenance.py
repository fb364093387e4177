"""Nightly clean-up: forgets what no retry or reader will ask for again."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete

from bot.core.clock import Clock
from storage.db import Database
from storage.inbox_queue import prune_finished
from storage.models import ProcessedDelivery
from storage.oauth_states import prune_oauth_states

DELIVERY_KEYS_KEPT = timedelta(days=2)


def prune_delivery_keys(db: Database, clock: Clock) -> int:
    """Forgets delivery keys older than any platform retries (Slack retries within minutes)."""
    cutoff = clock.now() - DELIVERY_KEYS_KEPT
    with db.transaction() as session:
        result = session.execute(
            delete(ProcessedDelivery).where(ProcessedDelivery.created_at < cutoff)
        )
        return int(getattr(result, "rowcount", 0) or 0)


def prune_inbox(db: Database, clock: Clock) -> int:
    """Forgets finished inbox rows as old as the delivery keys forgotten with them."""
    with db.transaction() as session:
        return prune_finished(session, clock.now() - DELIVERY_KEYS_KEPT)


def prune(db: Database, clock: Clock) -> None:
    prune_delivery_keys(db, clock)
    prune_inbox(db, clock)
    prune_oauth_states(db)  # stamped by slack_sdk with the wall clock, so compared with it
