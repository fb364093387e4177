"""A fake Socket Mode endpoint: the WebSocket that `apps.connections.open` points Baton to.

It sends envelopes as Slack does (docs.slack.dev/apis/events-api/using-socket-mode) and
records the acknowledgements Baton sends back.
"""

from __future__ import annotations

import json
import queue
import threading
from typing import Any

from websockets.sync.server import Server, ServerConnection, serve


class FakeSocketMode:
    def __init__(self) -> None:
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._connection: ServerConnection | None = None
        self._server: Server = serve(self._handle, "127.0.0.1", 0, compression=None)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=fake-ticket&app_id=A0BATON"

    def start(self) -> FakeSocketMode:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)

    def _handle(self, connection: ServerConnection) -> None:
        self._connection = connection
        connection.send(
            json.dumps(
                {
                    "type": "hello",
                    "num_connections": 1,
                    "debug_info": {"host": "fake"},
                    "connection_info": {"app_id": "A0BATON"},
                }
            )
        )
        self.connected.set()
        for message in connection:
            self.acks.put(json.loads(message))

    def send(self, envelope: dict[str, Any]) -> None:
        assert self._connection is not None, "Baton has not connected"
        self._connection.send(json.dumps(envelope))

    def ack_for(self, envelope_id: str, timeout: float = 10.0) -> dict[str, Any]:
        """The acknowledgement Baton sent for `envelope_id`."""
        while True:
            ack = self.acks.get(timeout=timeout)
            if ack.get("envelope_id") == envelope_id:
                return ack
