"""Words every feature's grammar reads: people, channels, titles, and "did you mean".

Mentions are neutral here: `@anna` and `#launch`. Each platform turns its own syntax (Slack's
`<@U123|anna>`) into these before Baton reads the line, and hands the ids it knows along with
the invocation.
"""

from __future__ import annotations

import difflib
import re

from bot.commands.models import MAX_TITLE, ChannelRef, UserRef
from bot.core.catalog import Term
from bot.core.errors import UserError

_HANDLE = re.compile(r"^@([\w.\-]{1,80}?)[.,;:!?]*$")
"""`@anna`, and `@anna.` at the end of a sentence: trailing punctuation is the sentence's."""
_CHANNEL_NAME = re.compile(r"^[#~]([\w.\-]{1,80})$")


def user_ref(word: str) -> UserRef | None:
    """`@anna` as a UserRef; None for any other word."""
    if match := _HANDLE.match(word):
        return UserRef(name=match.group(1).lower())
    return None


def channel_ref(word: str) -> ChannelRef | None:
    """`#launch` (or Mattermost's `~launch`) as a ChannelRef; None for any other word."""
    if match := _CHANNEL_NAME.match(word):
        return ChannelRef(name=match.group(1).lower())
    return None


def usage_error(usage: str) -> UserError:
    """ "Usage: …" with the usage line of catalog key `usage`, in the reader's language."""
    return UserError("error.usage", usage=Term(usage))


def need_user(word: str, usage: str) -> UserRef:
    """`word` as a person; else an error showing the usage line of catalog key `usage`."""
    ref = user_ref(word)
    if ref is None:
        raise UserError("error.expected_user", given=word[:40], usage=Term(usage))
    return ref


def need_text(words: list[str], usage: str) -> str:
    text = " ".join(words).strip()
    if not text:
        raise usage_error(usage)
    return text


def title(text: str) -> str:
    """A title: not empty, not too long."""
    if not text.strip():
        raise UserError("error.title_empty")
    if len(text) > MAX_TITLE:
        raise UserError("error.title_too_long", limit=MAX_TITLE, length=len(text))
    return text.strip()


def unknown(given: str, known: list[str]) -> UserError:
    """`given` is no command: suggests the closest one, if any is close."""
    close = difflib.get_close_matches(given.lower(), known, n=1, cutoff=0.6)
    if close:
        return UserError("error.unknown_command_suggest", given=given[:40], suggestion=close[0])
    return UserError("error.unknown_command", given=given[:40])
