"""Splits a command line into words, honouring quotes without tripping over apostrophes."""

from __future__ import annotations

import unicodedata

from bot.core.errors import UserError

MAX_COMMAND_LENGTH = 4000

# Opening quote -> the quotes that may close it (phones and macOS type typographic quotes).
_QUOTES = {'"': '"”', "“": '”"', "„": '“”"', "«": "»", "'": "'’", "‘": "’'"}


def check_text(text: str, limit: int = MAX_COMMAND_LENGTH) -> str:
    """Rejects what no person types: control characters and overlong input."""
    if len(text) > limit:
        raise UserError("error.too_long", limit=limit)
    for char in text:
        if char not in "\t\n\r" and unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co"):
            if char in "\u200d\u200c\ufe0f":  # joiners and variation selectors belong to emoji
                continue
            raise UserError("error.control_chars")
    return text


def split_words(text: str) -> list[str]:
    """Words separated by white space; a word starting with a quote runs to the closing quote
    and keeps its quotes (they are part of what was typed: `Call "Weber"`).

    A quote that nothing closes is an ordinary character (`'90s brochure`), as are apostrophes
    inside words ("Anna's laptop"). `unquote` takes the quotes off where a value is wanted.
    """
    words: list[str] = []
    i, length = 0, len(text)
    while i < length:
        if text[i].isspace():
            i += 1
            continue
        closers = _QUOTES.get(text[i])
        end = _closing_quote(text, i + 1, closers) if closers else -1
        if end > i:
            words.append(text[i : end + 1])
            i = end + 1
            continue
        start = i
        while i < length and not text[i].isspace():
            i += 1
        words.append(text[start:i])
    return words


def unquote(text: str) -> str:
    """`"Due diligence"` -> `Due diligence`: a text that is one quoted phrase, without its
    quotes; any other text as it is."""
    if len(text) >= 2 and text[-1] in _QUOTES.get(text[0], ""):
        inner = text[1:-1]
        if _closing_quote(inner + " ", 0, _QUOTES[text[0]]) < 0:  # not "a" and "b"
            return inner
    return text


def _closing_quote(text: str, start: int, closers: str) -> int:
    """Index of the quote that closes at or after `start`: one followed by space or the end."""
    for j in range(start, len(text)):
        if text[j] in closers and (j + 1 == len(text) or text[j + 1].isspace()):
            return j
    return -1
