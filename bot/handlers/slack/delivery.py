"""Shows a reply in Slack where it belongs, as Slack users expect.

- a channel card goes out with chat.postMessage, so its `ts` is remembered and later changes
  update it in place (chat.update);
- a pressed card is updated in place; a pressed ephemeral message through its response_url;
- what only the asker should see goes through the response_url when there is one;
- where Baton is not a member it says so, to the asker alone: "invite @baton to #x".
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from bot.app import Baton
from bot.commands.invocation import Invocation, Reply, Visibility
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.platform import PlatformError
from bot.handlers.slack import render
from bot.handlers.slack.client import webhook
from bot.handlers.slack.invocations import Origin
from bot.handlers.slack.manifest import BOT_NAME
from bot.handlers.slack.platform import NAME, SlackPlatform

log = logging.getLogger(__name__)

NOT_THERE = frozenset({"not_in_channel", "channel_not_found"})


class Delivery:
    """Delivers one reply for one invocation, then whatever the change queued for others."""

    def __init__(
        self,
        baton: Baton,
        platform: SlackPlatform,
        origin: Origin,
        outbox: Callable[[], None] | None = None,
    ) -> None:
        self.baton = baton
        self.platform = platform
        self.origin = origin
        self._outbox = outbox or baton.deliver_outbox

    def deliver(self, invocation: Invocation, reply: Reply) -> None:
        try:
            if reply.form is not None and invocation.trigger_id:
                self._open_form(invocation.trigger_id, reply)
            if reply.message is not None:
                self._show(invocation, reply, reply.message)
        finally:
            self._outbox()

    def _open_form(self, trigger_id: str, reply: Reply) -> None:
        assert reply.form is not None
        try:
            self.platform.open_form(trigger_id, reply.form, channel_id=self.origin.channel_id)
        except PlatformError as error:
            if error.code not in ("expired_trigger_id", "invalid_trigger_id"):
                raise
            # Slack accepts a trigger for 3 seconds; a busy moment can outlast that.
            line = text("post.form_expired", "en")
            self.only_them(Message(summary=line, blocks=(Section(text=(line,)),)))

    def _show(self, invocation: Invocation, reply: Reply, message: Message) -> None:
        source = invocation.press.message_ref if invocation.press else None
        if reply.replace_source and self.origin.home_source:
            return  # the change queued a new "My work" page, published by the outbox
        if reply.replace_source and source:
            if self.origin.ephemeral_source:
                self.only_them(message, replace=True)
            else:
                self.platform.update(source, message)
        elif reply.visibility is Visibility.CHANNEL:
            self._post(reply, message)
        else:
            self.only_them(message)

    def _post(self, reply: Reply, message: Message) -> None:
        origin = self.origin
        try:
            ref = self.platform.post(origin.channel_id, message)
        except PlatformError as error:
            log.info("posting to %s failed: %s", origin.channel_id, error)
            outside = error.code in NOT_THERE and not origin.channel_id.startswith("D")
            self.only_them(self._with_invitation(message) if outside else message)
            return
        if reply.shows_task is not None:
            self.baton.remember_card(NAME, origin.team_id, reply.shows_task, ref)

    def only_them(self, message: Message, *, replace: bool = False) -> None:
        """Shows `message` to the asker alone: in the DM with Baton, through the response_url,
        as an ephemeral message, or, failing all, as a direct message."""
        origin = self.origin
        if origin.direct and not origin.home_source:
            try:
                self.platform.post(origin.channel_id, message)
            except PlatformError as error:
                log.info("posting to %s failed: %s", origin.channel_id, error)
            else:
                return
        if origin.response_url and self._respond(origin.response_url, message, replace=replace):
            return
        if origin.channel_id and not origin.home_source:
            try:
                self.platform.ephemeral(origin.channel_id, origin.user_id, message)
            except PlatformError as error:
                log.info("ephemeral in %s failed: %s", origin.channel_id, error)
            else:
                return
        self.platform.direct(origin.user_id, message)

    def _respond(self, url: str, message: Message, *, replace: bool) -> bool:
        payload = render.message_payload(message)
        response = webhook(url).send(
            text=payload["text"],
            blocks=payload["blocks"],
            response_type="ephemeral",
            replace_original=replace,
        )
        if response.status_code != 200:
            log.info("response_url answered %s: %s", response.status_code, response.body)
        return response.status_code == 200

    def _with_invitation(self, message: Message) -> Message:
        name = self.origin.channel_name
        where = f"#{name}" if name else "this channel"
        hint = text("post.not_in_channel", "en", channel=where, bot=BOT_NAME)
        return Message(summary=hint, blocks=(Section(text=(hint,)), *message.blocks), tz=message.tz)
