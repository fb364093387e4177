"""A sending process to kill: delivers the outbox of DATABASE_URL, writing each post to a file,
and hangs for good on the post whose text contains "HANG" (as a platform call that never
returns would).

    python -m tests.support.sender DATABASE_URL SENT_FILE
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from bot.app import build
from bot.config import Settings
from bot.core.message import Message
from bot.core.platform import Image
from bot.platforms import PlatformRegistry
from tests.support.fake_platform import FakePlatform


class Recording(FakePlatform):
    """Writes one line per post to `sent`, then hangs on the one that says HANG."""

    def __init__(self, sent: Path) -> None:
        super().__init__(write=lambda _line: None)
        self.sent = sent

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        with self.sent.open("a") as out:
            out.write(message.summary + "\n")
        if "HANG" in message.summary:
            threading.Event().wait()
        return super().post(channel_id, message, delivery=delivery, images=images)


def main(url: str, sent: str) -> None:
    platforms = PlatformRegistry()
    platform = Recording(Path(sent))
    platforms.register("console", lambda _team: platform)
    baton = build(Settings(database_url=url), platforms=platforms, migrate=False)
    baton.deliver_outbox()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
