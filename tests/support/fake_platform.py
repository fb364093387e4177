"""The chat platform the tests talk to: the console's, with a closed directory of people."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.core.forms import Form
from bot.core.message import Message
from bot.core.platform import Image, PlatformError, Profile
from bot.handlers.console.platform import ConsolePlatform


@dataclass
class FakePlatform(ConsolePlatform):
    """Records everything like the console does; knows only the people in `people`.

    Set `failing` to a PlatformError code to make every send fail, as a platform that is
    down or a channel the bot is not in would.
    """

    people: dict[str, Profile] = field(default_factory=dict)
    forms: list[tuple[str, Form]] = field(default_factory=list)
    failing: str | None = None
    failing_retryable: bool = True

    def add_person(self, name: str, tz: str = "Europe/Berlin", lang: str = "en") -> Profile:
        profile = Profile(user_id=f"U{name.upper()}", name=name, tz=tz, lang=lang)
        self.people[profile.user_id] = profile
        return profile

    def profile(self, user_id: str) -> Profile | None:
        return self.people.get(user_id)

    def find_user(self, name: str) -> Profile | None:
        return next((p for p in self.people.values() if p.name == name.lower()), None)

    def _fail(self) -> None:
        if self.failing:
            raise PlatformError(self.failing, retryable=self.failing_retryable)

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        self._fail()
        return super().post(channel_id, message, delivery=delivery, images=images)

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        self._fail()
        super().update(ref, message, images=images)

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        self._fail()
        person = self.people.get(user_id)
        return self._keep(f"[DM @{person.name if person else user_id}]", message, images=images)

    def open_form(self, trigger_id: str, form: Form, *, user_id: str, channel_id: str) -> None:
        self.forms.append((trigger_id, form))
        super().open_form(trigger_id, form, user_id=user_id, channel_id=channel_id)
