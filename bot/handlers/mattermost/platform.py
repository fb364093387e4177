"""Mattermost as a Baton platform: message references are post ids."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from bot.core.chart_notes import images_for
from bot.core.forms import Form
from bot.core.message import Message
from bot.core.platform import Image, PlatformError, Profile
from bot.handlers.mattermost.client import MattermostClient
from bot.handlers.mattermost.context import sign_state
from bot.handlers.mattermost.dialogs import DIALOGS_PATH, dialog_request
from bot.handlers.mattermost.membership import TeamMembership
from bot.handlers.mattermost.render import MattermostRenderer, markdown

log = logging.getLogger(__name__)

# Ids and usernames go into URL paths: anything else is nobody Mattermost could know.
_ID = re.compile(r"^[a-z0-9]{1,64}$")
_USERNAME = re.compile(r"^[a-z0-9._-]{1,64}$")
# What a request may name as a person or a team (as `inbound` accepts it); safe in a URL path.
_REQUEST_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
DELIVERY_PROP = "baton_delivery"
"""The post property marking a post with the outbox delivery that made it."""
HISTORY_LOOKBACK = 200
"""How many of a channel's newest posts are searched for a post whose answer was lost."""


class MattermostPlatform:
    """One Mattermost team, through the bot account. People of other teams are nobody here:
    they cannot be found, mentioned or assigned, so they never become members of its workspace."""

    def __init__(
        self,
        client: MattermostClient,
        renderer: MattermostRenderer,
        team_id: str,
        secret: str,
        membership: TeamMembership | None = None,
    ) -> None:
        self._client = client
        self._renderer = renderer
        self._team_id = team_id
        self._secret = secret
        self._membership = membership or TeamMembership(client)

    @property
    def name(self) -> str:
        return "mattermost"

    @property
    def has_home(self) -> bool:
        return False

    @property
    def has_admins(self) -> bool:
        return True

    def publish_home(self, user_id: str, message: Message) -> None:
        """Mattermost has no personal app page: `/baton task list mine` shows the same."""

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        """Uploads the images (POST /files), then posts the message carrying them: an
        upload whose post never came stays unattached, and no one sees it."""
        images = images_for(message, images)
        rendered = self._renderer.post(message, self._team_id, charts_attached=bool(images))
        body = {"channel_id": channel_id, **rendered}
        if images:
            body["file_ids"] = self._upload(channel_id, images)
        if delivery:
            body["props"] = {**body["props"], DELIVERY_PROP: delivery}
        return str(self._client.create_post(body)["id"])

    def _upload(self, channel_id: str, images: Sequence[Image]) -> list[str]:
        return self._client.upload_files(channel_id, [(i.name, i.png) for i in images])

    def find_delivered(self, channel_id: str, delivery: str) -> str | None:
        """Looks through the channel's newest posts for the one marked with `delivery`."""
        listing = self._client.channel_posts(channel_id, per_page=HISTORY_LOOKBACK)
        posts = listing.get("posts") or {}
        for post_id in listing.get("order") or []:
            props = (posts.get(post_id) or {}).get("props") or {}
            if props.get(DELIVERY_PROP) == delivery:
                return str(post_id)
        return None

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        """Redraws the post; `images` are attached unless it carries files already."""
        images = images_for(message, images)
        patch = self._renderer.post(message, self._team_id, charts_attached=bool(images))
        if images:
            post = self._client.get_post(ref)
            if not post.get("file_ids"):
                patch["file_ids"] = self._upload(str(post["channel_id"]), images)
        self._client.patch_post(ref, patch)

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        body = {"channel_id": channel_id, **self._renderer.post(message, self._team_id)}
        self._client.create_ephemeral_post(user_id, body)

    def respond(self, response_url: str, message: Message, *, replace: bool) -> None:
        """Answers a slash command late, through its response URL, to the person alone (a
        response URL cannot replace a post: `replace` changes nothing here)."""
        self._client.respond(response_url, self.command_response(message, "ephemeral"))

    def command_response(self, message: Message, response_type: str) -> dict[str, Any]:
        """A slash command response (`ephemeral` or `in_channel`) showing `message`."""
        response: dict[str, Any] = {"response_type": response_type, "text": markdown(message)}
        attachments = self._renderer.attachments(message, self._team_id)
        if attachments:
            response["attachments"] = attachments
        return response

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        if not _ID.match(user_id):
            raise PlatformError("user_not_found", user_id[:64])
        channel = self._client.create_direct_channel([self._client.bot_user_id(), user_id])
        return self.post(str(channel["id"]), message, images=images)

    def open_form(self, trigger_id: str, form: Form, *, user_id: str, channel_id: str) -> None:
        """Opens `form`; its state is signed so that only `user_id` can submit it, in this team."""
        state = sign_state(
            self._secret,
            form=form.form_id,
            context=form.context,
            team=self._team_id,
            user=user_id,
            channel=channel_id,
        )
        url = self._renderer.public_url + DIALOGS_PATH
        self._client.open_dialog(dialog_request(trigger_id, form, url=url, state=state))

    def answering(self, source_ref: str | None) -> AnsweringPlatform:
        """This team's platform for a button press: what answers the press itself goes into
        the press's HTTP response (as Mattermost expects), everything else as usual."""
        return AnsweringPlatform(
            self._client, self._renderer, self._team_id, self._secret, self._membership, source_ref
        )

    def has_member(self, user_id: str) -> bool:
        """Whether `user_id` belongs to this team; a PlatformError when Mattermost cannot say."""
        if not (_REQUEST_ID.match(user_id) and _REQUEST_ID.match(self._team_id)):
            return False
        return self._membership.is_member(self._team_id, user_id)

    def profile(self, user_id: str) -> Profile | None:
        if not _ID.match(user_id):
            return None
        try:
            user = self._client.get_user(user_id)
            member = user is not None and self.has_member(user_id)
        except PlatformError as error:
            # Baton must keep working while Mattermost cannot answer: the person is created
            # from what the request says and their profile is looked up again later.
            log.warning("profile of %s unavailable: %s", user_id, error)
            return None
        return _profile(user) if user and member else None

    def find_user(self, name: str) -> Profile | None:
        handle = name.lower().lstrip("@")
        if not _USERNAME.match(handle):
            return None
        user = self._client.get_user_by_username(handle)
        return _profile(user) if user and self.has_member(str(user["id"])) else None


