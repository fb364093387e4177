"""A message's charts into Slack, as PNG files shared in the message's thread.

Slack's upload flow is three calls, made by slack_sdk's `files_upload_v2`:
files.getUploadURLExternal (a file id and an upload URL per file), the bytes POSTed to that
URL, then files.completeUploadExternal sharing the files in the channel, here as a reply in
the thread of the message they belong to (`thread_ts`). The message itself is posted first
with chat.postMessage, so it keeps its buttons and its delivery mark, which a file share
carries neither of.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.client import HTTPException
from urllib.error import HTTPError

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackRequestError

from bot.core.platform import Image, PlatformError
from bot.handlers.slack.client import platform_error

THREAD_LOOKBACK = 50
"""How many replies of a message are searched for its images, before sharing them again."""


@contextmanager
def upload_errors() -> Iterator[None]:
    """Turns what can go wrong in the upload flow into a PlatformError: Slack's error code
    for an API call, `upload_failed` for the upload itself (retryable unless the upload URL
    refused the file)."""
    try:
        yield
    except SlackApiError as error:
        raise platform_error(error) from error
    except HTTPError as error:
        retryable = error.code >= 500 or error.code == 429
        raise PlatformError("upload_failed", str(error.code), retryable=retryable) from error
    except (SlackRequestError, OSError, HTTPException) as error:
        raise PlatformError("upload_failed", repr(error)[:300], retryable=True) from error


def share_in_thread(client: WebClient, channel_id: str, ts: str, images: Sequence[Image]) -> None:
    """Uploads `images` and shares them, all in one reply, in the thread of message `ts`."""
    uploads = [
        {"content": image.png, "filename": image.name, "title": image.title, "alt_txt": image.title}
        for image in images
    ]
    with upload_errors():
        client.files_upload_v2(file_uploads=uploads, channel=channel_id, thread_ts=ts)


def thread_has(client: WebClient, channel_id: str, ts: str, images: Sequence[Image]) -> bool:
    """Whether the thread of message `ts` already holds files named as each of `images`: an
    earlier attempt shared them, and its answer was lost."""
    with upload_errors():
        replies = client.conversations_replies(channel=channel_id, ts=ts, limit=THREAD_LOOKBACK)
    names = {
        str(shared.get("name"))
        for reply in replies.get("messages") or []
        if str(reply.get("ts")) != ts
        for shared in reply.get("files") or []
    }
    return {image.name for image in images} <= names
