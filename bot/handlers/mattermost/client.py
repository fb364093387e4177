"""The one door to the Mattermost API v4: mattermostdriver's Driver, behind one class.

mattermostdriver is archived upstream (its README points to the fork mattermostautodriver), so
nothing outside this module touches it and it can be swapped here alone. Its websocket helper is
not used. Failed calls are retried with backoff on 429 and 5xx, honouring Retry-After and
X-Ratelimit-Reset, and end as a `PlatformError` whose `retryable` tells the outbox what to do.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlsplit

import requests
from mattermostdriver import Driver

from bot.core.platform import PlatformError
from bot.handlers.mattermost.origin import origin
from bot.handlers.mattermost.retry import server_hint
from bot.handlers.mattermost.transport import PooledClient

_CODES = {400: "invalid", 401: "unauthorized", 403: "forbidden", 404: "not_found"}


class MattermostClient:
    """Calls the Mattermost API as the bot account whose token is `token`."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        timeout: float = 10.0,
        connection_attempts: int = 2,
    ) -> None:
        parts = urlsplit(url if "://" in url else f"https://{url}")
        scheme = parts.scheme or "https"
        options = {
            "scheme": scheme,
            "url": parts.hostname or "localhost",
            "port": parts.port or (443 if scheme == "https" else 80),
            "basepath": parts.path.rstrip("/") + "/api/v4",
            "token": token,
            "request_timeout": timeout,
        }
        self._driver = Driver(options, client_cls=PooledClient)
        self._hooks = requests.Session()  # response URLs: no bot token goes there
        self._hooks.trust_env = False  # as the API session: proxies once, no .netrc
        self._hooks.proxies = requests.utils.get_environ_proxies(f"{scheme}://{parts.netloc}")
        self._timeout = timeout
        self._origin = origin(url)
        self._driver.client.token = token  # no login round trip: the token is the session
        self._connection_attempts = connection_attempts
        self._bot_id: str | None = None

    def bot_user_id(self) -> str:
        """The bot account's own user id (asked once)."""
        if self._bot_id is None:
            self._bot_id = str(self._call(lambda: self._driver.users.get_user("me"))["id"])
        return self._bot_id

    def get_user(self, user_id: str) -> dict[str, Any] | None:
        return self._maybe(lambda: self._driver.users.get_user(user_id))

    def get_user_by_username(self, username: str) -> dict[str, Any] | None:
        return self._maybe(lambda: self._driver.users.get_user_by_username(username))

    def get_team_by_name(self, name: str) -> dict[str, Any] | None:
        return self._maybe(lambda: self._driver.teams.get_team_by_name(name))

    def get_team_member(self, team_id: str, user_id: str) -> dict[str, Any] | None:
        """The person's membership of the team (None when they never joined it)."""
        return self._maybe(lambda: self._driver.teams.get_team_member(team_id, user_id))

    def create_post(self, post: dict[str, Any]) -> dict[str, Any]:
        return dict(self._call(lambda: self._driver.posts.create_post(post)))

    def get_post(self, post_id: str) -> dict[str, Any]:
        return dict(self._call(lambda: self._driver.posts.get_post(post_id)))

    def upload_files(self, channel_id: str, files: Sequence[tuple[str, bytes]]) -> list[str]:
        """Uploads `files` (name and bytes of PNG images) to `channel_id` with one
        POST /files (multipart); the file ids, for the post that will carry them."""
        parts = [("files", (name, data, "image/png")) for name, data in files]
        answer = self._call(lambda: self._driver.files.upload_file(channel_id, parts))
        return [str(info["id"]) for info in answer.get("file_infos") or []]

    def channel_posts(self, channel_id: str, *, per_page: int) -> dict[str, Any]:
        """The channel's newest posts, as Mattermost's post list (`order` and `posts`)."""
        params = {"page": 0, "per_page": per_page}
        return dict(
            self._call(lambda: self._driver.posts.get_posts_for_channel(channel_id, params))
        )

    def patch_post(self, post_id: str, patch: dict[str, Any]) -> dict[str, Any]:
        return dict(self._call(lambda: self._driver.posts.patch_post(post_id, patch)))

    def create_ephemeral_post(self, user_id: str, post: dict[str, Any]) -> dict[str, Any]:
        body = {"user_id": user_id, "post": post}
        return dict(self._call(lambda: self._driver.posts.create_ephemeral_post(body)))

    def create_direct_channel(self, user_ids: list[str]) -> dict[str, Any]:
        call = self._driver.channels.create_direct_message_channel
        return dict(self._call(lambda: call(user_ids)))

    def open_dialog(self, request: dict[str, Any]) -> None:
        self._call(lambda: self._driver.integration_actions.open_dialog(request))

    def respond(self, response_url: str, response: dict[str, Any]) -> None:
        """Posts a slash command response to the command's `response_url` (no credentials:
        the URL itself is the permission, for 30 minutes and five uses). Only URLs on this
        client's server are used: a request could name any URL, and the reply is private."""
        if origin(response_url) != self._origin:
            raise PlatformError("foreign_host", "the response URL is not on MATTERMOST_URL's host")

        def send() -> None:
            answer = self._hooks.post(response_url, json=response, timeout=self._timeout)
            answer.raise_for_status()

        self._call(send)

    def list_commands(self, team_id: str) -> list[dict[str, Any]]:
        params = {"team_id": team_id, "custom_only": "true"}
        return list(self._call(lambda: self._driver.commands.list_commands_for_team(params)))

    def create_command(self, command: dict[str, Any]) -> dict[str, Any]:
        return dict(self._call(lambda: self._driver.commands.create_command(command)))

    def _maybe(self, call: Callable[[], Any]) -> dict[str, Any] | None:
        """The object, or None when Mattermost says there is no such thing."""
        try:
            return dict(self._call(call))
        except PlatformError as error:
            if error.code == "not_found":
                return None
            raise

    def _call(self, call: Callable[[], Any]) -> Any:
        """Calls Mattermost; a broken connection is tried again at once (a few times), but a
        429 or a 5xx fails with the wait the server asked for: the outbox sends it again
        then, and no thread sleeps through a rate-limit window."""
        attempt = 0
        while True:
            attempt += 1
            try:
                result = call()
            except requests.HTTPError as error:
                raise _http_error(error.response) from error
            except requests.ReadTimeout as error:
                # The server may have done it and answered too late: not repeated in place
                # (a post would be made twice); the outbox looks before it posts again.
                raise PlatformError("timeout", str(error)[:300], retryable=True) from error
            except (requests.ConnectionError, requests.Timeout) as error:
                if attempt >= self._connection_attempts:
                    raise PlatformError("unreachable", str(error)[:300], retryable=True) from error
                continue
            # The driver hands back the raw response when the content type is not exactly
            # application/json (as some proxies send it).
            return result.json() if isinstance(result, requests.Response) else result


def _http_error(response: requests.Response | None) -> PlatformError:
    status = response.status_code if response is not None else 0
    code = "rate_limited" if status == 429 else _CODES.get(status, f"http_{status}")
    # X-Ratelimit-Reset may be an epoch time: only the wall clock compares with it.
    hint = server_hint(response.headers, time.time()) if response is not None else None
    return PlatformError(
        code, _detail(response), retryable=status == 429 or status >= 500, retry_after=hint
    )


def _detail(response: requests.Response | None) -> str:
    if response is None:
        return ""
    try:
        body = response.json()
    except ValueError:
        return response.text[:300]
    return str(body.get("message", body))[:300] if isinstance(body, dict) else str(body)[:300]
