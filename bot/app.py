"""The composition root: `build(settings)` wires storage, clock and platforms into a Baton."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from bot.commands.dispatch import Dispatcher
from bot.commands.effects import remember_card
from bot.commands.invocation import Invocation, Reply, Visibility
from bot.config import Settings
from bot.core.clock import Clock, SystemClock
from bot.core.platform import Platform, PlatformError
from bot.platforms import PlatformRegistry
from scheduler.outbox import deliver_outbox
from scheduler.runner import run_due_jobs
from storage.db import Database, make_engine
from storage.migrate import upgrade

log = logging.getLogger(__name__)


@dataclass
class Baton:
    """One running Baton: its database, clock, platforms and command dispatcher."""

    settings: Settings
    db: Database
    clock: Clock
    platforms: PlatformRegistry
    dispatcher: Dispatcher

    def handle(self, invocation: Invocation) -> Reply:
        """Dispatches and delivers the reply through the invocation's platform, then the outbox.

        Platform handlers that must answer in the HTTP response (ephemeral replies, form
        errors) call `dispatcher.dispatch` and `publish` themselves instead.
        """
        reply = self.dispatcher.dispatch(invocation)
        actor = invocation.actor
        platform = self.platforms.for_workspace(actor.platform, actor.team_id)
        self.publish(invocation, reply, platform)
        return reply

    def publish(self, invocation: Invocation, reply: Reply, platform: Platform) -> None:
        """Shows `reply` where it belongs: a form, the pressed message, the channel or only to
        the person; then sends what the change queued for others."""
        actor = invocation.actor
        if reply.form is not None and invocation.trigger_id:
            platform.open_form(invocation.trigger_id, reply.form)
        message = reply.message
        if message is not None:
            source = invocation.press.message_ref if invocation.press else None
            if reply.replace_source and source:
                platform.update(source, message)
            elif reply.visibility is Visibility.CHANNEL:
                try:
                    ref = platform.post(actor.channel_id, message)
                except PlatformError as error:
                    log.info("posting to %s failed: %s", actor.channel_id, error)
                    platform.ephemeral(actor.channel_id, actor.user_id, message)
                else:
                    if reply.shows_task is not None:
                        self.remember_card(actor.platform, actor.team_id, reply.shows_task, ref)
            else:
                platform.ephemeral(actor.channel_id, actor.user_id, message)
        self.deliver_outbox()

    def remember_card(self, platform: str, team_id: str, task_number: int, ref: str) -> None:
        """Records that message `ref` shows the task, so later changes update it in place."""
        with self.db.transaction() as session:
            remember_card(session, platform, team_id, task_number, ref, self.clock.now())

    def deliver_outbox(self) -> int:
        """Sends what this process's requests queued (the scheduler sends everything else)."""
        if not self.db.outbox_queued.is_set():
            return 0
        self.db.outbox_queued.clear()
        return deliver_outbox(self.db, self.platforms, self.clock)

    def run_due_jobs(self) -> int:
        return run_due_jobs(self.db, self.platforms, self.clock)

    def tick(self) -> None:
        """One round of scheduled work: due jobs, then everything due in the outbox."""
        self.run_due_jobs()
        deliver_outbox(self.db, self.platforms, self.clock)


def build(
    settings: Settings,
    *,
    clock: Clock | None = None,
    platforms: PlatformRegistry | None = None,
    migrate: bool = True,
) -> Baton:
    """Wires a Baton from `settings`; tests pass their own clock and platforms."""
    engine = make_engine(settings.database_url, schema=settings.database_schema)
    if migrate:
        upgrade(engine)
    db = Database(engine)
    clock = clock or SystemClock()
    platforms = platforms or PlatformRegistry()
    return Baton(settings, db, clock, platforms, Dispatcher(db, clock, platforms))
