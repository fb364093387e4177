"""`/mattermost/command` with `task add`, over HTTP, against a database of 100,000 tasks.

    python -m bench.mattermost_command [--tasks 100000] [--clients 1,50] [-n 3000]

Seeds PostgreSQL (`bench.seed`: 50 workspaces, made Mattermost teams here, each with its own
command token and every client's person a member), starts the fake Mattermost server,
`baton serve` and a plain Starlette handler that only checks the token and its team, each
in its own process, then sends slash command requests shaped as Mattermost sends them from
1 and from 50 concurrent keep-alive clients (client i speaks for team ws-i). Baton answers each
command at once and then posts its card through the API of the fake server, in the background:
so for Baton the run also waits until every card of the run is posted and remembered (rows in
`channel_messages`), and reports the commands done per second from the first request to the last
card besides the answers per second. Prints one JSON line per target and client count:
requests/s, latency percentiles of the answers (ms) and errors (wrong answers, and commands not
done within the drain timeout). Exits with 1 when any request failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import func, select, update

from bench.databases import postgres_problem, seeded
from bench.mattermost_load import CHANNEL, command_tokens, load, user_of
from bench.measure import emit, percentile
from storage.db import make_engine
from storage.models import ChannelMessage, Workspace

BOT_TOKEN = "kzt1rxyuhtfepmwn5z9ck6ws8e"
WARMUP = 100
DRAIN_TIMEOUT = 300.0
"""Seconds to wait, after the last answer, for the commands still running in the background."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_http(port: int, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server on {port} exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


@contextmanager
def _process(args: list[str], env: dict[str, str], port: int) -> Iterator[None]:
    """Runs `python args` until the block ends; its stderr is shown if it fails to start."""
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=errors
        )
        try:
            _wait_http(port, process)
        except RuntimeError:
            errors.seek(0)
            sys.stderr.write(errors.read().decode(errors="replace")[-3000:])
            process.kill()
            raise
        try:
            yield
        finally:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()


def serve_plain(port: int) -> None:
    """The plain handler: reads the form, checks the token and its team, answers."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from bot.handlers.mattermost.command_tokens import CommandTokens, parse_command_tokens
    from bot.handlers.mattermost.inbound import command_token, form_fields

    tokens = CommandTokens(parse_command_tokens(os.environ["MATTERMOST_COMMAND_TOKEN"]))

    async def command(request: Request) -> Response:
        fields = form_fields(await request.body()) or {}
        token = command_token(request.headers.get("authorization", ""), fields)
        if tokens.team_of(token) != fields.get("team_id"):
            return PlainTextResponse("invalid token", status_code=401)
        return JSONResponse({"response_type": "ephemeral", "text": ""})

    app = Starlette(routes=[Route("/mattermost/command", command, methods=["POST"])])
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="info")


def _drained(done: Callable[[], int], target: int, timeout: float) -> int:
    """Waits until `done()` reaches `target`; what is still missing when `timeout` passed."""
    deadline = time.monotonic() + timeout
    while (count := done()) < target and time.monotonic() < deadline:
        time.sleep(0.05)
    return max(target - count, 0)


def _measure(
    name: str,
    port: int,
    clients: list[int],
    count: int,
    tasks: int,
    done: Callable[[], int] | None = None,
) -> int:
    """Runs the load; with `done` (the commands done so far), also waits for the background."""
    failed = 0
    for concurrency in clients:
        before = done() if done else 0
        asyncio.run(load(port, concurrency, WARMUP, record=False))
        if done:  # the warm-up's backlog must not count in the run
            _drained(done, before + WARMUP, DRAIN_TIMEOUT)
            before = done()
        n = count if concurrency > 1 else max(count // 5, 200)
        started = time.perf_counter()
        run, seconds = asyncio.run(load(port, concurrency, n))
        unfinished = _drained(done, before + n, DRAIN_TIMEOUT) if done else 0
        finished = time.perf_counter() - started
        ordered = sorted(run.millis)
        line: dict[str, Any] = {
            "bench": "mattermost_command",
            "target": name,
            "db": "postgres",
            "tasks": tasks,
            "clients": concurrency,
            "n": len(ordered),
            "rps": round(len(ordered) / seconds, 1),
            "p50_ms": round(percentile(ordered, 0.50), 2),
            "p99_ms": round(percentile(ordered, 0.99), 2),
            "max_ms": round(ordered[-1], 2),
            "errors": run.errors + unfinished,
        }
        if done:
            line["done_rps"] = round((n - unfinished) / finished, 1)
            line["drain_s"] = round(finished - seconds, 2)
        if unfinished:
            line["unfinished"] = unfinished
        if run.first_error:
            line["first_error"] = run.first_error
        emit(line)
        failed += run.errors + unfinished
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--clients", default="1,50")
    parser.add_argument("-n", type=int, default=3000, help="requests per run at 50 clients")
    parser.add_argument("--serve-plain", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_plain:
        serve_plain(args.serve_plain)
        return
    problem = postgres_problem()
    if problem:
        sys.exit(problem)
    clients = [int(c) for c in args.clients.split(",")]
    failed = 0
    with seeded("postgres", tasks=args.tasks) as database:
        engine = make_engine(database.url, schema=database.schema)
        with engine.begin() as connection:  # the seeded workspaces become Mattermost teams
            connection.execute(update(Workspace).values(platform="mattermost"))
        count_cards = select(func.count()).select_from(ChannelMessage)

        def cards() -> int:
            with engine.connect() as connection:
                return int(connection.scalar(count_cards) or 0)

        fake_port, baton_port, plain_port = _free_port(), _free_port(), _free_port()
        teams = [f"ws-{i}" for i in range(50)]
        members = ",".join(user_of(i) for i in range(max(clients)))
        env = os.environ | {
            "DATABASE_URL": database.url,
            "DATABASE_SCHEMA": database.schema or "",
            "MATTERMOST_URL": f"http://127.0.0.1:{fake_port}",
            "MATTERMOST_TOKEN": BOT_TOKEN,
            "MATTERMOST_COMMAND_TOKEN": command_tokens(teams),
            "BATON_PUBLIC_URL": f"http://127.0.0.1:{baton_port}",
            "BATON_SECRET": secrets.token_hex(32),
        }
        fake = ["-m", "tests.mattermost.fake_http", "--port", str(fake_port)]
        fake += ["--token", BOT_TOKEN, "--teams", ",".join(teams), "--channels", CHANNEL]
        fake += ["--members", members]
        baton = ["-c", "from bot.cli import main; main()", "serve", "--port", str(baton_port)]
        plain = ["-m", "bench.mattermost_command", "--serve-plain", str(plain_port)]
        with (
            _process(fake, env, fake_port),
            _process(baton, env, baton_port),
            _process(plain, env, plain_port),
        ):
            failed += _measure("plain", plain_port, clients, args.n, args.tasks)
            failed += _measure("baton", baton_port, clients, args.n, args.tasks, cards)
        engine.dispose()
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
