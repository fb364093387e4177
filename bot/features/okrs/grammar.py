"""The words of OKRs: `/baton okr add|checkin|list|show|chart|cadence …`."""

from __future__ import annotations

from bot.commands.models import Command, Help, UserRef
from bot.commands.tokens import unquote
from bot.commands.words import channel_ref, unknown, user_ref
from bot.core.errors import UserError
from bot.core.okrs.cadence_words import parse_cadence
from bot.core.okrs.checkins import MAX_CHECKIN_COMMENT
from bot.core.okrs.key_results import MILESTONE_UNIT
from bot.core.okrs.periods import looks_like_period
from bot.core.okrs.refs import (
    looks_like_objective_ref,
    parse_key_result_ref,
    parse_objective_ref,
)
from bot.core.okrs.values import parse_value
from bot.features.okrs import commands as m
from storage.models import KeyResultKind, OkrStatus

USAGE: dict[str, str] = {
    "okr add objective": "/baton okr add objective <title> [period 2026-Q4] [#channel]",
    "okr add kr": "/baton okr add kr O-n <title> from <start> to <target> [unit <u>] [@owner]",
    "okr add kr milestone": "/baton okr add kr O-n <title> milestone [@owner]",
    "okr add kr tasks": "/baton okr add kr O-n <title> tasks to <N> [@owner]",
    "okr checkin": "/baton okr checkin K-n <value> [on-track|at-risk|off-track] [comment]",
    "okr owner": "/baton okr owner K-n @someone",
    "okr list": "/baton okr list [2026-Q4]",
    "okr show": "/baton okr show O-n",
    "okr chart": "/baton okr chart O-n",
    "okr link": "/baton task add <title> … for K-n   /baton run <template> … for K-n",
    "okr cadence": (
        "/baton okr cadence [weekly|every 2 weeks|monthly] [on <weekday>] [at <HH:MM>] "
        "[cutoff <N>h]"
    ),
}
MAX_OKR_TITLE = 500
_CONFIDENCE = {
    "on-track": OkrStatus.ON_TRACK,
    "at-risk": OkrStatus.AT_RISK,
    "off-track": OkrStatus.OFF_TRACK,
}


def okr(words: list[str]) -> Command:
    """`okr <sub> …`; `okr O-2` shows it, and a bare `okr` is help on OKRs."""
    words = _percent_signs_joined(words)
    if not words:
        return Help(topic="okr")
    sub, rest = words[0].lower(), words[1:]
    if len(words) == 1 and looks_like_objective_ref(sub):
        return m.OkrShow(objective=parse_objective_ref(sub))
    if sub in ("show", "chart"):
        if len(rest) != 1:
            raise UserError("error.usage", usage=USAGE[f"okr {sub}"])
        number = parse_objective_ref(rest[0])
        return m.OkrShow(objective=number) if sub == "show" else m.OkrChart(objective=number)
    if sub == "add":
        return _add(rest)
    if sub in ("checkin", "check-in"):
        return _checkin(rest)
    if sub == "owner":
        return _owner(rest)
    if sub == "list":
        return m.OkrList(period=" ".join(rest) or None)
    if sub == "cadence":
        change = parse_cadence(rest) if rest else None
        return m.OkrCadenceSet(**vars(change)) if change else m.OkrCadenceSet()
    raise unknown(
        f"okr {words[0]}",
        ["okr add", "okr checkin", "okr owner", "okr list", "okr show", "okr chart", "okr cadence"],
    )


def _percent_signs_joined(words: list[str]) -> list[str]:
    """`87 %` is one value: a lone percent sign belongs to the number before it (after `unit`
    it is the unit itself)."""
    joined: list[str] = []
    for word in words:
        if word == "%" and joined and joined[-1].lower() != "unit":
            joined[-1] += "%"
        else:
            joined.append(word)
    return joined


def _title(words: list[str], usage: str) -> str:
    title = unquote(" ".join(words)).strip()
    if not title:
        raise UserError("okr.error.title_empty", usage=usage)
    if len(title) > MAX_OKR_TITLE:
        raise UserError("error.title_too_long", limit=MAX_OKR_TITLE, length=len(title))
    return title


