"""The console as a chat platform: messages are printed, people are whoever is named."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bot.core.chart_notes import images_for
from bot.core.forms import Form
from bot.core.message import Message
from bot.core.platform import Image, PlatformError, Profile
from bot.handlers.console.form_prompt import OpenForm, question
from bot.handlers.console.render import render_lines

_NAME = re.compile(r"^[\w.\-]{1,80}$")


@dataclass
class Posted:
    """A message as the console keeps it, so buttons can be pressed and it can be updated."""

    ref: str
    where: str
    message: Message
    only_for: str | None = None
    delivery: str = ""
    images: tuple[Image, ...] = ()
    files: tuple[str, ...] = ()
    """Where each image was written (the file's path), or its name when it was kept in memory."""


@dataclass
class ConsolePlatform:
    """Prints every message with where it went: `[#channel]`, `[DM @user]`, `(only you)`."""

    write: Callable[[str], None]
    tz: str | None = None
    """The time zone of people met for the first time; None: unknown (they get UTC)."""
    files_dir: Path | None = None
    """Where charts are written as PNG files (`baton shell --files`); None keeps them in
    memory, named in the transcript by their file name."""
    messages: list[Posted] = field(default_factory=list)
    asking: OpenForm | None = None
    """The form whose fields are being asked in turn, if any."""
    _counter: int = 0
    # Message refs must not repeat across shell sessions on one database.
    _session: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @property
    def name(self) -> str:
        return "console"

    @property
    def has_home(self) -> bool:
        return False

    @property
    def has_admins(self) -> bool:
        return False

    def publish_home(self, user_id: str, message: Message) -> None:
        """The console has no personal pages: `/baton task list` shows the same."""

    def _keep(
        self,
        where: str,
        message: Message,
        only_for: str | None = None,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        self._counter += 1
        ref = f"m{self._counter}.{self._session}"
        posted = Posted(ref, where, message, only_for, delivery)
        self._attach(posted, images_for(message, images))
        self.messages.append(posted)
        self._print(where, message, "(only you) " if only_for else "", posted.files)
        return ref

    def _attach(self, posted: Posted, images: tuple[Image, ...]) -> None:
        """Keeps the images with the message, written to `files_dir` when there is one."""
        posted.images = images
        posted.files = tuple(self._write(posted.ref, image) for image in images)

    def _write(self, ref: str, image: Image) -> str:
        if self.files_dir is None:
            return image.name
        self.files_dir.mkdir(parents=True, exist_ok=True)
        path = self.files_dir / f"{ref.replace('.', '-')}-{image.name}"
        path.write_bytes(image.png)
        return str(path)

    def _print(self, where: str, message: Message, note: str, files: Sequence[str] = ()) -> None:
        lines = render_lines(message, files)
        self.write(f"{where} {note}{lines[0]}")
        for rest in lines[1:]:
            self.write(f"    {rest}")

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        return self._keep(f"[#{channel_id}]", message, delivery=delivery, images=images)

    def find_delivered(self, channel_id: str, delivery: str) -> str | None:
        where = f"[#{channel_id}]"
        found = (p for p in self.messages if p.where == where and p.delivery == delivery)
        return next((posted.ref for posted in found), None)

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        """Redraws the message and shows it again, so it is the latest one on screen (the one
        `:click` presses); its images stay, and `images` are attached if it had none."""
        for posted in self.messages:
            if posted.ref == ref:
                posted.message = message
                if not posted.images:
                    self._attach(posted, images_for(message, images))
                self.messages.remove(posted)
                self.messages.append(posted)
                self._print(posted.where, message, "(updated) ", posted.files)
                return

    def ephemeral(self, channel_id: str, user_id: str, message: Message) -> None:
        self._keep(f"[#{channel_id}]", message, only_for=user_id)

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        return self._keep(f"[DM @{user_id}]", message, images=images)

    def respond(self, response_url: str, message: Message, *, replace: bool) -> None:
        """The console hands out no response URLs: replies go straight to the screen."""
        raise PlatformError("no_response_url", response_url[:80])

    def open_form(self, trigger_id: str, form: Form, *, user_id: str, channel_id: str) -> None:
        fields = ", ".join(f.label for f in form.fields)
        self.write(f"(form) {form.title}: {fields}")
        self.asking = OpenForm(form, user_id)
        self.write(question(self.asking.asked))

    def profile(self, user_id: str) -> Profile | None:
        if not _NAME.match(user_id):
            return None
        return Profile(user_id=user_id, name=user_id.lower(), tz=self.tz)

    def find_user(self, name: str) -> Profile | None:
        return self.profile(name.lower())

    def last_with_buttons_seen_by(self, user_id: str, channel_id: str) -> Posted | None:
        """The latest message with buttons that `user_id` saw in `channel_id` or in their
        direct messages (never one shown to someone else alone)."""
        places = (f"[#{channel_id}]", f"[DM @{user_id}]")
        for posted in reversed(self.messages):
            seen = posted.where in places and posted.only_for in (None, user_id)
            if seen and posted.message.buttons:
                return posted
        return None

    def last_with_buttons(self) -> Posted | None:
        for posted in reversed(self.messages):
            if posted.message.buttons:
                return posted
        return None
