"""Slack Web API clients that wait out rate limits and retry broken connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.webhook import WebhookClient

from bot.core.platform import PlatformError

TIMEOUT_SECONDS = 10
# Errors that a later attempt may not meet; the outbox retries those with backoff.
_RETRYABLE = frozenset(
    {"ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}
)


def retry_handlers() -> list[RetryHandler]:
    """Waits for `Retry-After` on HTTP 429 and retries once when a connection breaks."""
    return [ConnectionErrorRetryHandler(max_retry_count=2), RateLimitErrorRetryHandler(2)]


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
    return PlatformError(code, str(error.response.get("needed") or ""), retryable=retryable)