def _add(words: list[str]) -> Command:
    what = words[0].lower() if words else ""
    if what in ("objective", "o"):
        return _add_objective(words[1:])
    if what in ("kr", "key-result", "k"):
        return _add_key_result(words[1:])
    raise UserError(
        "okr.error.add_what", objective=USAGE["okr add objective"], kr=USAGE["okr add kr"]
    )


def _add_objective(words: list[str]) -> m.OkrAddObjective:
    usage = USAGE["okr add objective"]
    channel, period = None, None
    for _ in range(2):  # `#channel` and `period …` at the end, in either order
        if len(words) > 1 and (ref := channel_ref(words[-1])) and channel is None:
            channel, words = ref, words[:-1]
        lowered = [word.lower() for word in words]
        if period is None and "period" in lowered:
            at = len(lowered) - 1 - lowered[::-1].index("period")
            if at + 1 < len(words) and looks_like_period(words[at + 1]):
                period, words = " ".join(words[at + 1 :]), words[:at]
    return m.OkrAddObjective(title=_title(words, usage), period=period, channel=channel)


def _add_key_result(words: list[str]) -> m.OkrAddKeyResult:
    usage = USAGE["okr add kr"]
    if len(words) < 2:
        raise UserError("error.usage", usage=usage)
    objective = parse_objective_ref(words[0])
    rest = words[1:]
    owner: UserRef | None = None
    if rest and (ref := user_ref(rest[-1])):
        owner, rest = ref, rest[:-1]
    lowered = [word.lower() for word in rest]
    common: dict[str, object] = {"objective": objective, "owner": owner}
    if lowered and lowered[-1] == "milestone":
        return m.OkrAddKeyResult(
            title=_title(rest[:-1], USAGE["okr add kr milestone"]),
            kind=KeyResultKind.MILESTONE,
            start=0.0,
            target=100.0,
            unit=MILESTONE_UNIT,
            **common,
        )
    if len(lowered) >= 3 and lowered[-3:-1] == ["tasks", "to"]:
        return m.OkrAddKeyResult(
            title=_title(rest[:-3], USAGE["okr add kr tasks"]),
            kind=KeyResultKind.TASKS,
            start=0.0,
            target=parse_value(rest[-1]),
            **common,
        )
    starts = [i for i in range(len(lowered) - 3) if lowered[i] == "from" and lowered[i + 2] == "to"]
    if not starts:
        raise UserError(
            "okr.error.kr_measure",
            metric=usage,
            milestone=USAGE["okr add kr milestone"],
            tasks=USAGE["okr add kr tasks"],
        )
    at = starts[-1]
    start, target = parse_value(rest[at + 1]), parse_value(rest[at + 3])
    tail = rest[at + 4 :]
    unit = MILESTONE_UNIT if "%" in rest[at + 1] + rest[at + 3] else ""
    if tail:
        if tail[0].lower() != "unit" or len(tail) < 2:
            raise UserError("error.usage", usage=usage)
        unit = unquote(" ".join(tail[1:])).strip()
    return m.OkrAddKeyResult(
        title=_title(rest[:at], usage), start=start, target=target, unit=unit, **common
    )


def _owner(words: list[str]) -> m.OkrOwner:
    usage = USAGE["okr owner"]
    owner = user_ref(words[1]) if len(words) == 2 else None
    if owner is None:
        raise UserError("error.usage", usage=usage)
    return m.OkrOwner(key_result=parse_key_result_ref(words[0]), owner=owner)


def _checkin(words: list[str]) -> m.OkrCheckin:
    usage = USAGE["okr checkin"]
    if len(words) < 2:
        raise UserError("error.usage", usage=usage)
    key_result = parse_key_result_ref(words[0])
    value = parse_value(words[1])
    rest = words[2:]
    confidence = None
    head = [word.lower() for word in rest[:2]]
    if head and head[0] in _CONFIDENCE:
        confidence, rest = _CONFIDENCE[head[0]], rest[1:]
    elif len(head) == 2 and "-".join(head) in _CONFIDENCE:
        confidence, rest = _CONFIDENCE["-".join(head)], rest[2:]
    comment = unquote(" ".join(rest)).strip()
    if len(comment) > MAX_CHECKIN_COMMENT:
        raise UserError("error.comment_too_long", limit=MAX_CHECKIN_COMMENT)
    return m.OkrCheckin(key_result=key_result, value=value, confidence=confidence, comment=comment)
