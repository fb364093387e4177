"""`baton shell`: a chat in the terminal (or on a pipe), with an optional simulated clock."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import timedelta

from bot.app import Baton
from bot.commands.grammar import FENCE
from bot.commands.invocation import ButtonPress, FormSubmission, Invocation
from bot.core.actor import Actor
from bot.core.clock import SimulatedClock
from bot.handlers.console.form_prompt import OpenForm, question, read
from bot.handlers.console.platform import ConsolePlatform
from storage.due_queue import next_due_at

_DURATION = re.compile(r"(\d+)\s*([wdhm])")
_UNITS = {"w": "weeks", "d": "days", "h": "hours", "m": "minutes"}
_NAME = re.compile(r"^[\w.\-]{1,80}$")

HELP = (
    "Type /baton help to start. Shell commands: :user NAME, :channel NAME, :click N, "
    ":advance 2d (simulated clock), :quit"
)


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
        self._block: list[str] | None = None
        """Lines of a command whose code block (```) is still open."""

    @property
    def say(self) -> Callable[[str], None]:
        return self.platform.write

    def run(self, lines: Iterable[str]) -> None:
        for raw in lines:
            if not self.handle(raw.rstrip("\n")):
                return

    def handle(self, line: str) -> bool:
        """Handles one line; False when the shell should stop.

        A command that opens a code block (a template, a CSV) goes on over the next lines
        until the block is closed, as it would in a chat message.
        """
        if self._block is not None:
            if self.echo:
                self.echo(f"... {line}")
            self._block.append(line)
            if line.strip().endswith(FENCE):
                text, self._block = "\n".join(self._block), None
                self._invoke(Invocation(actor=self._actor(), text=text))
            return True
        text = line.strip()
        if not text:
            return True
        if self.echo:
            self.echo(f"@{self.user} in #{self.channel}> {text}")
        if text.startswith("/baton") and text.count(FENCE) % 2:
            self._block = [text.removeprefix("/baton").strip()]
            return True
        asking = self.platform.asking
        if asking is not None and not text.startswith((":", "/")) and asking.user_id == self.user:
            self._answer(asking, text)
            return True
        self.platform.asking = None  # anything else typed closes an open form
        if text.startswith(":"):
            return self._shell_command(text)
        if text.startswith("/baton"):
            command = text.removeprefix("/baton").strip()
            self._invoke(Invocation(actor=self._actor(), text=command))
        elif text.startswith("/"):
            self.say("(only /baton is known here; try /baton help)")
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
                self.say(f"(usage: :{name} NAME, letters, digits, '.', '-' or '_')")
            elif name == "user":
                self.user = value.lower()
            else:
                self.channel = value.lower()
        elif name == "click":
            self._click(arg)
        elif name == "advance":
            self._advance(arg)
        else:
            self.say(f"(unknown shell command :{name}) {HELP}")
        return True

    def _click(self, arg: str) -> None:
        """Presses button N of the latest message with buttons this person saw here, and says
        which button of which message it pressed (lists have none)."""
        posted = self.platform.last_with_buttons_seen_by(self.user, self.channel)
        buttons = posted.message.buttons if posted else ()
        if posted is None or not buttons:
            self.say("(no message here has buttons: :click N presses button N of the latest one)")
            return
        if not arg.isdigit() or not 1 <= int(arg) <= len(buttons):
            self.say(
                f"(no button {arg or '?'}: the latest message with buttons has 1 to {len(buttons)})"
            )
            return
        button = buttons[int(arg) - 1]
        self.say(f"(pressing [{button.label}] on: {posted.message.summary})")
        invocation = Invocation(
            actor=self._actor(),
            press=ButtonPress(action=button.action, value=button.value, message_ref=posted.ref),
            trigger_id=f"console.{posted.ref}",  # a form it opens is asked field by field
        )
        self._invoke(invocation)

    def _answer(self, asking: OpenForm, typed: str) -> None:
        """Takes the answer to the field asked, then asks the next one; once all are given,
        submits the form, and asks again the fields the submission found wrong."""
        value = read(asking.asked, typed)
        if value is None:
            self.say(question(asking.asked))
            return
        asking.answer(value)
        if not asking.complete:
            self.say(question(asking.asked))
            return
        self.platform.asking = None
        form = asking.form
        submission = FormSubmission(
            form_id=form.form_id, values=asking.values, context=form.context
        )
        reply = self.baton.handle(Invocation(actor=self._actor(), submission=submission))
        wrong = [each.name for each in form.fields if each.name in reply.field_errors]
        if wrong:
            asking.pending = wrong
            self.platform.asking = asking
            self.say(f"(form) {reply.field_errors[wrong[0]]}")
            self.say(question(asking.asked))

    def _advance(self, arg: str) -> None:
        clock = self.baton.clock
        delta = parse_duration(arg)
        if not isinstance(clock, SimulatedClock):
            self.say("(:advance needs `baton shell --simulated-clock`)")
            return
        if delta is None:
            self.say("(usage: :advance 2d, 3h, 30m or 1w)")
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
        self.say(f"(the time is now {target:%Y-%m-%d %H:%M} UTC)")
