"""Runs an invocation and turns its reply into what Mattermost expects back.

A slash command is answered at once and runs afterwards (see `routes`): its replies only the
person sees go through the command's response URL. A button press or a dialog submission is
answered in its HTTP response where Mattermost allows it. Messages for the channel are posted
through the API, so Baton learns the post id and can update the card in place later; if that
fails, the command's response URL posts them instead. Forms open first, before anything slow,
because the trigger id expires within seconds.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from bot.app import Baton
from bot.commands.invocation import Invocation, Reply, Visibility
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.platform import PlatformError
from bot.handlers.mattermost.dialogs import field_errors
from bot.handlers.mattermost.inbound import PLATFORM
from bot.handlers.mattermost.platform import MattermostPlatform
from bot.handlers.mattermost.render import MattermostRenderer, markdown

log = logging.getLogger(__name__)

QUIET: dict[str, Any] = {"response_type": "ephemeral", "text": ""}
"""The immediate answer to a slash command: Mattermost shows nothing."""
DISPATCHERS = 2
"""Commands dispatched at once. Dispatching is mostly interpreter work, so more at once would
not go faster; it would only take the interpreter from the answers (as for Slack)."""


class Replies:
    """Dispatches Mattermost invocations and shapes the answers to each kind of request."""

    def __init__(self, baton: Baton, renderer: MattermostRenderer) -> None:
        self.baton = baton
        self.renderer = renderer
        self._dispatching = threading.BoundedSemaphore(DISPATCHERS)

    def platform(self, team_id: str) -> MattermostPlatform:
        platform = self.baton.platforms.for_workspace(PLATFORM, team_id)
        assert isinstance(platform, MattermostPlatform)
        return platform

    def command(self, invocation: Invocation, response_url: str, *, urgent: bool = False) -> None:
        """Runs a slash command after its quiet answer and shows the reply where it belongs:
        a form opens, a channel card is posted through the API, anything else (or a card that
        could not be posted) goes through the command's response URL."""
        if urgent:  # a form to open before its trigger expires: it does not queue
            reply = self.baton.dispatcher.dispatch(invocation)
        else:
            with self._dispatching:
                reply = self.baton.dispatcher.dispatch(invocation)
        if reply.form is not None:
            failure = self._open_form(invocation, reply)
            if failure:
                self._respond(invocation, response_url, _note(failure), "ephemeral")
            return
        message = reply.message
        if message is None:
            return
        if reply.visibility is Visibility.CHANNEL:
            if not self._post_to_channel(invocation, reply, message):
                self._respond(invocation, response_url, message, "in_channel")
            return
        self._respond(invocation, response_url, message, "ephemeral")

    def press(self, invocation: Invocation) -> dict[str, Any]:
        """The answer to a button press: the pressed post updated, or a note to the person."""
        reply = self.baton.dispatcher.dispatch(invocation)
        if reply.form is not None:
            failure = self._open_form(invocation, reply)
            return {"ephemeral_text": failure} if failure else {}
        message = reply.message
        if message is None:
            return {}
        if reply.replace_source:
            return {"update": self.renderer.post(message, invocation.actor.team_id)}
        if reply.visibility is Visibility.CHANNEL and self._post_to_channel(
            invocation, reply, message
        ):
            return {}
        if self.renderer.attachments(message, invocation.actor.team_id) and self._tell(
            invocation, message
        ):
            return {}  # sent through the API so its buttons come along
        return {"ephemeral_text": markdown(message, with_fields=True)}

    def submission(self, invocation: Invocation) -> dict[str, Any]:
        """The answer to a dialog submission: field errors keep it open, anything else closes it."""
        reply = self.baton.dispatcher.dispatch(invocation)
        if reply.field_errors:
            return field_errors(reply.field_errors)
        message = reply.message
        if message is not None:
            posted = reply.visibility is Visibility.CHANNEL and self._post_to_channel(
                invocation, reply, message
            )
            if not posted and not self._tell(invocation, message):
                # The change is saved: say so, so that nobody submits it a second time.
                return {"error": text("platform.saved_unshown", summary=message.summary)}
        return {}

    def command_text(self, text: str) -> dict[str, Any]:
        return {"response_type": "ephemeral", "text": text}

    def _open_form(self, invocation: Invocation, reply: Reply) -> str | None:
        """Opens the reply's form; what went wrong, if anything."""
        actor = invocation.actor
        if reply.form is None or not invocation.trigger_id:
            return text("platform.form_failed", error="no trigger id")
        try:
            self.platform(actor.team_id).open_dialog(
                invocation.trigger_id,
                reply.form,
                user_id=actor.user_id,
                channel_id=actor.channel_id,
            )
        except PlatformError as error:
            log.info("opening a dialog failed: %s", error)
            return text("platform.form_failed", error=error.code)
        return None

    def _post_to_channel(self, invocation: Invocation, reply: Reply, message: Message) -> bool:
        actor = invocation.actor
        try:
            ref = self.platform(actor.team_id).post(actor.channel_id, message)
        except PlatformError as error:
            log.info("posting to %s failed: %s", actor.channel_id, error)
            return False
        if reply.shows_task is not None:
            self.baton.remember_card(PLATFORM, actor.team_id, reply.shows_task, ref)
        return True

    def _respond(
        self, invocation: Invocation, response_url: str, message: Message, response_type: str
    ) -> None:
        """Answers the command through its response URL; failing that, tells the person alone
        through the API (a card meant for the channel included: it is saved either way)."""
        actor = invocation.actor
        if response_url:
            try:
                self.platform(actor.team_id).respond(response_url, message, response_type)
            except PlatformError as error:
                log.info("the response URL of %s failed: %s", actor.user_id, error)
            else:
                return
        if not self._tell(invocation, message):
            log.warning("the reply to %s could not be shown: %s", actor.user_id, message.summary)

    def _tell(self, invocation: Invocation, message: Message) -> bool:
        actor = invocation.actor
        try:
            self.platform(actor.team_id).ephemeral(actor.channel_id, actor.user_id, message)
        except PlatformError as error:
            log.info("ephemeral post to %s failed: %s", actor.user_id, error)
            return False
        return True


def _note(line: str) -> Message:
    return Message(summary=line, blocks=(Section(text=(line,)),))
