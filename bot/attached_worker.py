"""The worker `baton serve` starts beside itself on PostgreSQL, as a child process.

On PostgreSQL `baton serve` only writes each request to the inbox and acknowledges it; the
commands, the scheduled work and the outbox run in `baton worker --attached`, a process of
its own, so they never share the web process's interpreter with the next acknowledgements.
The child is a `baton worker` like any other (any number may share a database). Besides:

- it runs at a lower CPU priority: under a flood of requests, acknowledgements go first;
- it is started again when it ends on its own, after a pause that grows while it keeps
  ending soon after its start;
- `stop` sends it SIGTERM and waits while it finishes (`baton worker`'s own grace), then
  kills it;
- it hears of each row `baton serve` writes through its stdin, a pipe whose other end only
  `baton serve` holds (`wake`, `attach`);
- it ends at once when `baton serve` dies without stopping it: the kernel closes that pipe
  with the process, whatever killed it, and what the worker was running is taken again
  after its lease, as after any crash.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence

log = logging.getLogger(__name__)

FIRST_PAUSE = 1.0
"""Seconds before starting again a worker that ended on its own."""
LONGEST_PAUSE = 30.0
SETTLED_SECONDS = 30.0
"""A worker that ran this long before ending is started again after the first pause."""
NICENESS = 10
"""How much lower the worker's CPU priority is than `baton serve`'s: when both want the CPU
(a flood of requests), the acknowledgements go first and the commands wait their turn; when
the web process is idle, the worker has the CPU to itself."""
STDIN = 0
EXIT_WHEN_ORPHANED = 70
"""The status of a worker whose `baton serve` is gone (EX_SOFTWARE)."""


def worker_command() -> list[str]:
    """`baton worker --attached`, run by this interpreter."""
    return [sys.executable, "-m", "bot", "worker", "--attached"]


class AttachedWorker:
    """Runs `command` as a child process for as long as this one runs."""

    def __init__(self, command: Sequence[str], *, first_pause: float = FIRST_PAUSE) -> None:
        self._command = list(command)
        self._first_pause = first_pause
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._child: subprocess.Popen[bytes] | None = None
        self._wakes: int | None = None
        """The descriptor of the worker's stdin, where `wake` writes."""
        self._watch = threading.Thread(
            target=self._keep_running, name="attached-worker", daemon=True
        )

    @property
    def pid(self) -> int | None:
        with self._lock:
            return self._child.pid if self._child is not None else None

    def start(self) -> None:
        self._spawn()
        self._watch.start()

    def wake(self) -> None:
        """Tells the worker that rows were written to the inbox: a byte down its stdin, a
        system call where a notification through PostgreSQL costs a round trip and a
        transaction. Never blocks: with the pipe full, the worker has wakes enough to read."""
        with self._lock, contextlib.suppress(OSError):  # full, or the worker just ended
            if self._wakes is not None:
                os.write(self._wakes, b"!")

    def stop(self, grace: float) -> int | None:
        """Asks the worker to stop, waits up to `grace` seconds, then kills it; returns its
        exit status (None when it was not running)."""
        with self._lock:
            self._stopping.set()
            child = self._child
        if child is None:
            return None
        if child.poll() is None:
            child.terminate()
        try:
            status = child.wait(grace)
        except subprocess.TimeoutExpired:
            log.warning("the worker did not stop within %ss: killed", grace)
            child.kill()
            status = child.wait()
        self._close_pipe(child)
        if self._watch.is_alive():
            self._watch.join()
        return status

    def _spawn(self) -> None:
        with self._lock:
            if self._stopping.is_set():
                return
            # A session of its own: a Ctrl-C in a terminal reaches `baton serve` alone, which
            # then stops the worker.
            child = subprocess.Popen(  # noqa: S603 - this interpreter running Baton
                self._command, stdin=subprocess.PIPE, start_new_session=True
            )
            self._child = child
            assert child.stdin is not None
            self._wakes = child.stdin.fileno()
            os.set_blocking(self._wakes, False)
        log.info("worker process %d started beside the web process", child.pid)

    def _close_pipe(self, child: subprocess.Popen[bytes]) -> None:
        with self._lock:
            self._wakes = None  # before the descriptor is closed, and its number reused
            if child.stdin is not None:
                child.stdin.close()

    def _keep_running(self) -> None:
        pause = self._first_pause
        while True:
            with self._lock:
                child = self._child
            assert child is not None
            started = time.monotonic()
            status = child.wait()
            if self._stopping.is_set():
                return
            self._close_pipe(child)  # the next worker looks at the inbox at its start
            if time.monotonic() - started >= SETTLED_SECONDS:
                pause = self._first_pause
            log.error("the worker process ended (status %s); another starts in %ss", status, pause)
            if self._stopping.wait(pause):
                return
            pause = min(pause * 2, LONGEST_PAUSE)
            self._spawn()


def attach(wake: Callable[[], None]) -> None:
    """In `baton worker --attached`: calls `wake` each time `baton serve` wrote rows to the
    inbox, and ends this process as soon as `baton serve` is gone, as if it had died with
    it. Both come through its stdin: a byte for rows written, its end for the end."""

    def listen() -> None:
        # The descriptor itself, not `sys.stdin`: a thread blocked in a buffered read would
        # hold its lock while the interpreter exits.
        while os.read(STDIN, 512):
            wake()
        log.error("baton serve is gone: its worker process ends with it")
        logging.shutdown()
        os._exit(EXIT_WHEN_ORPHANED)

    threading.Thread(target=listen, name="serve-pipe", daemon=True).start()


def yield_cpu() -> None:
    """In `baton worker --attached`: gives the CPU to `baton serve` first (`NICENESS`)."""
    os.nice(NICENESS)
