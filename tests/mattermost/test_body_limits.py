"""Mattermost's endpoints read at most 64 KiB of a body, declared or streamed."""

from __future__ import annotations

import httpx

from bot.handlers.mattermost.routes import MAX_BODY
from tests.mattermost.conftest import Served
from tests.support.streaming import stream_body

PATHS = ("/mattermost/command", "/mattermost/actions", "/mattermost/dialogs")


def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(served: Served) -> None:
    for path in PATHS:
        answer = stream_body(served.url, path, 16 * MAX_BODY, declared=100_000_000)
        assert answer.status == 413, path
        assert answer.sent < 16 * MAX_BODY, f"{path}: all of it went out before the answer"
        assert answer.closed, path


def test_a_streamed_body_over_the_limit_is_refused_as_it_passes_it(served: Served) -> None:
    total = 256 * MAX_BODY  # 16 MiB
    for path in PATHS:
        answer = stream_body(served.url, path, total, content_type="application/json")
        assert answer.status == 413, path
        assert answer.sent < total // 4, f"{path}: {answer.sent} of {total} bytes went out first"
        assert answer.closed, path
    assert httpx.get(served.url + "/healthz").status_code == 200
