"""The composition root: `build(settings)` wires storage, clock and platforms into a Baton."""

from __future__ import annotations

import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from bot.commands.dispatch import Dispatcher
from bot.commands.drawing import Drawing
from bot.commands.feature import Registry
from bot.commands.invocation import Invocation, Reply
from bot.commands.publish import publish
from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.platform import Platform
from bot.features import FEATURES
from bot.inbox import Inbox
from bot.outbox_kick import OutboxKick
from bot.platforms import PlatformRegistry
from scheduler.maintenance import prune
from scheduler.outbox import deliver_outbox
from scheduler.runner import run_due_jobs
from storage.beats import record_beat
from storage.db import RUNNING_WORK, Database, Pools, make_bookkeeping_engine, make_engine
from storage.due_queue import next_due_at
from storage.migrate import upgrade
from storage.outbox_queue import next_attempt_at

log = logging.getLogger(__name__)

DISPATCHERS = 2
"""Commands dispatched at once in a web process. Dispatching is mostly interpreter work, so
more at once would not go faster; it would only take the interpreter from the acks."""
BEAT_EVERY = timedelta(seconds=5)
"""How often a ticking process records that it is alive (for /readyz and /metrics)."""


@dataclass
class Baton:
    """One running Baton: its database, clock, platforms, dispatcher and views."""

    settings: Settings
    db: Database
    clock: Clock
    platforms: PlatformRegistry
    registry: Registry
    dispatcher: Dispatcher
    drawing: Drawing
    inbox: Inbox = field(init=False)
    """Acknowledged requests, run after their ack (by this process or, if it dies, another)."""
    _kick: OutboxKick = field(init=False)
    _dispatching: threading.BoundedSemaphore = field(init=False)
    _beat_at: datetime | None = field(init=False, default=None)
    _name: str = field(init=False, default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}")

    def __post_init__(self) -> None:
        self._kick = OutboxKick(self._deliver_if_queued)
        self._dispatching = threading.BoundedSemaphore(DISPATCHERS)
        self.inbox = Inbox(
            self.db,
            self.clock,
            lambda invocation, urgent: self.answer(invocation, urgent=urgent),
            self.deliver_soon,
            lambda: self.platforms.names,
        )

    def handle(self, invocation: Invocation, *, urgent: bool = True) -> Reply:
        """Runs `invocation`, shows the reply to its person, then sends what it queued.

        Commands that are not `urgent` take turns (see DISPATCHERS); what a person is looking
        at right now (a pressed button, a form to open) never waits for them.
        """
        reply = self.answer(invocation, urgent=urgent)
        self.deliver_soon()
        return reply

    def answer(
        self, invocation: Invocation, platform: Platform | None = None, *, urgent: bool = True
    ) -> Reply:
        """Runs `invocation` and shows the reply through `platform` (by default the
        invocation's own; a platform handler may pass one that answers in its response)."""
        if urgent:
            reply = self.dispatcher.dispatch(invocation)
        else:
            with self._dispatching:
                reply = self.dispatcher.dispatch(invocation)
        self.publish(invocation, reply, platform)
        return reply

    def publish(
        self, invocation: Invocation, reply: Reply, platform: Platform | None = None
    ) -> None:
        """Shows `reply` to the person who made `invocation` (see `bot.commands.publish`)."""
        actor = invocation.actor
        platform = platform or self.platforms.for_workspace(actor.platform, actor.team_id)
        publish(platform, invocation, reply, reply.lang)

    def deliver_soon(self) -> None:
        """The one way to ask for the outbox to be delivered now: one pass at a time in this
        process; asked during a pass, one more pass follows."""
        self._kick()

    def _deliver_if_queued(self) -> int:
        if not self.db.outbox_queued.is_set():
            return 0
        self.db.outbox_queued.clear()
        return self.deliver_outbox()

    def deliver_outbox(self) -> int:
        return deliver_outbox(self.db, self.platforms, self.clock, self.drawing)

    def run_due_jobs(self) -> int:
        registry = self.registry
        return run_due_jobs(
            self.db, self.platforms, self.clock, registry.jobs, preloads=registry.preloads
        )

    def tick(self) -> int:
        """One round of scheduled work: the inbox looked at (in its own threads), due jobs,
        then everything due in the outbox; returns how many jobs ran and messages went out."""
        self._beat()
        self.inbox.resume()
        return self.run_due_jobs() + self.deliver_outbox()

    def due_in(self) -> timedelta | None:
        """How long until the next job or message falls due; None when nothing waits."""
        with self.db.transaction() as session:
            moments = [m for m in (next_due_at(session), next_attempt_at(session)) if m]
        return min(moments) - self.clock.now() if moments else None

    def _beat(self) -> None:
        now = self.clock.now()
        if self._beat_at is not None and abs(now - self._beat_at) < BEAT_EVERY:
            return
        self._beat_at = now
        with self.db.transaction() as session:
            record_beat(session, self._name, now)

    def prune(self) -> None:
        """Forgets what is no longer needed: old delivery keys, jobs and messages."""
        prune(self.db, self.clock)


def build(
    settings: Settings,
    *,
    clock: Clock | None = None,
    platforms: PlatformRegistry | None = None,
    migrate: bool = True,
    pools: Pools = RUNNING_WORK,
) -> Baton:
    """Wires a Baton from `settings`; tests pass their own clock and platforms."""
    url, schema = settings.database_url, settings.database_schema
    engine = make_engine(url, schema=schema, pool=pools.transactions)
    if migrate:
        upgrade(engine)
    bookkeeping = make_bookkeeping_engine(url, schema=schema, pool=pools.bookkeeping)
    db = Database(engine, bookkeeping)
    clock = clock or SystemClock()
    platforms = platforms or PlatformRegistry()
    registry = Registry(FEATURES)
    return Baton(
        settings,
        db,
        clock,
        platforms,
        registry,
        Dispatcher(db, clock, platforms, registry),
        Drawing(registry.views, registry.view_preloads),
    )
