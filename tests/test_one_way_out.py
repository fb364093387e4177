"""The way out of Baton: messages drawn for their reader, nothing sent inside a transaction,
nothing lost when a sender dies."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from bot.app import Baton, build
from bot.commands.drawing import Drawing
from bot.commands.invocation import Invocation
from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.core.message import Message
from bot.core.platform import Image
from bot.platforms import PlatformRegistry
from scheduler.outbox import LEASE
from storage.models import OutboxMessage, OutboxState
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform

ROOT = Path(__file__).resolve().parent.parent


def test_a_channel_card_keeps_the_channels_time_whoever_presses(
    chat: Chat, platform: FakePlatform
) -> None:
    platform.add_person("nora", tz="America/New_York")
    created = chat.say("/baton task add Call the dealer due tomorrow 10:00")
    assert "Due: Thu 26 Nov 2026 10:00" in created, "drawn in the workspace's zone (Berlin)"
    snoozed = chat.click("Snooze 1d", user="nora")
    assert "(updated)" in snoozed
    assert "Due: Fri 27 Nov 2026 10:00" in snoozed, "still Berlin time after a New Yorker pressed"
    chat.say("/baton task assign T-1 @nora")
    [told] = chat.dms("nora")
    assert "@bob assigned you T-1" in told
    assert "Fri 27 Nov 2026 04:00" in "\n".join(chat.lines), "the DM is in Nora's zone"


def test_a_channel_reads_baton_in_its_own_zone_once_it_chose_one(chat: Chat) -> None:
    assert "now show times in Asia/Tokyo" in chat.say(
        "/baton settings channel tz asia/tokyo", channel="tokyo"
    )
    created = chat.say("/baton task add Ship the parts due tomorrow 10:00", channel="tokyo")
    assert "Due: Thu 26 Nov 2026 18:00" in created
    assert "is not a time zone I know" in chat.say(
        "/baton settings channel tz Mars/Base", channel="tokyo"
    )


class Hanging(FakePlatform):
    """Blocks every post until `release` is set, as a platform that takes its time."""

    def __init__(self) -> None:
        super().__init__(write=lambda _line: None, tz="Europe/Berlin")
        self.release = threading.Event()
        self.waiting = threading.Event()

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        self.waiting.set()
        self.release.wait(timeout=30)
        return super().post(channel_id, message, delivery=delivery, images=images)


def test_a_slow_platform_holds_no_lock_another_command_needs(
    settings: Settings, clock: SimulatedClock
) -> None:
    platform = Hanging()
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(settings, clock=clock, platforms=platforms, migrate=False)
    chat = Chat(baton, platform)
    platform.write = chat.lines.append
    try:
        sender = threading.Thread(target=chat.say, args=("/baton task add Print the flyers",))
        sender.start()
        assert platform.waiting.wait(timeout=10), "the card's post has started"
        # While the post hangs, another person's command runs to its end.
        other = threading.Thread(target=chat.say, args=("/baton agenda add Budget",))
        other.start()
        other.join(timeout=10)
        assert not other.is_alive(), "the other command waited for the platform"
        assert sender.is_alive(), "the slow post is still going on"
        assert "Budget" in "\n".join(chat.lines)
        platform.release.set()
        sender.join(timeout=10)
        assert "T-1 Print the flyers" in "\n".join(chat.lines)
    finally:
        platform.release.set()
        baton.db.dispose()


def test_a_sender_killed_mid_send_loses_nothing(
    baton: Baton, settings: Settings, clock: SimulatedClock, platform: FakePlatform, tmp_path: Path
) -> None:
    actor = Chat(baton, FakePlatform(write=lambda _line: None)).actor("bob", "general")
    for title in ("Book the booth", "Print the HANG flyers", "Rent a van"):
        baton.dispatcher.dispatch(Invocation(actor=actor, text=f"task add {title}"))
    sent = tmp_path / "sent.txt"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "tests.support.sender", settings.database_url, str(sent)]
    if settings.database_schema:
        env["DATABASE_SCHEMA"] = settings.database_schema
    sender = subprocess.Popen(command, cwd=ROOT, env=env)
    try:
        deadline = time.monotonic() + 30
        while "HANG" not in (sent.read_text() if sent.exists() else ""):
            assert time.monotonic() < deadline, "the sender never reached the hanging post"
            time.sleep(0.05)
    finally:
        sender.kill()
        sender.wait()
    assert sent.read_text().splitlines() == ["T-1 Book the booth", "T-2 Print the HANG flyers"]

    # A new sender, once the dead one's lease has run out, sends what is left.
    clock.set(datetime.now(UTC) + LEASE + timedelta(seconds=1))
    assert baton.deliver_outbox() == 2
    with baton.db.transaction() as session:
        states = session.scalars(select(OutboxMessage.state).where(OutboxMessage.kind == "post"))
        assert set(states) == {OutboxState.SENT}
    posted = [p.message.summary for p in platform.messages]
    assert posted == ["T-2 Print the HANG flyers", "T-3 Rent a van"], (
        "only the post that was cut off goes out a second time, and the order holds"
    )


def test_a_pass_that_breaks_off_while_drawing_gives_its_rows_back_at_once(
    baton: Baton, platform: FakePlatform, monkeypatch: pytest.MonkeyPatch
) -> None:
    actor = Chat(baton, FakePlatform(write=lambda _line: None)).actor("bob", "general")
    baton.dispatcher.dispatch(Invocation(actor=actor, text="task add Book the booth"))

    def database_gone(*_args: object) -> None:
        raise OperationalError("SELECT …", {}, Exception("server closed the connection"))

    monkeypatch.setattr(Drawing, "preload", database_gone)
    with pytest.raises(OperationalError):
        baton.deliver_outbox()
    with baton.db.transaction() as session:
        rows = session.execute(select(OutboxMessage.state, OutboxMessage.claimed_until)).all()
    assert rows, "the task's card was queued"
    assert {tuple(row) for row in rows} == {(OutboxState.PENDING, None)}, (
        "given back, not held until the lease runs out"
    )

    monkeypatch.undo()
    assert baton.deliver_outbox() >= 1, "the next pass sends them, the clock unmoved"
    assert [p.message.summary for p in platform.messages] == ["T-1 Book the booth"]
