"""French and German recurrences in the words `every.py` reads: `tous les lundis à 9h` and
`jeden Montag um 9 Uhr` become `every monday à 9h` and `every monday um 9 Uhr` (the time is
read as it is said). Only a phrase that starts like a recurrence is rewritten.
"""

from __future__ import annotations

import re

_DAYS = {
    "lundi": "monday",
    "mardi": "tuesday",
    "mercredi": "wednesday",
    "jeudi": "thursday",
    "vendredi": "friday",
    "samedi": "saturday",
    "dimanche": "sunday",
    "montag": "monday",
    "dienstag": "tuesday",
    "mittwoch": "wednesday",
    "donnerstag": "thursday",
    "freitag": "friday",
    "samstag": "saturday",
    "sonnabend": "saturday",
    "sonntag": "sunday",
}
_DAY_WORDS = {
    **_DAYS,
    **{name + "s": english for name, english in _DAYS.items()},  # lundis, montags
}
_UNITS = {
    "jour": "day",
    "jours": "days",
    "semaine": "week",
    "semaines": "weeks",
    "mois": "months",
    "an": "year",
    "ans": "years",
    "année": "year",
    "tag": "day",
    "tage": "days",
    "woche": "week",
    "wochen": "weeks",
    "monat": "month",
    "monate": "months",
    "jahr": "year",
    "jahre": "years",
}
_NUMBERS = {"deux": "2", "trois": "3", "quatre": "4", "zwei": "2", "drei": "3", "vier": "4"}
_WORDS = {**_DAY_WORDS, **_UNITS, **_NUMBERS, "et": "and", "und": "and", "le": "on", "am": "on"}

# Whole phrases first, longest first: each is the English that `every.py` reads.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"(?:tous les|chaque) jours? (?:ouvrés?|ouvrables?)", "every weekday"),
    (r"du lundi au vendredi", "every weekday"),
    (r"(?:jeden werktag|werktags|an werktagen|montags bis freitags)", "every weekday"),
    (r"(?:tous les jours|chaque jour|quotidiennement)", "every day"),
    (r"(?:jeden tag|täglich)", "every day"),
    (r"(?:toutes les deux semaines|une semaine sur deux)", "every other week"),
    (r"(?:jede zweite woche|alle zwei wochen)", "every other week"),
    (r"(?:un|une) (\w+) sur deux", r"every other \1"),
    (r"jeden zweiten (\w+)", r"every other \1"),
    (r"(?:tous les|toutes les|chaque) mois", "every month"),
    (r"(?:jeden monat|monatlich)", "every month"),
    (r"(?:toutes les semaines|chaque semaine|hebdomadaire)", "every week"),
    (r"(?:jede woche|wöchentlich)", "every week"),
    (r"(?:tous les|toutes les|chaque)", "every"),
    (r"(?:jeden|jede|jedes|alle)", "every"),
)
_STARTS = re.compile(
    r"^(?:every|tous les|toutes les|chaque|une? \w+ sur deux|du lundi|quotidiennement|"
    r"hebdomadaire|jeden|jede|jedes|"
    r"alle|täglich|werktags|an werktagen|montags|wöchentlich|monatlich|"
    + "|".join(name + "s" for name in _DAYS if name.endswith("tag") or name == "mittwoch")
    + r")\b",
    re.IGNORECASE,
)
_GERMAN_DAYS = re.compile(
    r"^(?:montags|dienstags|mittwochs|donnerstags|freitags|samstags|sonntags)\b(?! bis)"
)
_ORDINAL_FR = re.compile(r"\b1er\b")


def starts_recurrence(phrase: str) -> bool:
    """Whether `phrase` begins like a recurrence, in English, French or German."""
    return bool(_STARTS.match(phrase.strip()))


def in_english(phrase: str) -> str:
    """The recurrence `phrase` in the English words of `every.py`; other words as they are."""
    text = " ".join(phrase.replace(",", " , ").split()).lower()
    if text.startswith("every "):
        return text
    if _GERMAN_DAYS.match(text):
        text = "every " + text  # "montags um 9 Uhr"
    for pattern, english in _PHRASES:
        replaced, count = re.subn(rf"^{pattern}\b", english, text)
        if count:
            text = replaced
            break
    if not text.startswith("every"):
        return text
    text = _ORDINAL_FR.sub("1st", text)
    return " ".join(_WORDS.get(word, word) for word in text.split())
