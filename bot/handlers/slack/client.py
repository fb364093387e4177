"""Slack Web API clients that retry a broken connection once and leave rate limits to the outbox.

A call answered with 429 fails at once with the wait Slack asked for (`Retry-After`), so no
thread sleeps through a rate-limit window: the outbox sends the message again after it.
"""

from __future__ import annotations

from collections.abc import Mapping

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from bot.core.platform import PlatformError

TIMEOUT_SECONDS = 10
# Errors that a later attempt may not meet; the outbox retries those with backoff.
_RETRYABLE = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def retry_handlers() -> list[RetryHandler]:
    """Retries when a connection breaks before Slack answered."""
    return [ConnectionErrorRetryHandler(max_retry_count=2)]


def web_client(token: str | None, base_url: str) -> WebClient:
    """A Web API client for `token` talking to `base_url` (SLACK_API_URL)."""
    return WebClient(
        token=token,
        base_url=base_url if base_url.endswith("/") else base_url + "/",
        timeout=TIMEOUT_SECONDS,
        retry_handlers=retry_handlers(),
    )


def webhook(url: str) -> WebhookClient:
    """A client for one `response_url`."""
    return WebhookClient(url, timeout=TIMEOUT_SECONDS, retry_handlers=retry_handlers())


def platform_error(error: SlackApiError) -> PlatformError:
    """A Slack API error as Baton's PlatformError, keeping Slack's error code."""
    code = str(error.response.get("error") or "unknown_error")
    status = error.response.status_code
    retryable = code in _RETRYABLE or status == 429 or status >= 500
    return PlatformError(
        code,
        str(error.response.get("needed") or ""),
        retryable=retryable,
        retry_after=_retry_after(error.response.headers),
    )


def _retry_after(headers: Mapping[str, object] | None) -> float | None:
    """Slack's `Retry-After`, in seconds, when it sent one."""
    for name, value in (headers or {}).items():
        if name.lower() == "retry-after":
            try:
                return max(float(str(value if not isinstance(value, list) else value[0])), 0.0)
            except ValueError:
                return None
    return None
