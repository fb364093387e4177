"""A conversation with Baton, for tests that read like one.

chat.say("/baton task add Book booth @anna")  ->  the lines Baton printed in reply
"""

from __future__ import annotations

from bot.app import Baton
from bot.commands.invocation import ButtonPress, FormSubmission, Invocation, Reply
from bot.core.actor import Actor
from bot.handlers.console.platform import Posted
from tests.support.fake_platform import FakePlatform


class Chat:
    def __init__(self, baton: Baton, platform: FakePlatform, team: str = "T1") -> None:
        self.baton = baton
        self.platform = platform
        self.team = team
        self.lines: list[str] = []
        self.last_reply: Reply | None = None
        platform.write = self.lines.append

    def actor(self, user: str, channel: str) -> Actor:
        person = self.platform.find_user(user)
        user_id = person.user_id if person else f"U{user.upper()}"
        return Actor(
            platform="console",
            team_id=self.team,
            team_name=self.team,
            user_id=user_id,
            user_name=user,
            channel_id=channel,
            channel_name=channel,
        )

    def run(self, invocation: Invocation) -> str:
        start = len(self.lines)
        self.last_reply = self.baton.handle(invocation)
        return "\n".join(self.lines[start:])

    def say(self, text: str, *, user: str = "bob", channel: str = "general") -> str:
        """Types `text` (with or without the leading `/baton`) and returns what Baton printed."""
        command = text.removeprefix("/baton").strip()
        return self.run(Invocation(actor=self.actor(user, channel), text=command))

    def last_with_buttons(self) -> Posted:
        posted = self.platform.last_with_buttons()
        assert posted is not None, "no message with buttons yet"
        return posted

    def click(
        self, label: str, *, user: str = "bob", channel: str = "general", key: str | None = None
    ) -> str:
        """Presses the button labelled `label` on the latest message that has it."""
        for posted in reversed(self.platform.messages):
            for button in posted.message.buttons:
                if button.label == label:
                    press = ButtonPress(
                        action=button.action, value=button.value, message_ref=posted.ref
                    )
                    return self.run(
                        Invocation(
                            actor=self.actor(user, channel),
                            press=press,
                            trigger_id="trigger-1",
                            idempotency_key=key,
                        )
                    )
        raise AssertionError(f"no button {label!r} in {self.lines[-20:]}")

    def submit(
        self,
        form_id: str,
        values: dict[str, str],
        *,
        context: str = "",
        user: str = "bob",
        channel: str = "general",
    ) -> str:
        submission = FormSubmission(form_id=form_id, values=values, context=context)
        return self.run(Invocation(actor=self.actor(user, channel), submission=submission))

    def dms(self, user: str) -> list[str]:
        return [line for line in self.lines if line.startswith(f"[DM @{user}]")]
