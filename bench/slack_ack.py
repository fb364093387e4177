"""`/baton task add …` slash commands against `POST /slack/events` of `baton serve`, over HTTP.

    python -m bench.slack_ack [--db postgres] [--tasks 100000] [-n 5000] [--clients 1,50]
                              [--inbox-runner web|worker] [--worker-nice 10]

Seeds a database (`bench.seed`), makes one of its workspaces (about 2,000 tasks) a Slack
team, starts the fake Slack Web API and `baton serve` as processes of their own and sends
signed slash commands from 1 and 50 concurrent keep-alive clients. For each it prints a JSON
line: ack latency (p50, p99, max), requests/s, and commands/s until every command was done
(its transaction committed and its card posted to the fake Slack). Then, in the same run, the
same load against a bare Bolt app that only acks (`process_before_response=True`), and
`baton serve`'s memory (RSS) after the run.

With `--inbox-runner worker`, `baton serve` runs with BATON_INBOX_RUNNER=worker next to a
`baton worker` process that runs the commands; the CPU of each process is given per command.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import func, select, update

from bench.databases import BenchDatabase, seeded
from bench.measure import emit
from bench.slack_load import http_post, run_load
from bench.titles import task_title
from storage.db import make_engine
from storage.models import Member, Task, Workspace

TEAM = "T0BENCH"
TOKEN = "xoxb-bench"
SECRET = "bench-signing-secret"
HOST = "127.0.0.1"
BENCH_WORKSPACE = "ws-1"
"""A typical seeded workspace (`ws-0` is the one with 5,000 open tasks in #launch)."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def wait_until_up(url: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


@contextmanager
def process(args: list[str], env: dict[str, str], ready: str | None) -> Iterator[int]:
    """Runs `args` as a child process until the block ends; yields its pid."""
    child = subprocess.Popen(
        args, env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        if ready:
            wait_until_up(ready)
        yield child.pid
    finally:
        child.terminate()
        _, errors = child.communicate(timeout=30)
        if child.returncode not in (0, -15) and errors:
            print(errors.decode()[-2000:], file=sys.stderr)


def slack_team(database: BenchDatabase) -> list[str]:
    """Makes the seeded workspace `ws-1` the Slack team; returns the handles of its people."""
    engine = make_engine(database.url, schema=database.schema)
    with engine.begin() as connection:
        connection.execute(
            update(Workspace)
            .where(Workspace.team_id == BENCH_WORKSPACE)
            .values(platform="slack", team_id=TEAM)
        )
        workspace_id = connection.scalar(select(Workspace.id).where(Workspace.team_id == TEAM))
        handles = connection.scalars(
            select(Member.user_id).where(Member.workspace_id == workspace_id)
        ).all()
    engine.dispose()
    return list(handles)


def count_tasks(database: BenchDatabase) -> int:
    engine = make_engine(database.url, schema=database.schema)
    with engine.connect() as connection:
        query = select(func.count(Task.id)).join(Workspace).where(Workspace.team_id == TEAM)
        count = int(connection.scalar(query) or 0)
    engine.dispose()
    return count


def commands(fake: str, port: int, people: list[str], n: int, first: int) -> list[bytes]:
    """`n` signed slash commands `/baton task add <title>`, numbered from `first`."""
    rng = random.Random(first)
    stamp = str(int(time.time()))
    requests = []
    for number in range(first, first + n):
        handle = rng.choice(people)
        fields = {
            "token": "bench",
            "team_id": TEAM,
            "team_domain": "bench",
            "channel_id": "general",
            "channel_name": "general",
            "user_id": handle,
            "user_name": handle,
            "command": "/baton",
            # a unique number keeps titles distinct, so each command creates a task
            "text": f"task add {task_title(rng)} (bench {number})",
            "response_url": f"{fake}/hooks/commands/{number}",
            "trigger_id": f"{number}.{first}.bench{number:08d}",
            "api_app_id": "A0BENCH",
        }
        body = urlencode(fields).encode()
        signed = hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, hashlib.sha256)
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": "v0=" + signed.hexdigest(),
        }
        requests.append(http_post(HOST, port, "/slack/events", body, headers))
    return requests


def replies(fake: str) -> int:
    """Answers Baton gave so far: cards posted and replies through a response_url."""
    with urllib.request.urlopen(f"{fake}/stats", timeout=5) as response:
        counts = json.load(response)
    return int(counts.get("chat.postMessage", 0)) + int(counts.get("response_url", 0))


def wait_for_replies(fake: str, expected: int, timeout: float = 600.0) -> float:
    """Waits until Baton answered `expected` commands in all; returns when (monotonic)."""
    deadline = time.monotonic() + timeout
    while replies(fake) < expected:
        if time.monotonic() > deadline:
            raise RuntimeError(f"only {replies(fake)} of {expected} commands were answered")
        time.sleep(0.02)
    return time.monotonic()


