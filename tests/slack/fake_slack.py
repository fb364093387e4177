"""A local fake of Slack's Web API: a threaded HTTP server on 127.0.0.1 that records every call.

Baton's real Slack client (slack_sdk) talks to it through SLACK_API_URL. Responses are shaped
as Slack documents them, including errors (`not_in_channel`, `invalid_auth`, HTTP 429 with
Retry-After). It also serves the `response_url`s of payloads, and can be run on its own
(`python -m tests.slack.fake_slack --port 8901`) for benchmarks.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from tests.slack.fake_slack_api import answer
from tests.slack.fake_slack_files import receive
from tests.slack.fake_slack_state import SlackState

Params = dict[str, Any]
DROP = "(connection closed)"


@dataclass(frozen=True)
class Call:
    """One request Baton made: the API method (or `response_url`), its parameters and token."""

    method: str
    params: Params
    token: str | None
    path: str
    headers: dict[str, str] = field(default_factory=dict)
    response: Params = field(default_factory=dict)


@dataclass
class Failure:
    error: str
    status: int = 200
    retry_after: int | None = None
    times: int = 1


class FakeSlack:
    """The fake server; `state` holds workspaces, people, channels and posted messages."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, record: bool = True) -> None:
        self.state = SlackState()
        self.calls: list[Call] = []
        self.record = record
        """False keeps only the counts (`GET /stats`), for long benchmark runs."""
        self.counts: dict[str, int] = {}
        self._failures: dict[str, list[Failure]] = {}
        self._holds: dict[str, threading.Event] = {}
        self._late: dict[str, list[float]] = {}
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer((host, port), _handler_for(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self.state.upload_base = self.url

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def response_url(self, name: str) -> str:
        """A response_url for a payload; what Baton posts to it is recorded as `response_url`."""
        return f"{self.url}/hooks/{name}"

    def start(self) -> FakeSlack:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def fail(
        self,
        method: str,
        error: str,
        *,
        status: int = 200,
        retry_after: int | None = None,
        times: int = 1,
    ) -> None:
        """Makes the next `times` calls of `method` fail as Slack would."""
        self._failures.setdefault(method, []).append(Failure(error, status, retry_after, times))

    def drop(self, method: str, *, times: int = 1) -> None:
        """Makes the next `times` calls of `method` end with a closed connection, no answer."""
        self.fail(method, DROP, times=times)

    def hold(self, method: str) -> threading.Event:
        """Makes calls of `method` wait until the returned event is set (a slow Slack)."""
        return self._holds.setdefault(method, threading.Event())

    def answer_late(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Makes the next `times` calls of `method` take effect at once but answer only
        after `seconds`: a Slack that did the work and was too slow to say so."""
        self._late.setdefault(method, []).extend([seconds] * times)

    def of(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(
        self,
        method: str,
        count: int = 1,
        *,
        timeout: float = 10.0,
        where: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Waits until at least `count` calls of `method` (matching `where`) were recorded."""

        def matching() -> list[Call]:
            return [c for c in self.calls if c.method == method and (where is None or where(c))]

        with self._changed:
            if not self._changed.wait_for(lambda: len(matching()) >= count, timeout):
                seen = [c.method for c in self.calls]
                raise AssertionError(f"expected {count} {method} call(s) in {timeout}s; saw {seen}")
            return matching()

    def upload(self, path: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """Receives the bytes of a file at its upload URL; recorded as `upload`."""
        file_id = path.rsplit("/", 1)[-1]
        failure = self._next_failure("upload")
        if failure is not None and failure.error == DROP:
            self._record(Call("upload", {"file_id": file_id}, None, path, headers))
            return 0, DROP.encode()
        if failure is not None:
            status, body = failure.status or 500, failure.error.encode()
        else:
            with self._changed:
                status, body = receive(self.state, file_id, data)
        params = {"file_id": file_id, "length": len(data)}
        self._record(Call("upload", params, None, path, headers, {"status": status}))
        return status, body

    def _record(self, call: Call) -> None:
        with self._changed:
            self.counts[call.method] = self.counts.get(call.method, 0) + 1
            if self.record:
                self.calls.append(call)
            self._changed.notify_all()

    def _next_failure(self, method: str) -> Failure | None:
        with self._changed:
            queue = self._failures.get(method) or []
            if not queue:
                return None
            failure = queue[0]
            failure.times -= 1
            if failure.times <= 0:
                queue.pop(0)
            return failure

    def handle(
        self, path: str, params: Params, headers: dict[str, str]
    ) -> tuple[int, dict[str, str], bytes]:
        """Answers one request: (status, headers, body)."""
        token = _token(headers, params)
        if path == "/stats":
            with self._changed:
                return 200, {}, _json(dict(self.counts))
        if path.startswith("/hooks/"):
            failure = self._next_failure("response_url")
            self._record(Call("response_url", params, None, path, headers))
            if failure is not None:  # Slack answers a failed response_url in plain text
                return failure.status or 500, {"Content-Type": "text/plain"}, b"internal_error"
            return 200, {"Content-Type": "text/plain"}, b"ok"
        method = path.removeprefix("/api/")
        held = self._holds.get(method)
        if held is not None:
            held.wait(timeout=30)
        failure = self._next_failure(method)
        if failure is not None:
            extra = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            response: Params = {"ok": False, "error": failure.error}
            status = failure.status
            if failure.error == DROP:
                self._record(Call(method, params, token, path, headers, response))
                return 0, {}, DROP.encode()
        else:
            extra, status = {}, 200
            response = answer(self.state, method, params, token, headers)
        self._record(Call(method, params, token, path, headers, response))
        with self._changed:
            delays = self._late.get(method)
            delay = delays.pop(0) if delays else 0.0
        if delay:
            time.sleep(delay)
        return status, extra, _json(response)


def _json(payload: Params) -> bytes:
    return json.dumps(payload).encode()


def _token(headers: dict[str, str], params: Params) -> str | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip()
    token = params.get("token")
    return str(token) if token else None


def _handler_for(fake: FakeSlack) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

        def _serve(self) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            data = self.rfile.read(length) if length else b""
            headers = {k.lower(): v for k, v in self.headers.items()}
            if split.path.startswith("/upload/"):  # a file's bytes, as they are
                status, body = fake.upload(split.path, data, headers)
                extra = {"Content-Type": "text/plain"}
            else:
                raw = data.decode()
                params: Params = dict(parse_qsl(split.query))
                if raw.startswith("{"):
                    params.update(json.loads(raw))
                elif raw:
                    params.update(dict(parse_qsl(raw, keep_blank_values=True)))
                status, extra, body = fake.handle(split.path, params, headers)
            if body == DROP.encode():
                self.close_connection = True  # hang up without an answer
                return
            self.send_response(status)
            self.send_header(
                "Content-Type", extra.pop("Content-Type", "application/json; charset=utf-8")
            )
            for name, value in extra.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            try:
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client gave up waiting (a late answer)

        do_GET = _serve  # noqa: N815
        do_POST = _serve  # noqa: N815

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the fake Slack Web API on its own.")
    parser.add_argument("--port", type=int, default=8901)
    parser.add_argument("--token", default="xoxb-bench")
    parser.add_argument("--team", default="T0BENCH")
    args = parser.parse_args()
    fake = FakeSlack(port=args.port, record=False)
    fake.state.add_workspace(args.team, "bench", args.token)
    fake.start()
    print(f"fake Slack on {fake.url}", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        fake.stop()


if __name__ == "__main__":
    main()
