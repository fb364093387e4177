"""A client that streams a large body slowly and notes how much went out before the answer.

httpx would send the whole body before reading the response; this one writes a chunk at a
time over a raw socket and stops as soon as the server answers (or closes), so a test can
tell a server that refused early from one that read everything first, without either side
holding the body in memory.
"""

from __future__ import annotations

import select
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

CHUNK = 64 * 1024


@dataclass
class Streamed:
    status: int | None
    """The response's status, None when the server never answered."""
    sent: int
    """Body bytes written to the socket before the answer came."""
    closed: bool
    """Whether the server closed the connection after answering."""


def stream_body(
    url: str,
    path: str,
    total: int,
    *,
    declared: int | None = None,
    content_type: str = "application/x-www-form-urlencoded",
    headers: dict[str, str] | None = None,
    timeout: float = 10.0,
) -> Streamed:
    """POSTs `total` bytes of body to `path`, chunked unless `declared` gives a Content-Length.

    Waits at most `timeout` seconds for progress (a chunk accepted or an answer).
    """
    parts = urlsplit(url)
    sock = socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 80))
    sock.settimeout(timeout)
    # A small send buffer, so "sent" is close to what the server took.
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, CHUNK)
    try:
        head = [f"POST {path} HTTP/1.1", f"Host: {parts.netloc}", f"Content-Type: {content_type}"]
        head.append(f"Content-Length: {declared}" if declared else "Transfer-Encoding: chunked")
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
        return _stream(sock, total, chunked=declared is None, timeout=timeout)
    finally:
        sock.close()


def _stream(sock: socket.socket, total: int, *, chunked: bool, timeout: float) -> Streamed:
    sent = 0
    data = b"x" * CHUNK
    while True:
        want_write = [sock] if sent < total else []
        readable, writable, _ = select.select([sock], want_write, [], timeout)
        if readable:
            return _answer(sock, sent)
        if not writable:
            return Streamed(None, sent, closed=False)
        piece = data[: min(CHUNK, total - sent)]
        frame = f"{len(piece):x}\r\n".encode() + piece + b"\r\n" if chunked else piece
        try:
            sock.sendall(frame)
        except (BrokenPipeError, ConnectionResetError):
            return _answer(sock, sent)
        sent += len(piece)
        if sent >= total and chunked:
            sock.sendall(b"0\r\n\r\n")


def _answer(sock: socket.socket, sent: int) -> Streamed:
    received = b""
    try:
        while chunk := sock.recv(65536):
            received += chunk
            if b"\r\n\r\n" in received and _complete(received):
                break
        closed = _closes(sock)
    except ConnectionResetError:
        closed = True
    except TimeoutError:
        closed = False
    line = received.split(b"\r\n", 1)[0].split()
    status = int(line[1]) if len(line) > 1 and line[1].isdigit() else None
    return Streamed(status, sent, closed)


def _complete(received: bytes) -> bool:
    head, _, body = received.partition(b"\r\n\r\n")
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return len(body) >= int(value.strip())
    return True


def _closes(sock: socket.socket, wait: float = 5.0) -> bool:
    """Whether the server ends the connection soon after answering."""
    readable, _, _ = select.select([sock], [], [], wait)
    if not readable:
        return False
    try:
        return sock.recv(65536) == b""
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
