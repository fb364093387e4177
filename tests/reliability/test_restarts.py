"""`baton serve` killed or stopped in the middle of a flood, then started again: every command
it acknowledged is done exactly once, in each person's order, and answered.

The flood is 200 slash commands, half through Slack and half through Mattermost, from eight
people in four channels, each person sending the next command once the last was acked.
"""

from __future__ import annotations

import signal
import time
from collections import Counter

from tests.reliability.conftest import Stage
from tests.reliability.flood import Flood

EACH = 25
"""Commands per person: 200 in all."""
STOP_AFTER = 90
"""Acknowledged commands before the signal: the process has a backlog by then."""


def test_commands_acked_before_a_sigkill_are_done_exactly_once_after_a_restart(
    stage: Stage,
) -> None:
    first = stage.baton("first")
    first.start()
    stage.add_targets(first)
    flood = Flood(first.url, stage.senders(), EACH).start()
    flood.wait_for_acks(STOP_AFTER)
    first.signal(signal.SIGKILL)
    killed = time.monotonic()
    assert first.wait() == -signal.SIGKILL
    flood.join()
    done_before = len(set(stage.comments()) & {sent.body for sent in flood.acked})

    ready = stage.baton("second").start()
    done = stage.wait_until_done(flood.acked)
    runs = stage.runs()
    check(stage, flood, runs)
    again = [s for s in flood.acked if runs[s.text] > 1]
    print(
        f"\nSIGKILL: {len(flood.acked)} acked ({len(flood.refused)} refused after the kill),"
        f" {done_before} done before the kill, {len(flood.acked) - done_before} after the"
        f" restart; the new process was ready {ready:.1f}s and done {done - killed:.1f}s"
        f" after the kill; {len(again)} commands started again, of which"
        f" {sum(stage.replies(s) == 0 for s in again)} lost their reply and"
        f" {sum(stage.replies(s) > 1 for s in again)} were answered twice"
    )


def test_commands_acked_before_a_sigterm_are_done_exactly_once_after_a_restart(
    stage: Stage,
) -> None:
    first = stage.baton("first")
    first.start()
    stage.add_targets(first)
    flood = Flood(first.url, stage.senders(), EACH).start()
    flood.wait_for_acks(STOP_AFTER)
    first.signal(signal.SIGTERM)
    stopped = time.monotonic()
    first.wait()
    gone = time.monotonic() - stopped
    flood.join()
    assert stage.claimed() == 0, "a process stopping gives back every row it held"
    done_before = len(set(stage.comments()) & {sent.body for sent in flood.acked})

    started = time.monotonic()
    ready = stage.baton("second").start()
    done = stage.wait_until_done(flood.acked)
    check(stage, flood, stage.runs())
    assert [s.body for s in flood.acked if stage.replies(s) != 1] == [], "each answered once"
    print(
        f"\nSIGTERM: {len(flood.acked)} acked ({len(flood.refused)} refused after the"
        f" signal), {done_before} done before the process ended {gone:.1f}s after the"
        f" signal, {len(flood.acked) - done_before} after the restart; the new process was"
        f" ready {ready:.1f}s and done {done - started:.1f}s after its start"
    )


def check(stage: Stage, flood: Flood, runs: dict[str, int]) -> None:
    """Every acked command took effect once, in its person's order, and was answered: once,
    or, when its process died while running it, maybe twice (its reply is kept with its
    change, so a run cut off after its commit answers when it runs again)."""
    comments = stage.comments()
    assert [body for body, n in Counter(comments).items() if n > 1] == [], "nothing twice"
    missing = [s.body for s in flood.acked if s.body not in comments]
    assert missing == [], f"{len(missing)} acked commands were lost"
    position = {body: i for i, body in enumerate(comments)}
    for sender in flood.senders:
        done = [position[s.body] for s in sender.acked]
        assert done == sorted(done), f"{sender.name}'s commands took effect out of order"

    stage.wait(lambda: all(stage.replies(s) >= 1 for s in flood.acked), timeout=30)
    twice = [s.body for s in flood.acked if stage.replies(s) > 1 and runs[s.text] == 1]
    assert twice == [], "a reply twice only from a command that was cut off and ran again"
    stage.wait(lambda: stage.unfinished() == 0, timeout=30)
