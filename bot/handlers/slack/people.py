"""People as Slack knows them: names, time zones and languages from `users.info`.

Lookups are cached for a day per workspace; Baton's members table keeps its own daily copy,
so a stale entry here only delays a rename or a new time zone by a day.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.platform import Profile
from bot.handlers.slack.client import platform_error

CACHE_SECONDS = 24 * 3600
_MAX_ENTRIES = 50_000
_DIRECTORY_PAGES = 50  # 10,000 people at 200 a page
_LANGUAGES = ("en", "fr", "de")


def profile_of(user: dict[str, Any]) -> Profile:
    """A `users.info` user object as a Profile."""
    details = user.get("profile") or {}
    display = details.get("display_name") or details.get("real_name") or user.get("real_name")
    locale = str(user.get("locale") or "")[:2].lower()
    return Profile(
        user_id=str(user["id"]),
        name=str(user.get("name") or user["id"]),
        display_name=str(display or user.get("name") or ""),
        tz=user.get("tz") or None,
        lang=locale if locale in _LANGUAGES else None,
        is_admin=bool(user.get("is_admin") or user.get("is_owner")),
    )


class People:
    """Cached `users.info` and handle lookups, shared by every workspace of the process."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._profiles: dict[tuple[str, str], tuple[float, Profile | None]] = {}
        self._handles: dict[str, tuple[float, dict[str, str]]] = {}
        self._lock = threading.Lock()

    def profile(self, team_id: str, client: WebClient, user_id: str) -> Profile | None:
        """The person `user_id`, or None when Slack has no such person."""
        key = (team_id, user_id)
        cached = self._profiles.get(key)
        if cached is not None and cached[0] > self._clock():
            return cached[1]
        try:
            response = client.users_info(user=user_id, include_locale=True)
        except SlackApiError as error:
            if error.response.get("error") in ("user_not_found", "users_not_found"):
                self._remember(key, None)
                return None
            raise platform_error(error) from error
        found = profile_of(response["user"])
        self._remember(key, found)
        return found

    def find(self, team_id: str, client: WebClient, handle: str) -> Profile | None:
        """The person whose handle or display name is `handle` (without '@')."""
        wanted = handle.lower().lstrip("@")
        cached = self._handles.get(team_id)
        if cached is None or cached[0] <= self._clock():
            cached = (self._clock() + CACHE_SECONDS, self._directory(client))
            self._handles[team_id] = cached
        user_id = cached[1].get(wanted)
        return self.profile(team_id, client, user_id) if user_id else None

    def _directory(self, client: WebClient) -> dict[str, str]:
        """Handles and display names to user ids, from `users.list`."""
        found: dict[str, str] = {}
        cursor = None
        try:
            for _ in range(_DIRECTORY_PAGES):
                page = client.users_list(limit=200, cursor=cursor)
                for user in page.get("members") or []:
                    if user.get("deleted"):
                        continue
                    details = user.get("profile") or {}
                    for name in (details.get("display_name"), user.get("name")):
                        if name:
                            found.setdefault(str(name).lower(), str(user["id"]))
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except SlackApiError as error:
            raise platform_error(error) from error
        return found

    def _remember(self, key: tuple[str, str], profile: Profile | None) -> None:
        with self._lock:
            if len(self._profiles) >= _MAX_ENTRIES:
                self._profiles.clear()
            self._profiles[key] = (self._clock() + CACHE_SECONDS, profile)
