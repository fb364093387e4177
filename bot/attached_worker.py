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
import fcntl
import json
import logging
import os
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import Protocol

from storage.inbox_queue import NewEntry

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
LOOK = b"*\n"
"""Tells the worker to look at the whole inbox: rows were written it was not told of."""
RETRY_SECONDS = 0.05
"""How soon to try again to tell the worker to look, when its pipe was full."""
PIPE_BYTES = 1 << 20
"""The pipe's room (Linux's default ceiling): about 15,000 rows the worker has not read yet."""
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
        self._missed = False
        """A row written while the pipe was full, that the worker was not told of."""
        self._telling_later = False
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

    def wake(self, entry: NewEntry) -> None:
        """Tells the worker where a row was written (`attach` reads it): a line down its
        stdin, a system call where a notification through PostgreSQL costs a round trip
        and a transaction. Never blocks: should the pipe be full, the worker is told to look
        at the whole inbox as soon as it has room again."""
        line = json.dumps([entry.channel_key, entry.person_key, entry.urgent]).encode() + b"\n"
        with self._lock:
            if self._wakes is None:
                return
            try:
                if self._missed:
                    os.write(self._wakes, LOOK)
                    self._missed = False
                os.write(self._wakes, line)
            except BlockingIOError:
                self._missed = True
                self._tell_later()
            except OSError:  # the worker just ended: the next one looks at its start
                pass

    def _tell_later(self) -> None:
        """With `_lock` held: tells the worker to look, once its pipe has room again."""
        if self._telling_later:
            return
        self._telling_later = True
        later = threading.Timer(RETRY_SECONDS, self._tell_to_look)
        later.daemon = True
        later.start()

    def _tell_to_look(self) -> None:
        with self._lock:
            self._telling_later = False
            if not self._missed or self._wakes is None:
                return
            try:
                os.write(self._wakes, LOOK)
                self._missed = False
            except BlockingIOError:
                self._tell_later()
            except OSError:
                pass

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
            with contextlib.suppress(AttributeError, OSError):  # Linux only: room for more
                fcntl.fcntl(self._wakes, fcntl.F_SETPIPE_SZ, PIPE_BYTES)
            self._missed = False
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


class Inbox(Protocol):
    """What `attach` tells of the rows `baton serve` writes (`bot.inbox.Inbox`)."""

    def written(self, channel_key: str, person_key: str, *, urgent: bool) -> None: ...

    def resume(self) -> None:
        """Looks at the whole inbox."""
        ...


def attach(inbox: Inbox) -> None:
    """In `baton worker --attached`: tells `inbox` of each row `baton serve` wrote (where it
    waits, or to look at everything when `baton serve` could not say), and ends this process
    as soon as `baton serve` is gone, as if it had died with it. Both come through its
    stdin: a line for each row, its end for the end."""

    def listen() -> None:
        pending = b""
        # The descriptor itself, not `sys.stdin`: a thread blocked in a buffered read would
        # hold its lock while the interpreter exits.
        while chunk := os.read(STDIN, 65536):
            *lines, pending = (pending + chunk).split(b"\n")
            for line in lines:
                try:
                    tell(inbox, line)
                except Exception:  # this thread must live on: it ends the process with serve
                    log.exception("a row written by baton serve could not be looked for")
        log.error("baton serve is gone: its worker process ends with it")
        logging.shutdown()
        os._exit(EXIT_WHEN_ORPHANED)

    threading.Thread(target=listen, name="serve-pipe", daemon=True).start()


def tell(inbox: Inbox, line: bytes) -> None:
    """Tells `inbox` what one line from `baton serve` says."""
    try:
        channel_key, person_key, urgent = json.loads(line)
    except (ValueError, TypeError):  # LOOK, or anything else: look at the whole inbox
        inbox.resume()
        return
    inbox.written(str(channel_key), str(person_key), urgent=bool(urgent))


def yield_cpu() -> None:
    """In `baton worker --attached`: gives the CPU to `baton serve` first (`NICENESS`)."""
    os.nice(NICENESS)
