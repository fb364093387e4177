"""A small HTTP/1.1 load generator: keep-alive connections sending prepared requests.

Written on asyncio streams rather than an HTTP library so that the client spends as little as
possible of the machine's two cores, which the server under test needs.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from bench.measure import percentile


@dataclass
class LoadResult:
    """Latencies (ms) of the requests, the wall time of the run and the failures."""

    millis: list[float] = field(default_factory=list)
    seconds: float = 0.0
    failures: int = 0
    statuses: dict[int, int] = field(default_factory=dict)

    def figures(self) -> dict[str, float | int]:
        ordered = sorted(self.millis)
        if not ordered:
            return {"n": 0, "errors": self.failures}
        return {
            "n": len(ordered),
            "requests_per_s": round(len(ordered) / self.seconds, 1),
            "p50_ms": round(percentile(ordered, 0.50), 2),
            "p90_ms": round(percentile(ordered, 0.90), 2),
            "p99_ms": round(percentile(ordered, 0.99), 2),
            "max_ms": round(ordered[-1], 2),
            "errors": self.failures,
        }


def http_post(host: str, port: int, path: str, body: bytes, headers: dict[str, str]) -> bytes:
    """One POST request as bytes, ready to be written to a keep-alive connection."""
    lines = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def _client(host: str, port: int, queue: asyncio.Queue[bytes], result: LoadResult) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while True:
            try:
                request = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            start = time.perf_counter()
            writer.write(request)
            status, _ = await _read_response(reader)
            result.millis.append((time.perf_counter() - start) * 1000)
            result.statuses[status] = result.statuses.get(status, 0) + 1
            if status != 200:
                result.failures += 1
    finally:
        writer.close()
        await writer.wait_closed()


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    body = await reader.readexactly(length) if length else b""
    return status, body


async def _run(host: str, port: int, requests: list[bytes], clients: int) -> LoadResult:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    result = LoadResult()
    start = time.perf_counter()
    await asyncio.gather(*(_client(host, port, queue, result) for _ in range(clients)))
    result.seconds = time.perf_counter() - start
    return result


def run_load(host: str, port: int, requests: list[bytes], clients: int) -> LoadResult:
    """Sends `requests` over `clients` concurrent keep-alive connections."""
    return asyncio.run(_run(host, port, requests, clients))
