"""What a command handler works with: the scope of its transaction and the invocation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands.invocation import Invocation, Reply
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.outbox import Fallback
from bot.core.scope import Scope


@dataclass
class Request:
    scope: Scope
    invocation: Invocation

    def t(self, key: str, /, **params: Any) -> str:
        """Catalog text in the asking person's language."""
        return text(key, self.scope.lang, **params)

    def say(self, key: str, /, **params: Any) -> Reply:
        """A one-line reply from the catalog."""
        line = self.t(key, **params)
        return Reply(message=Message(summary=line, blocks=(Section(text=(line,)),), tz=self.tz))

    def lines(self, *lines: str) -> Reply:
        """A reply of several lines, each its own paragraph."""
        blocks = tuple(Section(text=(line,)) for line in lines)
        return Reply(message=Message(summary=lines[0], blocks=blocks, tz=self.tz))

    @property
    def tz(self) -> str:
        """The time zone the asking person's replies are drawn in."""
        return self.scope.reader.tz

    @property
    def fallback(self) -> Fallback:
        """Whom to tell, and where, when what this request posts cannot reach its channel."""
        return Fallback(self.invocation.actor.user_id, self.invocation.origin.response_url)

    @property
    def source_ref(self) -> str | None:
        """The message whose button was pressed, if any."""
        press = self.invocation.press
        return press.message_ref if press else None
