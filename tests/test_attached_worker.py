"""The worker process `baton serve` keeps beside itself: started again when it ends on its own,
stopped (and killed if it must be) when asked, ended when its parent is gone."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.attached_worker import EXIT_WHEN_ORPHANED, AttachedWorker, tell
from storage.inbox_queue import NewEntry
from tests.support.waiting import until

ROOT = Path(__file__).resolve().parent.parent


def python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def test_a_worker_that_ends_on_its_own_is_started_again_and_stopped_when_asked() -> None:
    worker = AttachedWorker(python("import time; time.sleep(60)"), first_pause=0.05)
    worker.start()
    first = worker.pid
    assert first is not None
    subprocess.run(["kill", "-KILL", str(first)], check=True)
    assert until(lambda: worker.pid not in (None, first))
    assert worker.stop(grace=10) == -signal.SIGTERM


def test_a_worker_that_does_not_stop_within_its_grace_is_killed(tmp_path: Path) -> None:
    ready = tmp_path / "ready"
    deaf = (
        "import pathlib, signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN);"
        f" pathlib.Path({str(ready)!r}).touch(); time.sleep(60)"
    )
    worker = AttachedWorker(python(deaf), first_pause=0.05)
    worker.start()
    assert until(ready.exists)
    began = time.monotonic()
    assert worker.stop(grace=0.5) == -signal.SIGKILL
    assert time.monotonic() - began < 5
    assert worker.stop(grace=0.5) == -signal.SIGKILL, "a second stop finds it ended"


def entry(channel: str, urgent: bool = False) -> NewEntry:
    return NewEntry("slack", "T1", None, f"slack:T1:#{channel}", "slack:T1:@U1", "{}", urgent)


def telling(told: Path, *, after: Path | None = None) -> list[str]:
    """A worker that writes down what it is told, once `after` exists."""
    waiting = (
        f"while not pathlib.Path({str(after)!r}).exists(): time.sleep(0.01)\n" if after else ""
    )
    return python(
        "import pathlib, time\n"
        "from bot.attached_worker import attach\n"
        f"told = open({str(told)!r}, 'a', buffering=1)\n"
        "class Inbox:\n"
        "    def written(self, channel_key, person_key, *, urgent):\n"
        "        told.write(f'{channel_key} {person_key} {urgent}\\n')\n"
        "    def resume(self):\n"
        "        told.write('look\\n')\n"
        f"{waiting}"
        "attach(Inbox())\n"
        "time.sleep(60)\n"
    )


def lines(path: Path) -> list[str]:
    return path.read_text().splitlines() if path.exists() else []


def test_the_worker_is_told_where_each_row_waits(tmp_path: Path) -> None:
    told = tmp_path / "told"
    worker = AttachedWorker(telling(told), first_pause=60)
    worker.wake(entry("general"))  # not started yet: nobody to tell
    worker.start()
    worker.wake(entry("general"))
    worker.wake(entry("launch", urgent=True))
    assert until(lambda: len(lines(told)) == 2)
    assert lines(told) == [
        "slack:T1:#general slack:T1:@U1 False",
        "slack:T1:#launch slack:T1:@U1 True",
    ]
    worker.stop(grace=10)
    worker.wake(entry("general"))  # stopped: its pipe is closed, nothing is raised


def test_rows_written_while_the_pipe_was_full_have_the_worker_look_at_everything(
    tmp_path: Path,
) -> None:
    told, go = tmp_path / "told", tmp_path / "go"
    worker = AttachedWorker(telling(told, after=go), first_pause=60)
    worker.start()
    began = time.monotonic()
    for _ in range(100_000):  # more than the pipe holds: the worker reads nothing yet
        worker.wake(entry("general"))
    assert time.monotonic() - began < 30, "a full pipe never blocks the ack"
    worker.wake(entry("launch"))  # no room for it either
    go.touch()
    assert until(lambda: lines(told)[-1:] == ["look"])
    assert 1000 < len(lines(told)) - 1 < 100_000, "the pipe held some rows, not all"
    worker.wake(entry("launch"))
    assert until(lambda: lines(told)[-1:] == ["slack:T1:#launch slack:T1:@U1 False"])
    worker.stop(grace=10)


def test_an_attached_worker_ends_as_soon_as_its_parent_is_gone(tmp_path: Path) -> None:
    told = tmp_path / "told"
    child = subprocess.Popen(telling(told), stdin=subprocess.PIPE, cwd=ROOT)
    assert child.stdin is not None
    child.stdin.write(b"*\n")
    child.stdin.flush()
    assert until(lambda: lines(told) == ["look"])
    assert child.poll() is None, "it runs while its parent does"
    child.stdin.close()  # what the kernel does when the parent dies
    assert child.wait(timeout=10) == EXIT_WHEN_ORPHANED


class Heard:
    """An inbox that writes down what it is told."""

    def __init__(self) -> None:
        self.told: list[str] = []

    def written(self, channel_key: str, person_key: str, *, urgent: bool) -> None:
        self.told.append(f"{channel_key} {person_key} {urgent}")

    def resume(self) -> None:
        self.told.append("look")


def test_a_line_the_worker_cannot_read_has_it_look_at_everything() -> None:
    heard = Heard()
    for line in (b'["#a", "@b", true]', b"*", b"5", b'["#a"]', b"\xff", b'{"a": 1}'):
        tell(heard, line)
    assert heard.told == ["#a @b True", "look", "look", "look", "look", "look"]
