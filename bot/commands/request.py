"""What a command handler works with: the scope of its transaction and the invocation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.commands.invocation import Invocation, Reply, Visibility
from bot.core.catalog import text
from bot.core.message import Message, Section
from bot.core.scope import Scope


@dataclass
class Request:
    scope: Scope
    invocation: Invocation

    def t(self, key: str, /, **params: Any) -> str:
        """Catalog text in the asking person's language."""
        return text(key, self.scope.lang, **params)

    def say(
        self, key: str, /, *, visibility: Visibility = Visibility.EPHEMERAL, **params: Any
    ) -> Reply:
        """A one-line reply from the catalog."""
        line = self.t(key, **params)
        message = Message(summary=line, blocks=(Section(text=(line,)),), tz=self.scope.member.tz)
        return Reply(message=message, visibility=visibility)

    @property
    def source_ref(self) -> str | None:
        """The message whose button was pressed, if any."""
        press = self.invocation.press
        return press.message_ref if press else None
