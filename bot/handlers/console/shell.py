"""`baton shell`: a chat in the terminal (or on a pipe), with an optional simulated clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import timedelta

from bot.app import Baton
from bot.commands.invocation import ButtonPress, Invocation
from bot.core import formats
from bot.core.actor import Actor
from bot.core.catalog import text
from bot.core.clock import SimulatedClock
from bot.handlers.console.platform import ConsolePlatform
from storage.due_queue import next_due_at

_DURATION = re.compile(r"(\d+)\s*([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_NAME = re.compile(r"^[\w.\-]{1,80}$")


def parse_duration(text: str) -> timedelta | None:
    """`2d`, `3h`, `1w2d`, `90m` -> timedelta; None when it is not such a duration."""
    compact = text.replace(" ", "").lower()
    parts = _DURATION.findall(compact)
    if not parts or "".join(n + u for n, u in parts) != compact:
        return None
    return timedelta(**{_UNITS[u]: int(n) for n, u in parts})


class Shell:
    """Turns typed lines into invocations of one Baton, as one person in one channel at a time."""

    def __init__(
        self,
        baton: Baton,
        platform: ConsolePlatform,
        *,
        workspace: str,
        user: str,
        channel: str,
        echo: Callable[[str], None] | None = None,
    ) -> None:
        self.baton = baton
        self.platform = platform
        self.workspace = workspace
        self.user = user
        self.channel = channel
        self.echo = echo

    @property
    def say(self) -> Callable[[str], None]:
        return self.platform.write

    def note(self, key: str, /, **params: object) -> None:
        """A line of the shell's own, in the language of the last message Baton printed."""
        self.say(text(key, self.platform.lang, **params))

    def run(self, lines: Iterable[str]) -> None:
        for raw in lines:
            if not self.handle(raw.rstrip("\n")):
                return

    def handle(self, line: str) -> bool:
        """Handles one line; False when the shell should stop."""
        text = line.strip()
        if not text:
            return True
        if self.echo:
            self.echo(f"@{self.user} in #{self.channel}> {text}")
        if text.startswith(":"):
            return self._shell_command(text)
        if text.startswith("/baton"):
            command = text.removeprefix("/baton").strip()
            self._invoke(Invocation(actor=self._actor(), text=command))
        elif text.startswith("/"):
            self.note("console.unknown_slash")
        else:
            self.say(f"[#{self.channel}] @{self.user}: {text}")
        return True

    def _actor(self) -> Actor:
        return Actor(
            platform="console",
            team_id=self.workspace,
            team_name=self.workspace,
            user_id=self.user,
            user_name=self.user,
            channel_id=self.channel,
            channel_name=self.channel,
        )

    def _invoke(self, invocation: Invocation) -> None:
        self.baton.handle(invocation)

    def _shell_command(self, text: str) -> bool:
        name, _, arg = text[1:].partition(" ")
        arg = arg.strip()
        if name in ("quit", "q", "exit"):
            return False
        if name in ("user", "channel"):
            value = arg.lstrip("@#~")
            if not _NAME.match(value):
                self.note("console.usage_name", name=name)
            elif name == "user":
                self.user = value.lower()
            else:
                self.channel = value.lower()
        elif name == "click":
            self._click(arg)
        elif name == "advance":
            self._advance(arg)
        else:
            self.note("console.unknown_command", name=name[:40])
        return True

    def _click(self, arg: str) -> None:
        """Presses button N of the latest message this person saw, and says which it pressed:
        a button of an older message is never pressed by mistake."""
        posted = self.platform.last_seen_by(self.user, self.channel)
        buttons = posted.message.buttons if posted else ()
        if posted is None or not buttons:
            self.note("console.no_buttons")
            return
        if not arg.isdigit() or not 1 <= int(arg) <= len(buttons):
            self.note("console.no_such_button", given=arg[:20] or "?", count=len(buttons))
            return
        button = buttons[int(arg) - 1]
        lang = posted.message.lang
        self.say(text("console.pressing", lang, label=button.label, summary=posted.message.summary))
        invocation = Invocation(
            actor=self._actor(),
            press=ButtonPress(action=button.action, value=button.value, message_ref=posted.ref),
        )
        self._invoke(invocation)

    def _advance(self, arg: str) -> None:
        clock = self.baton.clock
        delta = parse_duration(arg)
        if not isinstance(clock, SimulatedClock):
            self.note("console.needs_clock")
            return
        if delta is None:
            self.note("console.usage_advance")
            return
        target = clock.now() + delta
        while True:
            with self.baton.db.transaction() as session:
                due = next_due_at(session)
            if due is None or due > target:
                break
            clock.set(max(due, clock.now()))
            self.baton.tick()
        clock.set(target)
        self.baton.tick()
        shown = formats.moment(target, "UTC", self.platform.lang, with_year=True)
        self.note("console.time_now", when=f"{shown} UTC")
