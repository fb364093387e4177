"""What happens after the ack: Baton runs the invocation and answers through Slack."""

from __future__ import annotations

import logging
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout

from bot.app import Baton
from bot.background import Background
from bot.commands.invocation import Invocation, Reply
from bot.commands.publish import note
from bot.handlers.slack.home import show_home
from bot.handlers.slack.invocations import Payload
from bot.handlers.slack.platform import NAME, SlackPlatform
from bot.handlers.slack.shortcuts import from_message_shortcut

log = logging.getLogger(__name__)

FORM_BUDGET_SECONDS = 2.0
"""How long a modal submission may take before it is closed without waiting for the result;
Slack allows 3 seconds, and field errors can only be shown within them."""


class SlackRuntime:
    """Baton's command layer behind Slack: commands, presses and direct messages go through
    the inbox; the rest runs in the background pool after its request was acked."""

    def __init__(self, baton: Baton, background: Background) -> None:
        self.baton = baton
        self.background = background

    def platform(self, team_id: str) -> SlackPlatform:
        platform = self.baton.platforms.for_workspace(NAME, team_id)
        assert isinstance(platform, SlackPlatform)
        return platform

    def later(self, invocation: Invocation, *, urgent: bool = False) -> None:
        """Writes `invocation` to the inbox, to run once the request has been acked; call it
        before the ack, so nothing is acked that a restart could lose."""
        self.baton.inbox.accept(invocation, urgent=urgent)

    def show(self, invocation: Invocation, reply: Reply) -> None:
        self.baton.publish(invocation, reply)
        self.baton.deliver_soon()

    def submit_form(self, invocation: Invocation) -> Reply | None:
        """Dispatches a modal submission within the ack budget; None when it takes longer, in
        which case the result is shown when it is ready."""
        future = self.background.submit_urgent(self.baton.dispatcher.dispatch, invocation)
        try:
            return future.result(timeout=FORM_BUDGET_SECONDS)
        except FutureTimeout:
            log.warning("form %s took over %ss", invocation.trigger_id, FORM_BUDGET_SECONDS)

            def finish(done: Future[Reply]) -> None:
                self.background.submit_urgent(self._late_form, invocation, done.result())

            future.add_done_callback(finish)
            return None

    def _late_form(self, invocation: Invocation, reply: Reply) -> None:
        """A submission whose modal was already closed: field errors become a message."""
        if reply.field_errors:
            problems = "; ".join(reply.field_errors.values())
            reply = note(reply.lang, "post.form_failed", error=problems)
        self.show(invocation, reply)

    def task_from_message(self, body: Payload, team_id: str) -> None:
        """The message shortcut: the new-task form, filled in with the message and its link."""
        platform = self.platform(team_id)
        channel = str((body.get("channel") or {}).get("id") or "")
        ts = str((body.get("message") or {}).get("ts") or body.get("message_ts") or "")
        permalink = platform.permalink(channel, ts) if channel and ts else ""
        self.baton.handle(from_message_shortcut(body, team_id, permalink))

    def home_opened(self, team_id: str, user_id: str) -> None:
        show_home(self.baton, self.platform(team_id), team_id, user_id)
