"""The narrow Protocol every chat platform implements (console, Slack, Mattermost, test fake)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from bot.core.forms import Form
from bot.core.message import Message


@dataclass(frozen=True, slots=True)
class Profile:
    """What a platform tells about a person."""

    user_id: str
    name: str
    display_name: str = ""
    tz: str | None = None
    lang: str | None = None
    is_admin: bool = False
    """An administrator of the workspace on the platform (Slack admin or owner, Mattermost
    system or team admin)."""


@dataclass(frozen=True, slots=True)
class Image:
    """A chart of a message drawn as a PNG file, sent with the message where it can carry files."""

    name: str
    """The file's name, with its extension (`okr-O-2.png`)."""
    title: str
    png: bytes


class PlatformError(Exception):
    """A platform call failed; `code` is the platform's error name (e.g. `not_in_channel`).

    `retryable` says a later attempt may succeed; `retry_after` is how many seconds the
    platform asked to wait first (a rate limit), if it said.
    """

    def __init__(
        self,
        code: str,
        detail: str = "",
        *,
        retryable: bool = False,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.retryable = retryable
        self.retry_after = retry_after


class Platform(Protocol):
    """What Baton needs from a chat platform, for one workspace.

    Message references (`ref`) are opaque strings the platform hands out on `post`
    and understands on `update`. Every call raises PlatformError when the platform refuses.
    """

    @property
    def name(self) -> str: ...

    @property
    def has_home(self) -> bool:
        """Whether people have a personal page ("My work") that `publish_home` fills."""
        ...

    @property
    def has_admins(self) -> bool:
        """Whether the platform names administrators (in people's profiles)."""
        ...

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        """Post to a channel and return a reference to the new message.

        `delivery` names this delivery (an outbox row); a platform that can marks the
        message with it, so that `find_delivered` finds it again. `images` are the message's
        charts drawn, one per Chart block and in their order, uploaded with it; a chart
        without its image is named in text instead.
        """
        ...

    def find_delivered(self, channel_id: str, delivery: str) -> str | None:
        """The message an earlier attempt of `delivery` posted in `channel_id`, if the
        platform can tell: a post whose answer was lost (a timeout, a dropped connection, a
        sender that died) is then redrawn instead of posted twice. None when none was found
        or the platform cannot look."""
        ...

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        """Redraw a message. `images` are given when an earlier attempt of a post with charts
        may have stopped between the message and its images: they are attached unless the
        platform finds them there already."""
        ...

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        """Show `message` in a channel to one person alone."""
        ...

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        """Send a direct message to a person and return a reference to it."""
        ...

    def respond(self, response_url: str, message: Message, *, replace: bool) -> None:
        """Answer an invocation through the response URL the platform gave with it, to the
        person alone; `replace` replaces the message whose button was pressed."""
        ...

    def open_form(self, trigger_id: str, form: Form, *, user_id: str, channel_id: str) -> None:
        """Open `form` for `user_id`, who opened it in `channel_id` (where its result goes)."""
        ...

    def publish_home(self, user_id: str, message: Message) -> None:
        """Replaces the person's "My work" page (only called when `has_home`)."""
        ...

    def profile(self, user_id: str) -> Profile | None:
        """Look a person up by platform id; None when there is no such person."""
        ...

    def find_user(self, name: str) -> Profile | None:
        """Look a person up by handle (without '@'); None when there is no such person."""
        ...


class Platforms(Protocol):
    """Gives the Platform for one workspace (a platform name and the team's id there)."""

    @property
    def names(self) -> frozenset[str]:
        """The platforms connected in this process."""
        ...

    def for_workspace(self, platform: str, team_id: str) -> Platform: ...
