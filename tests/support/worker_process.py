"""A worker process to kill: `baton worker`'s loop on DATABASE_URL with the real clock, whose
platform appends each message it sends to a file, one line each (its summary and context).

    python -m tests.support.worker_process DATABASE_URL SENT_FILE [SCHEMA]
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
from bot.handlers.console.render import render_lines
from bot.platforms import PlatformRegistry
from scheduler.worker import run_blocking_worker
from tests.support.fake_platform import FakePlatform


class Recording(FakePlatform):
    """Appends `target | message` for each post and direct message to `sent`."""

    def __init__(self, sent: Path) -> None:
        super().__init__(write=lambda _line: None, tz="Europe/Berlin")
        self.sent = sent
        self._lock = threading.Lock()

    def _record(self, target: str, message: Message) -> None:
        line = " ".join(line.strip() for line in render_lines(message) if "[1:" not in line)
        with self._lock, self.sent.open("a") as out:
            out.write(f"{target} | {line}\n")

    # Nothing is kept in memory (as a real platform keeps nothing): the file is the record,
    # and the bench measures the worker's memory, not a transcript's.

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        self._record(f"#{channel_id}", message)
        return self._ref()

    def direct(self, user_id: str, message: Message, *, images: Sequence[Image] = ()) -> str:
        self._record(f"@{user_id}", message)
        return self._ref()

    def update(self, ref: str, message: Message, *, images: Sequence[Image] = ()) -> None:
        self._record(ref, message)

    def _ref(self) -> str:
        self._counter += 1
        return f"m{self._counter}.{self._session}"


def main(url: str, sent: str, schema: str | None) -> None:
    platforms = PlatformRegistry()
    platform = Recording(Path(sent))
    platforms.register("console", lambda _team: platform)
    settings = Settings(database_url=url, database_schema=schema or None)
    baton = build(settings, platforms=platforms, migrate=False)
    run_blocking_worker(baton, 1.0, baton.db.engine)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
