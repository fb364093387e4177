"""A Mattermost API v4 server on 127.0.0.1, for tests and the bench: its state and behaviour.

It implements the endpoints Baton calls (`fake_routes`), answers with the shapes of Mattermost's
API reference (templates in `payloads/`), validates what Baton sends the way the server does
(bearer token, post actions, dialogs, trigger expiry) and records every call. It can answer 429
with rate-limit headers or 5xx on demand, and go down and come back up on the same port.
`fake_http` serves it; `python -m tests.mattermost.fake_http --port 8065` runs it on its own.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import parse_qs, urlsplit

from tests.mattermost.fake_files import multipart
from tests.mattermost.fake_routes import ROUTES, Answer, ApiError, Response, new_id
from tests.mattermost.payloads import payload

if TYPE_CHECKING:
    from tests.mattermost.fake_http import FakeServer

T = TypeVar("T")


def now_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class Call:
    method: str
    path: str
    query: dict[str, list[str]]
    body: Any
    status: int = 0


@dataclass
class Fault:
    status: int
    times: int
    headers: dict[str, str]
    body: bytes
    path: re.Pattern[str] | None


@dataclass
class FakeMattermost:
    """The state of one Mattermost server: people, teams, channels, posts and what was asked."""

    token: str = "bot-token"
    trigger_timeout: float = 3.0
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    teams: dict[str, dict[str, Any]] = field(default_factory=dict)
    channels: dict[str, dict[str, Any]] = field(default_factory=dict)
    members: dict[str, set[str]] = field(default_factory=dict)
    team_members: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    """Team id -> user id -> TeamMember; leaving sets `delete_at` and keeps the row."""
    posts: dict[str, dict[str, Any]] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Uploaded files by id: their FileInfo, with `data` (the bytes) and `post_id` once attached."""
    ephemerals: dict[str, tuple[str, dict[str, Any]]] = field(default_factory=dict)
    commands: dict[str, dict[str, Any]] = field(default_factory=dict)
    dialogs: list[dict[str, Any]] = field(default_factory=list)
    triggers: dict[str, tuple[str, float]] = field(default_factory=dict)
    hooks: dict[str, tuple[str, str]] = field(default_factory=dict)
    responses: list[Response] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    late: list[tuple[re.Pattern[str], float]] = field(default_factory=list)
    """Requests (method and path) that take effect at once but are answered after a delay."""
    lock: threading.RLock = field(default_factory=threading.RLock)
    port: int = 0
    _server: FakeServer | None = None

    def __post_init__(self) -> None:
        self.bot = self.add_user("baton", is_bot=True)

    # --- the directory -------------------------------------------------------------------

    def add_user(
        self,
        username: str,
        *,
        tz: str = "Europe/Berlin",
        automatic: bool = False,
        locale: str = "en",
        is_bot: bool = False,
    ) -> dict[str, Any]:
        user = payload("api_user", id=new_id(), username=username, locale=locale)
        user["email"] = f"{username}@example.com"
        user["timezone"] = {
            "useAutomaticTimezone": "true" if automatic else "false",
            "automaticTimezone": tz if automatic else "",
            "manualTimezone": "" if automatic else tz,
        }
        if is_bot:
            user["is_bot"] = True
        self.users[user["id"]] = user
        return user

    def add_team(self, name: str, *, team_id: str = "", bot_member: bool = True) -> dict[str, Any]:
        """A team; the bot account is added to it as an administrator does (README, step 2)."""
        team_id = team_id or new_id()
        team = payload("api_team", id=team_id, name=name, display_name=name.title())
        self.teams[team["id"]] = team
        self.team_members[team["id"]] = {}
        if bot_member:
            self.join(team, self.bot)
        return team

    def join(self, team: dict[str, Any], *users: dict[str, Any]) -> None:
        """Makes `users` members of `team` (again, if they had left)."""
        with self.lock:
            for user in users:
                member = payload("api_team_member", team_id=team["id"], user_id=user["id"])
                self.team_members[team["id"]][user["id"]] = member

    def leave(self, team: dict[str, Any], user: dict[str, Any]) -> None:
        """`user` leaves `team`: as on the server, the membership row stays, deleted."""
        with self.lock:
            self.team_members[team["id"]][user["id"]]["delete_at"] = now_ms()

    def is_team_member(self, team_id: str, user_id: str) -> bool:
        member = self.team_members.get(team_id, {}).get(user_id)
        return member is not None and member["delete_at"] == 0

    def add_channel(
        self, team: dict[str, Any], name: str, *, bot_member: bool = True, channel_id: str = ""
    ) -> dict[str, Any]:
        channel = payload(
            "api_channel",
            id=channel_id or new_id(),
            team_id=team["id"],
            type="O",
            name=name,
            display_name=name,
        )
        self.channels[channel["id"]] = channel
        self.members[channel["id"]] = {self.bot["id"]} if bot_member else set()
        return channel

    def issue_trigger(self, user_id: str) -> str:
        """A trigger id as the server makes them: base64 of `client id:user id:millis:signature`."""
        raw = (
            f"{new_id()}:{user_id}:{now_ms()}:{base64.b64encode(secrets.token_bytes(70)).decode()}"
        )
        trigger = base64.b64encode(raw.encode()).decode()
        with self.lock:
            self.triggers[trigger] = (user_id, time.monotonic())
        return trigger

    def issue_response_url(self, user_id: str, channel_id: str) -> str:
        """The response URL of one slash command run by `user_id` in `channel_id`."""
        hook = new_id()
        with self.lock:
            self.hooks[hook] = (user_id, channel_id)
        return f"{self.url}/hooks/commands/{hook}"

    # --- faults and lifecycle ------------------------------------------------------------

    def fail_next(
        self,
        status: int,
        *,
        times: int = 1,
        headers: dict[str, str] | None = None,
        body: bytes = b"",
        path: str | None = None,
    ) -> None:
        """The next `times` requests (to paths matching `path`) answer `status`."""
        pattern = re.compile(path) if path else None
        with self.lock:
            self.faults.append(Fault(status, times, dict(headers or {}), body, pattern))

    def answer_late(self, method: str, path: str, seconds: float) -> None:
        """The next `method` request to a path matching `path` takes effect at once but is
        answered only after `seconds`: a server that did the work, too slow to say so."""
        with self.lock:
            self.late.append((re.compile(f"{method} {path}"), seconds))

    def answer_delay(self, method: str, target: str) -> float:
        """How long to hold the answer to this request (see `answer_late`)."""
        request = f"{method} {urlsplit(target).path.removeprefix('/api/v4')}"
        with self.lock:
            for index, (pattern, seconds) in enumerate(self.late):
                if pattern.fullmatch(request):
                    del self.late[index]
                    return seconds
        return 0.0

    def rate_limit_next(self, *, reset: int = 1, times: int = 1, path: str | None = None) -> None:
        """Answers 429 as Mattermost's rate limiter does (body `limit exceeded`)."""
        headers = {
            "X-Ratelimit-Limit": "10",
            "X-Ratelimit-Remaining": "0",
            "X-Ratelimit-Reset": str(reset),
            "Retry-After": str(reset),
        }
        self.fail_next(429, times=times, headers=headers, body=b"limit exceeded\n", path=path)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> FakeMattermost:
        from tests.mattermost.fake_http import FakeServer

        server = FakeServer(("127.0.0.1", port or self.port), self)
        self.port = server.server_address[1]
        self._server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.drop_connections()
            server.server_close()

    def down(self) -> None:
        """Unreachable: connections refused until `up()`; the state is kept."""
        self.stop()

    def up(self) -> None:
        self.start(self.port)

    # --- what tests look at --------------------------------------------------------------

    def calls_to(self, method: str, path: str) -> list[Call]:
        pattern = re.compile(path)
        with self.lock:
            return [c for c in self.calls if c.method == method and pattern.fullmatch(c.path)]

    def posts_in(self, channel_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [p for p in self.posts.values() if p["channel_id"] == channel_id]

    def ephemerals_for(self, user_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return [post for user, post in self.ephemerals.values() if user == user_id]

    def responses_to(self, response_url: str) -> list[Response]:
        hook = response_url.rsplit("/", 1)[-1]
        with self.lock:
            return [r for r in self.responses if r.hook == hook]

    def direct_channel(self, user_id: str) -> dict[str, Any] | None:
        name = "__".join(sorted((self.bot["id"], user_id)))
        return next((c for c in self.channels.values() if c["name"] == name), None)

    def wait_for(self, condition: Callable[[], T | None], timeout: float = 5.0) -> T:
        """Polls `condition` until it gives something truthy (Baton delivers in the background)."""
        deadline = time.monotonic() + timeout
        while True:
            result = condition()
            if result:
                return result
            if time.monotonic() > deadline:
                recent = [f"{c.method} {c.path} {c.status}" for c in self.calls[-10:]]
                raise AssertionError(f"timed out after {timeout}s; last calls: {recent}")
            time.sleep(0.02)

    # --- serving -------------------------------------------------------------------------

    def handle(
        self, method: str, target: str, authorization: str, raw: bytes, content_type: str = ""
    ) -> Answer:
        parts = urlsplit(target)
        path = parts.path.removeprefix("/api/v4")
        body: Any
        try:
            if content_type.startswith("multipart/form-data"):
                body = multipart(raw, content_type)
            else:
                body = json.loads(raw) if raw else None
        except ValueError:
            body = raw.decode(errors="replace")
        except ApiError as error:
            return Answer(error.status, api_error(error.status, error.error_id, error.message))
        call = Call(method, path, parse_qs(parts.query), body)
        with self.lock:
            self.calls.append(call)
            answer = self._answer(method, path, call, authorization)
        call.status = answer.status
        return answer

    def _answer(self, method: str, path: str, call: Call, authorization: str) -> Answer:
        for fault in self.faults:
            if fault.times > 0 and (fault.path is None or fault.path.search(path)):
                fault.times -= 1
                return Answer(fault.status, fault.body or api_error(fault.status), fault.headers)
        # A response URL needs no credentials: its id is the permission.
        if authorization != f"Bearer {self.token}" and not path.startswith("/hooks/"):
            return Answer(401, api_error(401, "api.context.session_expired.app_error"))
        for route_method, pattern, handler in ROUTES:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                try:
                    return handler(self, match, call)
                except ApiError as error:
                    return Answer(
                        error.status, api_error(error.status, error.error_id, error.message)
                    )
        return Answer(
            404, api_error(404, "api.context.404.app_error", "Sorry, we could not find the page.")
        )


def api_error(status: int, error_id: str = "app_error", message: str = "") -> dict[str, Any]:
    return payload(
        "api_error",
        id=error_id,
        message=message or f"error {status}",
        request_id=new_id(),
        status_code=status,
    )
