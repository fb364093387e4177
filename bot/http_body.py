"""Request bodies read with a ceiling, so a hostile request costs no more memory than the limit.

A declared `Content-Length` over the limit is refused before a byte of the body is read; a
body without one (chunked) is refused as soon as what arrived passes the limit. The rest is
never read: uvicorn takes from the socket only as the application asks (beyond 64 KiB the
sender is held back by TCP), and the refusal says `Connection: close`, without which uvicorn
would go on reading and discarding the rest to keep the connection alive.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request

TOO_LARGE = 413


class BodyTooLargeError(HTTPException):
    """Starlette answers it with 413 wherever an endpoint lets it through."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            TOO_LARGE, f"request body over {limit} bytes", headers={"Connection": "close"}
        )


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, at most `limit` bytes; BodyTooLargeError past that."""
    declared = request.headers.get("content-length", "").strip()
    if declared.isdigit() and int(declared) > limit:
        raise BodyTooLargeError(limit)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLargeError(limit)
    return bytes(body)
