"""Slack as a Baton Platform: chat.postMessage, chat.update, views.open and friends.

Message references are `channel:ts`, the two things chat.update needs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from http.client import HTTPException

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.chart_notes import images_for
from bot.core.forms import Form
from bot.core.message import Message
from bot.core.platform import Image, PlatformError, Profile
from bot.handlers.slack import forms, render
from bot.handlers.slack.client import platform_error, webhook
from bot.handlers.slack.files import share_in_thread, thread_has
from bot.handlers.slack.people import People
from bot.handlers.slack.stamps import stamp

log = logging.getLogger(__name__)

NAME = "slack"
DELIVERY_EVENT = "baton_delivery"
"""The metadata event type marking a message with the outbox delivery that posted it."""
HISTORY_LOOKBACK = 200
"""How many of a channel's newest messages are searched for a post whose answer was lost."""


def delivery_metadata(delivery: str) -> dict[str, object] | None:
    """Slack message metadata naming the delivery, so a retry can find the message."""
    if not delivery:
        return None
    return {"event_type": DELIVERY_EVENT, "event_payload": {"delivery": delivery}}


def marked_delivery(message: dict[str, object]) -> str | None:
    """The delivery a message from conversations.history was marked with, if any."""
    metadata = message.get("metadata")
    if not isinstance(metadata, dict) or metadata.get("event_type") != DELIVERY_EVENT:
        return None
    payload = metadata.get("event_payload")
    return str(payload.get("delivery")) if isinstance(payload, dict) else None


def message_ref(channel_id: str, ts: str) -> str:
    return f"{channel_id}:{ts}"


def split_ref(ref: str) -> tuple[str, str]:
    """`channel:ts` -> (channel, ts); a PlatformError for anything else."""
    channel, _, ts = ref.partition(":")
    if not channel or not ts:
        raise PlatformError("bad_message_ref", ref[:80])
    return channel, ts


@contextmanager
def slack_errors() -> Iterator[None]:
    """Turns a Slack API error into a PlatformError with Slack's error code."""
    try:
        yield
    except SlackApiError as error:
        raise platform_error(error) from error


class SlackPlatform:
    """One workspace's Slack, through a Web API client that is created on first use."""

    def __init__(self, team_id: str, client: Callable[[], WebClient], people: People) -> None:
        self.team_id = team_id
        self._client = client
        self._people = people

    @property
    def name(self) -> str:
        return NAME

    @property
    def has_home(self) -> bool:
        return True

    @property
    def has_admins(self) -> bool:
        return True

    @property
    def client(self) -> WebClient:
        return self._client()

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        """Posts the message, then its images in its thread (see `files`)."""
        images = images_for(message, images)
        payload = render.message_payload(
            stamp(message, self.team_id), charts_in_thread=bool(images)
        )
        with slack_errors():
            response = self.client.chat_postMessage(
                channel=channel_id, metadata=delivery_metadata(delivery), **payload
            )
        channel, ts = str(response["channel"]), str(response["ts"])
        if images:
            self._share(channel, ts, message, images)
        return message_ref(channel, ts)

    def _share(self, channel: str, ts: str, message: Message, images: Sequence[Image]) -> None:
        """Shares the images in the thread of the message just posted. When Slack will never
        take them (say, `files:write` was not granted), the message names its charts instead;
        any other failure is for the outbox to try again (it finds the message, and shares
        the images then)."""
        try:
            share_in_thread(self.client, channel, ts, images)
        except PlatformError as error:
            if error.retryable:
                raise
            log.warning("the charts of %s:%s could not be shared: %s", channel, ts, error)
            payload = render.message_payload(stamp(message, self.team_id))
            with slack_errors():
                self.client.chat_update(channel=channel, ts=ts, **payload)

    def find_delivered(self, channel_id: str, delivery: str) -> str | None:
        """Looks through the channel's newest messages for the one marked with `delivery`."""
        with slack_errors():
            history = self.client.conversations_history(
                channel=channel_id, limit=HISTORY_LOOKBACK, include_all_metadata=True
            )
        for found in history.get("messages") or []:
            if marked_delivery(found) == delivery:
                return message_ref(channel_id, str(found["ts"]))
        return None

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        """Redraws the message; `images` are shared in its thread unless they are there."""
        channel, ts = split_ref(ref)
        images = images_for(message, images)
        payload = render.message_payload(
            stamp(message, self.team_id), charts_in_thread=bool(images)
        )
        with slack_errors():
            self.client.chat_update(channel=channel, ts=ts, **payload)
        if images and not self._thread_has(channel, ts, images):
            self._share(channel, ts, message, images)

    def _thread_has(self, channel: str, ts: str, images: Sequence[Image]) -> bool:
        """Whether the images are in the message's thread; False when Slack will not say
        (a missing history scope): sharing them twice is the lesser harm than never."""
        try:
            return thread_has(self.client, channel, ts, images)
        except PlatformError as error:
            if error.retryable:
                raise
            log.warning("looking for the charts of %s:%s failed: %s", channel, ts, error)
            return False

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        payload = render.message_payload(stamp(message, self.team_id))
        with slack_errors():
            self.client.chat_postEphemeral(channel=channel_id, user=user_id, **payload)

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        with slack_errors():
            opened = self.client.conversations_open(users=user_id)
        return self.post(str(opened["channel"]["id"]), message, images=images)

    def respond(self, response_url: str, message: Message, *, replace: bool) -> None:
        payload = render.message_payload(stamp(message, self.team_id))
        try:
            response = webhook(response_url).send(
                text=payload["text"],
                blocks=payload["blocks"],
                response_type="ephemeral",
                replace_original=replace,
            )
        except (OSError, HTTPException) as error:  # the connection broke, even after retries
            raise PlatformError("response_url_failed", repr(error), retryable=True) from error
        if response.status_code != 200:
            raise PlatformError("response_url_failed", f"{response.status_code} {response.body}")

    def open_form(self, trigger_id: str, form: Form, *, user_id: str, channel_id: str) -> None:
        """Opens `form` as a modal; `channel_id` is where its result will be posted (the
        trigger id is the person's own, so Slack shows it to them alone)."""
        view = forms.modal(form, channel_id=channel_id)
        with slack_errors():
            self.client.views_open(trigger_id=trigger_id, view=view)

    def publish_home(self, user_id: str, message: Message) -> None:
        with slack_errors():
            self.client.views_publish(
                user_id=user_id, view=render.home_view(stamp(message, self.team_id))
            )

    def permalink(self, channel_id: str, ts: str) -> str:
        with slack_errors():
            response = self.client.chat_getPermalink(channel=channel_id, message_ts=ts)
        return str(response["permalink"])

    def profile(self, user_id: str) -> Profile | None:
        return self._people.profile(self.team_id, self.client, user_id)

    def find_user(self, name: str) -> Profile | None:
        return self._people.find(self.team_id, self.client, name)
