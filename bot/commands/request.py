"""What a command handler works with: the scope of its transaction and the invocation."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.commands.invocation import Invocation, Reply
from bot.commands.models import ChannelRef, UserRef
from bot.core.catalog import text
from bot.core.directory import find_channel, find_member
from bot.core.errors import UserError
from bot.core.every import EveryError
from bot.core.formats import local_time
from bot.core.message import Message, Section
from bot.core.outbox import Fallback
from bot.core.scope import Scope
from bot.core.when import When, WhenError, parse_when
from storage.models import Channel, Member


@dataclass(frozen=True)
class Guide:
    """What help shows: every usage line by command, and the help topics."""

    usage: Mapping[str, str]
    topics: tuple[str, ...]


NO_GUIDE = Guide(usage={}, topics=())


@dataclass
class Request:
    scope: Scope
    invocation: Invocation
    guide: Guide = NO_GUIDE

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

    def when(self, phrase: str) -> When:
        """A date in the asking person's time zone and language, or a UserError saying why not."""
        reader = self.scope.reader
        try:
            return parse_when(phrase, now=self.scope.now, tz=reader.tz, lang=reader.lang)
        except WhenError as error:
            if error.code == "past":
                raise UserError("error.past_date", when=f"`{phrase[:60]}`") from None
            raise date_error(error, reader.lang) from None

    def person(self, ref: UserRef | None) -> Member | None:
        """The member a command names: by the id its platform gave for the mention, by id
        (a form's picker), or by handle."""
        if ref is None:
            return None
        user_id = ref.user_id or self.invocation.mentions.get(ref.name or "")
        return find_member(self.scope, user_id=user_id, name=ref.name)

    def channel(self, ref: ChannelRef | None) -> Channel:
        """The channel a command names (by the id its platform gave, or by name); this one
        when it names none."""
        if ref is None:
            return self.scope.here
        channel_id = ref.channel_id or self.invocation.channel_mentions.get(ref.name or "")
        return find_channel(self.scope, channel_id=channel_id, name=ref.name)

    @property
    def fallback(self) -> Fallback:
        """Whom to tell, and where, when what this request posts cannot reach its channel."""
        return Fallback(self.invocation.actor.user_id, self.invocation.origin.response_url)

    @property
    def source_ref(self) -> str | None:
        """The message whose button was pressed, if any."""
        press = self.invocation.press
        return press.message_ref if press else None


def date_error(error: WhenError | EveryError, lang: str) -> UserError:
    """Why a date or a recurrence was not understood, said in `lang`."""
    if isinstance(error, WhenError) and error.at is not None:
        when = local_time(error.at, error.tz, lang)
        return UserError(error.key, **error.params, when=when, zone=error.tz)
    return UserError(error.key, **error.params)
