"""A flood of slash commands, as people send them: each person types in one channel, and
sends the next command once the last one was acknowledged.

Every command is `/baton task comment T-1 <sender> <n>`: its effect is one comment with the
body `<sender> <n>`, and its reply goes to its own response URL, so both can be counted.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.payloads import payload
from tests.slack.fake_slack import FakeSlack
from tests.slack.payloads import load, sign

QUIET = {"response_type": "ephemeral", "text": ""}
_requests = itertools.count(1)
"""Numbers every request sent from this process: trigger ids are never the same twice."""


@dataclass(frozen=True)
class Sent:
    """One command: what it says, where its reply goes."""

    body: str
    text: str
    response_url: str


@dataclass
class Sender:
    """One person typing commands in one channel."""

    name: str
    request: Callable[[httpx.Client, str, str], tuple[httpx.Response, str]]
    """Sends `/baton <text>` as `name`; gives the response and the command's response URL."""
    acked: list[Sent] = field(default_factory=list)
    refused: list[Sent] = field(default_factory=list)

    def command(self, n: int) -> str:
        return f"task comment T-1 {self.name} {n}"


def slack_sender(fake: FakeSlack, secret: str, *, team: str, user: str, channel: str) -> Sender:
    name = f"slack-{user}-{channel}".lower()

    def request(http: httpx.Client, url: str, text: str) -> tuple[httpx.Response, str]:
        n = next(_requests)
        fields = load("slash_command")
        fields.pop("enterprise_id")
        fields.pop("enterprise_name")
        response_url = fake.response_url(f"commands/{name}-{n}")
        fields.update(
            team_id=team,
            team_domain="acme",
            channel_id=channel,
            channel_name=channel.lower(),
            user_id=user,
            user_name=user.lower(),
            command="/baton",
            text=text,
            response_url=response_url,
            trigger_id=f"{n}.{n}.{name}{n:04d}",
        )
        body = urlencode({k: str(v) for k, v in fields.items()})
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": sign(secret, stamp, body),
        }
        return http.post(f"{url}/slack/events", content=body, headers=headers), response_url

    return Sender(name, request)


def mattermost_sender(
    fake: FakeMattermost,
    token: str,
    *,
    team: dict[str, Any],
    user: dict[str, Any],
    channel: dict[str, Any],
) -> Sender:
    name = f"mm-{user['username']}-{channel['name']}"

    def request(http: httpx.Client, url: str, text: str) -> tuple[httpx.Response, str]:
        response_url = fake.issue_response_url(user["id"], channel["id"])
        fields = payload("slash_command")["fields"] | {
            "channel_id": channel["id"],
            "channel_name": channel["name"],
            "command": "/baton",
            "response_url": response_url,
            "team_domain": team["name"],
            "team_id": team["id"],
            "text": text,
            "token": "",
            "trigger_id": fake.issue_trigger(user["id"]),
            "user_id": user["id"],
            "user_name": user["username"],
        }
        headers = {"Authorization": f"Token {token}"}
        return http.post(f"{url}/mattermost/command", data=fields, headers=headers), response_url

    return Sender(name, request)


def acknowledged(response: httpx.Response) -> bool:
    if response.status_code != 200:
        return False
    if response.request.url.path.startswith("/mattermost/"):
        return bool(response.json() == QUIET)
    return True


class Flood:
    """Every sender sends `each` commands in a thread of its own; a sender stops at the first
    command that is not acknowledged (the process is gone: a person would see an error)."""

    def __init__(self, url: str, senders: list[Sender], each: int) -> None:
        self.url = url
        self.senders = senders
        self.each = each
        self._acked = threading.Semaphore(0)
        self._threads = [
            threading.Thread(target=self._send_all, args=(sender,), daemon=True)
            for sender in senders
        ]

    def start(self) -> Flood:
        for thread in self._threads:
            thread.start()
        return self

    def wait_for_acks(self, count: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        for _ in range(count):
            assert self._acked.acquire(timeout=max(deadline - time.monotonic(), 0.01)), (
                f"fewer than {count} commands were acknowledged in {timeout}s"
            )

    def join(self, timeout: float = 60.0) -> None:
        for thread in self._threads:
            thread.join(timeout)
            assert not thread.is_alive(), "a sender is still sending"

    @property
    def acked(self) -> list[Sent]:
        return [sent for sender in self.senders for sent in sender.acked]

    @property
    def refused(self) -> list[Sent]:
        return [sent for sender in self.senders for sent in sender.refused]

    def _send_all(self, sender: Sender) -> None:
        with httpx.Client(timeout=10) as http:
            for n in range(1, self.each + 1):
                text = sender.command(n)
                body = f"{sender.name} {n}"
                try:
                    response, response_url = sender.request(http, self.url, text)
                except httpx.HTTPError:
                    sender.refused.append(Sent(body, text, ""))
                    return
                sent = Sent(body, text, response_url)
                if not acknowledged(response):
                    sender.refused.append(sent)
                    return
                sender.acked.append(sent)
                self._acked.release()
