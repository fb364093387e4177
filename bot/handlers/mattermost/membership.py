"""Whether a person belongs to a Mattermost team: asked of the server, remembered a few minutes.

Every request acts in one team (its token's, or the one signed into a button or a dialog), and
only that team's members may act there: otherwise someone of another team could read its tasks
or become one of its members in Baton. The answer comes from
GET /api/v4/teams/{team_id}/members/{user_id}; a member who left keeps the row, with
`delete_at` set.

Each process remembers answers for itself, keyed by team and person. A remembered answer is
at most `ttl` seconds old, so a person removed from a team can act there a few minutes longer,
never in another team; no process depends on another's memory. What Mattermost could not
answer is not remembered.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Protocol

from bot.core.platform import PlatformError

log = logging.getLogger(__name__)

MEMBER_TTL = 300.0
NON_MEMBER_TTL = 30.0
"""Shorter: someone just added to the team should not wait long."""
MAX_REMEMBERED = 10_000
"""Bounds the memory that requests naming made-up people can take."""


class MemberLookup(Protocol):
    def get_team_member(self, team_id: str, user_id: str) -> dict[str, Any] | None: ...


class TeamMembership:
    def __init__(
        self,
        client: MemberLookup,
        *,
        ttl: float = MEMBER_TTL,
        non_member_ttl: float = NON_MEMBER_TTL,
        max_remembered: int = MAX_REMEMBERED,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._client = client
        self._ttl = ttl
        self._non_member_ttl = non_member_ttl
        self._max = max_remembered
        self._clock = clock
        self._known: OrderedDict[tuple[str, str], tuple[bool, float]] = OrderedDict()
        self._lock = threading.Lock()

    def is_member(self, team_id: str, user_id: str) -> bool:
        """Whether `user_id` is a member of `team_id` now; a PlatformError when Mattermost
        cannot say (the caller refuses: nobody is let in unchecked)."""
        key = (team_id, user_id)
        now = self._clock()
        with self._lock:
            known = self._known.get(key)
        if known is not None and known[1] > now:
            return known[0]
        try:
            member = self._client.get_team_member(team_id, user_id)
        except PlatformError as error:
            if error.code != "forbidden":
                raise
            # Not remembered: the operator may add the bot to the team any moment.
            log.warning(
                "Baton may not see the members of Mattermost team %s, so nobody there can use "
                "it: add the bot account to the team (%s)",
                team_id,
                error,
            )
            return False
        answer = _is_current(member, team_id, user_id)
        self._remember(key, answer, now + (self._ttl if answer else self._non_member_ttl))
        return answer

    def _remember(self, key: tuple[str, str], answer: bool, until: float) -> None:
        with self._lock:
            self._known[key] = (answer, until)
            self._known.move_to_end(key)
            while len(self._known) > self._max:
                self._known.popitem(last=False)


def _is_current(member: dict[str, Any] | None, team_id: str, user_id: str) -> bool:
    if member is None:
        return False
    return (
        member.get("team_id") == team_id
        and member.get("user_id") == user_id
        and not member.get("delete_at")
    )
