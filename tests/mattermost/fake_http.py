"""Serves a `FakeMattermost` over HTTP/1.1 with keep-alive, as a real server would.

python -m tests.mattermost.fake_http --port 8065 [--teams ws-0,ws-1] [--channels general]
    [--members user-0,user-1]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.fake_routes import new_id


class FakeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # as Go's net/http does: no 40 ms wait between header and body
    server: FakeServer

    def _serve(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        auth = self.headers.get("Authorization", "")
        content_type = self.headers.get("Content-Type", "")
        answer = self.server.fake.handle(self.command, self.path, auth, raw, content_type)
        if delay := self.server.fake.answer_delay(self.command, self.path):
            time.sleep(delay)
        if isinstance(answer.body, bytes):
            data, content_type = answer.body, "text/plain; charset=utf-8"
        else:
            data, content_type = json.dumps(answer.body).encode(), "application/json"
        self.send_response(answer.status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Request-Id", new_id())
        self.send_header("X-Version-Id", "9.11.0.fake")
        for name, value in answer.headers.items():
            self.send_header(name, value)
        try:
            self.end_headers()
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up waiting (a late answer)

    def do_GET(self) -> None:
        self._serve()

    def do_POST(self) -> None:
        self._serve()

    def do_PUT(self) -> None:
        self._serve()

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: tests read `FakeMattermost.calls` instead."""


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], fake: FakeMattermost) -> None:
        self.fake = fake
        self.connections: set[socket.socket] = set()
        super().__init__(address, FakeHandler)

    def process_request(self, request: Any, client_address: Any) -> None:
        self.connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        self.connections.discard(request)
        super().shutdown_request(request)

    def drop_connections(self) -> None:
        """Closes kept-alive connections too, as a server going down does."""
        for connection in list(self.connections):
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8065)
    parser.add_argument("--token", default="bot-token")
    parser.add_argument("--teams", default="", help="team ids to create, comma-separated")
    parser.add_argument("--channels", default="", help="channel ids (in the first team)")
    parser.add_argument("--members", default="", help="user ids that are members of every team")
    args = parser.parse_args()
    fake = FakeMattermost(token=args.token).start(args.port)
    teams = [fake.add_team(t, team_id=t) for t in args.teams.split(",") if t]
    members = [{"id": user_id} for user_id in args.members.split(",") if user_id]
    for team in teams:
        fake.join(team, *members)
    for channel_id in (c for c in args.channels.split(",") if c):
        fake.add_channel(teams[0], channel_id, channel_id=channel_id)
    print(json.dumps({"url": fake.url}), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
