"""The worker process `baton serve` keeps beside itself: started again when it ends on its own,
stopped (and killed if it must be) when asked, ended when its parent is gone."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bot.attached_worker import EXIT_WHEN_ORPHANED, AttachedWorker

ROOT = Path(__file__).resolve().parent.parent


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def wait_for(condition: Callable[[], bool], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.02)


def test_a_worker_that_ends_on_its_own_is_started_again_and_stopped_when_asked() -> None:
    worker = AttachedWorker(python("import time; time.sleep(60)"), first_pause=0.05)
    worker.start()
    first = worker.pid
    assert first is not None
    subprocess.run(["kill", "-KILL", str(first)], check=True)
    wait_for(lambda: worker.pid not in (None, first))
    assert worker.stop(grace=10) == -signal.SIGTERM


def test_a_worker_that_does_not_stop_within_its_grace_is_killed(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    deaf = (
        "import pathlib, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        f" pathlib.Path({str(ready)!r}).touch(); time.sleep(60)"
    )
    worker = AttachedWorker(python(deaf), first_pause=0.05)
    worker.start()
    wait_for(ready.exists)
    began = time.monotonic()
    assert worker.stop(grace=0.5) == -signal.SIGKILL
    assert time.monotonic() - began < 5
    assert worker.stop(grace=0.5) == -signal.SIGKILL, "a second stop finds it ended"


def test_an_attached_worker_is_woken_through_its_stdin_and_ends_when_its_parent_is_gone() -> None:
    listening = (
        "from bot.attached_worker import attach; import time;"
        " attach(lambda: print('woken', flush=True)); time.sleep(60)"
    )
    child = subprocess.Popen(
        python(listening), stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=ROOT
    )
    assert child.stdin is not None
    assert child.stdout is not None
    child.stdin.write(b"!")
    child.stdin.flush()
    assert child.stdout.readline() == b"woken\n"
    assert child.poll() is None, "it runs while its parent does"
    child.stdin.close()  # what the kernel does when the parent dies
    assert child.wait(timeout=10) == EXIT_WHEN_ORPHANED
    child.stdout.close()


def test_waking_a_worker_never_blocks_nor_fails() -> None:
    worker = AttachedWorker(python("import time; time.sleep(60)"), first_pause=60)
    worker.wake()  # not started yet: nobody to tell
    worker.start()
    for _ in range(200_000):  # far more than a pipe holds: the worker never reads them
        worker.wake()
    worker.stop(grace=10)
    worker.wake()  # stopped: its pipe is closed