def cpu_seconds(pid: int) -> float:
    """User and system CPU time the process `pid` has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mb(pid: int) -> dict[str, float]:
    status = Path(f"/proc/{pid}/status").read_text()
    fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {
        "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1),
        "peak_rss_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1),
    }


def bench_baton(database: BenchDatabase, args: argparse.Namespace, fake: str) -> None:
    people = slack_team(database)
    port = free_port()
    env = {
        "DATABASE_URL": database.url,
        "DATABASE_SCHEMA": database.schema or "",
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": f"{fake}/api/",
        "PORT": str(port),
    }
    if not database.schema:
        env.pop("DATABASE_SCHEMA")
    env["BATON_INBOX_RUNNER"] = args.inbox_runner
    before = count_tasks(database)
    sent = replies(fake)
    serve = [sys.executable, "-m", "bot", "serve", "--port", str(port)]
    with ExitStack() as stack:
        pid = stack.enter_context(process(serve, env, f"http://{HOST}:{port}/readyz"))
        worker_pid = None
        if args.inbox_runner == "worker":
            worker = ["nice", "-n", str(args.worker_nice), sys.executable, "-m", "bot", "worker"]
            worker_pid = stack.enter_context(process(worker, env, None))
        warmup = commands(fake, port, people, args.warmup, 1)
        run_load(HOST, port, warmup, min(10, args.warmup))
        sent += len(warmup)
        wait_for_replies(fake, sent)
        first = 1 + len(warmup)
        for clients in args.clients:
            n = args.n if clients > 1 else args.n_single
            requests = commands(fake, port, people, n, first)
            first += n
            start, cpu = time.monotonic(), cpu_seconds(pid)
            worker_cpu = cpu_seconds(worker_pid) if worker_pid else 0.0
            result = run_load(HOST, port, requests, clients)
            sent += n
            done = wait_for_replies(fake, sent)
            figures = result.figures()
            emit(
                {
                    "bench": "slack_ack",
                    "target": "baton serve",
                    "db": database.kind,
                    "tasks": args.tasks,
                    "clients": clients,
                    **figures,
                    "commands_per_s": round(n / (done - start), 1),
                    "all_done_s": round(done - start, 2),
                    "inbox_runner": args.inbox_runner,
                    "worker_nice": args.worker_nice,
                    "serve_cpu_ms_per_command": round((cpu_seconds(pid) - cpu) * 1000 / n, 2),
                    **(
                        {
                            "worker_cpu_ms_per_command": round(
                                (cpu_seconds(worker_pid) - worker_cpu) * 1000 / n, 2
                            )
                        }
                        if worker_pid
                        else {}
                    ),
                    "load_1m": round(os.getloadavg()[0], 2),
                }
            )
        memory = rss_mb(pid)
    created = count_tasks(database) - before
    emit(
        {
            "bench": "slack_ack",
            "target": "baton serve",
            "db": database.kind,
            "tasks_created": created,
            "commands_sent": first - 1,
            **memory,
        }
    )


def bench_bare(args: argparse.Namespace, fake: str, app: str) -> None:
    port = free_port()
    env = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": f"{fake}/api/",
    }
    serve = [
        sys.executable,
        "-m",
        "uvicorn",
        f"bench.slack_bare:{app}",
        "--host",
        HOST,
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    with process(serve, env, None):
        wait_for_port(port)
        run_load(HOST, port, commands(fake, port, ["bench"], args.warmup, 1), 10)
        for clients in args.clients:
            n = args.n if clients > 1 else args.n_single
            if app == "ack_default":
                n = min(n, args.n_default)
            result = run_load(HOST, port, commands(fake, port, ["bench"], n, 1), clients)
            emit(
                {
                    "bench": "slack_ack",
                    "target": f"bare bolt {app}",
                    "clients": clients,
                    **result.figures(),
                    "load_1m": round(os.getloadavg()[0], 2),
                }
            )


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing listens on {port}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="postgres", choices=("postgres", "sqlite"))
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("-n", type=int, default=5000, help="commands at 50 clients")
    parser.add_argument("--n-single", type=int, default=500, help="commands at 1 client")
    parser.add_argument("--n-default", type=int, default=500, help="cap for Bolt's default")
    parser.add_argument("--warmup", type=int, default=200)
    parser.add_argument("--clients", default="1,50")
    parser.add_argument(
        "--inbox-runner",
        default="web",
        choices=("web", "worker"),
        help="BATON_INBOX_RUNNER: worker starts `baton worker` next to `baton serve`",
    )
    parser.add_argument(
        "--worker-nice",
        type=int,
        default=0,
        help="niceness of `baton worker`: on a shared machine, leaves the CPU to the acks first",
    )
    parser.add_argument(
        "--bare",
        default="ack_only",
        help="bare apps, comma-separated: ack_only, ack_default, signature_only",
    )
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    fake_port = free_port()
    fake = f"http://{HOST}:{fake_port}"
    fake_args = [
        sys.executable,
        "-m",
        "tests.slack.fake_slack",
        "--port",
        str(fake_port),
        "--token",
        TOKEN,
        "--team",
        TEAM,
    ]
    with process(fake_args, {}, f"{fake}/stats"):
        with seeded(args.db, tasks=args.tasks) as database:
            bench_baton(database, args, fake)
        for app in filter(None, args.bare.split(",")):
            bench_bare(args, fake, app)


if __name__ == "__main__":
    main()
