"""Spotting a new task that looks like an open one ("No duplicate work").

Two titles count as the same piece of work when, after normalising both:

1. their token-sort ratio reaches `THRESHOLD`: word order, stop words and a short extra
   detail ("... for Anna") do not matter, much added scope does;
2. they do not each have a word the other lacks ("furniture"/"catering", "Anna"/"Ben",
   "Q1"/"Q2"): one differing word is the whole point of a short title, which a ratio
   cannot see, so this guard decides it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

#: Below this token-sort ratio two titles are different work. Identical word sets score 100,
#: typos and inflections 90+, and 80 still lets one side add words half as long as the rest.
THRESHOLD = 80.0
#: Two different words still count as the same word at this ratio (typos: furnture, Muller).
_WORD_THRESHOLD = 90.0

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})  # Müller == Mueller
_POSSESSIVE = re.compile(r"['’]s\b")  # Anna's laptop == laptop for Anna
_WORD = re.compile(r"[^\W_]+")
# Function words in en/de/fr, written as normalise() leaves them (für -> fuer, à -> a).
_STOP_WORDS = (
    "a an the for to of and or in on at with about by from re "
    "der die das den dem des ein eine einen einem einer fuer und oder mit zum zur von im am auf "
    "le la les l un une du de d pour et ou avec au aux en"
)
# Ways of saying "get hold of something" are one verb: "Order furniture" == "Book furniture",
# while a different action ("Assemble furniture") stays a different word for the guard.
_ACQUIRE_WORDS = (
    "order book booking buy purchase reserve get "
    "bestellen buchen kaufen besorgen reservieren commander reserver acheter"
)
_STOP, _ACQUIRE = frozenset(_STOP_WORDS.split()), frozenset(_ACQUIRE_WORDS.split())


@dataclass(frozen=True, slots=True)
class SimilarTitle:
    """An open task whose title looks like the new one."""

    key: int
    title: str
    score: float


@lru_cache(maxsize=32_768)  # open titles are rescanned on every `task add`: normalise once
def normalise(text: str) -> str:
    """Sorted lowercase words without accents, stop words or plural s; synonyms folded."""
    text = _POSSESSIVE.sub("", text.casefold()).translate(_FOLD)
    if not text.isascii():  # strip accents: hôtel == hotel, réserver == reserver
        text = "".join(
            c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
        )
    words = []
    for word in _WORD.findall(text):
        if word in _STOP:
            continue
        plural = len(word) > 3 and word.endswith("s") and not word.endswith("ss")
        stem = word[:-1] if plural else word
        words.append("order" if stem in _ACQUIRE else stem)
    # Sorted, so that a plain ratio is the token-sort ratio without re-sorting every scan.
    return " ".join(sorted(words))


def _same_word(word: str, others: list[str]) -> bool:
    """Whether `others` holds `word`, allowing a typo or an inflection (renew/renewal)."""
    if any(c.isdigit() for c in word):  # Q1/Q2, invoice 1042/1043: numbers must be equal
        return word in others
    for other in others:  # a few letters more is an inflection, not test/testimonial
        short, long = sorted((word, other), key=len)
        if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3:
            return True
    return (
        process.extractOne(word, others, scorer=fuzz.ratio, score_cutoff=_WORD_THRESHOLD)
        is not None
    )


def _differ(a: str, b: str) -> bool:
    """Whether each side names something the other does not (see the module docstring)."""
    wa, wb = a.split(), b.split()
    return not all(_same_word(w, wb) for w in wa) and not all(_same_word(w, wa) for w in wb)


def find_similar(
    title: str, candidates: Iterable[tuple[int, str]], *, limit: int = 3
) -> list[SimilarTitle]:
    """Candidates that look like the same piece of work, best first.

    Args:
        title: The new task's title.
        candidates: `(key, title)` of the open tasks to compare against.
        limit: At most this many results.
    """
    pairs = dict(candidates)
    return find_similar_normalised(
        title, {key: normalise(t) for key, t in pairs.items()}, pairs, limit=limit
    )


def find_similar_normalised(
    title: str, normalised: Mapping[int, str], titles: Mapping[int, str], *, limit: int = 3
) -> list[SimilarTitle]:
    """`find_similar` over candidates already normalised (`normalised[key]` of `titles[key]`)."""
    query = normalise(title)
    if not query or not normalised or limit <= 0:
        return []
    # The C scan with a cutoff keeps the Python guard to the handful of close titles.
    hits = process.extract(
        query, normalised, scorer=fuzz.ratio, processor=None, score_cutoff=THRESHOLD, limit=None
    )
    found = [
        SimilarTitle(key, titles[key], score)
        for candidate, score, key in hits
        if not _differ(query, candidate)
    ]
    return found[:limit]