class AnsweringPlatform(MattermostPlatform):
    """Collects the answer to a button press in `answer`: the pressed post redrawn, or a
    note to the person. A message with buttons still goes through the API, because an
    `ephemeral_text` answer cannot carry them."""

    def __init__(
        self,
        client: MattermostClient,
        renderer: MattermostRenderer,
        team_id: str,
        secret: str,
        membership: TeamMembership,
        source_ref: str | None,
    ) -> None:
        super().__init__(client, renderer, team_id, secret, membership)
        self._source_ref = source_ref
        self.answer: dict[str, Any] = {}

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        if ref != self._source_ref or images:
            super().update(ref, message, images=images)
            return
        self.answer["update"] = self._renderer.post(message, self._team_id)

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        if self._renderer.attachments(message, self._team_id):
            super().ephemeral(channel_id, user_id, message)
            return
        self.answer["ephemeral_text"] = markdown(message, with_fields=True)


def _profile(user: dict[str, Any]) -> Profile:
    full_name = " ".join(p for p in (user.get("first_name"), user.get("last_name")) if p)
    locale = str(user.get("locale") or "")
    return Profile(
        user_id=str(user["id"]),
        name=str(user.get("username") or user["id"]),
        display_name=str(user.get("nickname") or full_name or user.get("username") or ""),
        tz=user_time_zone(user.get("timezone")),
        lang=locale[:2] or None,
        is_admin="system_admin" in str(user.get("roles") or "").split(),
    )


def user_time_zone(timezone: object) -> str | None:
    """The zone a person uses: the automatic one when `useAutomaticTimezone` is on (sent as the
    string "true" by the server, as a boolean in the API reference), else the manual one."""
    if not isinstance(timezone, dict):
        return None
    automatic = str(timezone.get("useAutomaticTimezone", "")).lower() == "true"
    first, second = ("automaticTimezone", "manualTimezone")
    if not automatic:
        first, second = second, first
    zone = timezone.get(first) or timezone.get(second)
    return str(zone) if zone else None
