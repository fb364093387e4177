"""What happens after the ack: dispatch through the command layer, then delivery in Slack."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from bot.app import Baton
from bot.background import Background
from bot.commands.invocation import Invocation, Reply
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.handlers.slack.delivery import Delivery
from bot.handlers.slack.home import show_home
from bot.handlers.slack.invocations import Origin, Payload
from bot.handlers.slack.platform import NAME, SlackPlatform
from bot.handlers.slack.shortcuts import from_message_shortcut

log = logging.getLogger(__name__)

DISPATCHERS = 2
"""Commands dispatched at once. Dispatching is mostly interpreter work, so more at once would
not go faster; it would only take the interpreter from the acks."""
FORM_BUDGET_SECONDS = 2.0
"""How long a modal submission may take before it is closed without waiting for the result;
Slack allows 3 seconds, and field errors can only be shown within them."""


class SlackRuntime:
    """Baton's command layer behind Slack: each method runs after its request was acked."""

    def __init__(self, baton: Baton, background: Background) -> None:
        self.baton = baton
        self.background = background
        self._dispatching = threading.BoundedSemaphore(DISPATCHERS)
        self._outbox_pending = False
        self._outbox_lock = threading.Lock()

    def platform(self, team_id: str) -> SlackPlatform:
        platform = self.baton.platforms.for_workspace(NAME, team_id)
        assert isinstance(platform, SlackPlatform)
        return platform

    def later(self, invocation: Invocation, origin: Origin, *, urgent: bool = False) -> None:
        """Dispatches and delivers `invocation` once the request has been acked."""
        if urgent:
            self.background.submit_urgent(self.handle, invocation, origin, True)
        else:
            self.background.submit(self.handle, invocation, origin)

    def handle(self, invocation: Invocation, origin: Origin, urgent: bool = False) -> None:
        if urgent:  # someone waits for this very answer: it does not queue
            reply = self.baton.dispatcher.dispatch(invocation)
        else:
            with self._dispatching:
                reply = self.baton.dispatcher.dispatch(invocation)
        self.deliver(invocation, reply, origin)

    def deliver(self, invocation: Invocation, reply: Reply, origin: Origin) -> None:
        self._delivery(origin).deliver(invocation, reply)

    def _delivery(self, origin: Origin) -> Delivery:
        return Delivery(self.baton, self.platform(origin.team_id), origin, self.outbox_soon)

    def outbox_soon(self) -> None:
        """Sends what changes queued for others (cards elsewhere, DMs, home tabs).

        One pass delivers every row committed before it starts, so while a pass is waiting
        to start, further requests for one add nothing: under load, many commands share it.
        """
        with self._outbox_lock:
            if self._outbox_pending:
                return
            self._outbox_pending = True
        self.background.submit(self._outbox_pass)

    def _outbox_pass(self) -> None:
        with self._outbox_lock:
            self._outbox_pending = False
        self.baton.deliver_outbox()

    def submit_form(self, invocation: Invocation, origin: Origin) -> Reply | None:
        """Dispatches a modal submission within the ack budget; None when it takes longer, in
        which case the result is delivered when it is ready."""
        future = self.background.submit_urgent(self.baton.dispatcher.dispatch, invocation)
        try:
            return future.result(timeout=FORM_BUDGET_SECONDS)
        except FutureTimeout:
            log.warning("form %s took over %ss", invocation.trigger_id, FORM_BUDGET_SECONDS)

            def finish(done: Future[Reply]) -> None:
                self.background.submit_urgent(self._late_form, invocation, origin, done.result())

            future.add_done_callback(finish)
            return None

    def _late_form(self, invocation: Invocation, origin: Origin, reply: Reply) -> None:
        """A submission whose modal was already closed: field errors become a message."""
        if reply.field_errors:
            problems = "; ".join(reply.field_errors.values())
            line = text("post.form_failed", "en", error=problems)
            message = Message(summary=line, blocks=(Section(text=(line,)),))
            self._delivery(origin).only_them(message)
            return
        self.deliver(invocation, reply, origin)

    def task_from_message(self, body: Payload, team_id: str) -> None:
        """The message shortcut: the new-task form, filled in with the message and its link."""
        platform = self.platform(team_id)
        channel = str((body.get("channel") or {}).get("id") or "")
        ts = str((body.get("message") or {}).get("ts") or body.get("message_ts") or "")
        permalink = platform.permalink(channel, ts) if channel and ts else ""
        invocation, origin = from_message_shortcut(body, team_id, permalink)
        self.handle(invocation, origin, urgent=True)

    def home_opened(self, team_id: str, user_id: str) -> None:
        show_home(self.baton, self.platform(team_id), team_id, user_id)
