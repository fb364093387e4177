"""Fills a database with many workspaces of realistic tasks, fast (bulk inserts).

    python -m bench.seed --db sqlite:///./bench.db [--workspaces 50] [--tasks 100000]

Workspaces are console ones, `ws-0` .. `ws-N`, each with 20 people and 7 channels;
`ws-0` also has the channel `#launch` with 5,000 open tasks (5% of the tasks when there are
fewer than 100,000). People's platform ids are their handles and channels' ids their names, as
in `baton shell --workspace ws-0 --user <handle> --channel launch`.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, Table, insert, select, text

from bench.titles import CHANNELS, LAUNCH_CHANNEL, people, task_title
from storage.db import make_engine
from storage.migrate import upgrade
from storage.models import Channel, Member, Task, TaskDependency, TaskEvent, Workspace

MEMBERS_PER_WORKSPACE = 20
LAUNCH_OPEN_TASKS = 5_000
DEPENDENCY_SHARE = 0.03
Row = dict[str, Any]


@dataclass
class Place:
    """What the tasks of one workspace are made of: its id, people and channels."""

    workspace_id: int
    member_ids: list[int]
    channel_ids: dict[str, int]


def seed_database(
    database_url: str, *, workspaces: int = 50, tasks: int = 100_000, schema: str | None = None
) -> None:
    """Migrates the database at `database_url` (in `schema`, on PostgreSQL) and fills it.

    Raises:
        ValueError: the database already holds the seeded workspace `ws-0`.
    """
    engine = make_engine(database_url, schema=schema)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            _Seeder(connection, random.Random(20261125), _now()).run(workspaces, tasks)
        _analyze(engine)
    finally:
        engine.dispose()


def launch_open_tasks(tasks: int) -> int:
    """How many open tasks `#launch` of `ws-0` holds in a database of `tasks` tasks."""
    return min(LAUNCH_OPEN_TASKS, tasks // 20)


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _analyze(engine: Engine) -> None:
    """On PostgreSQL, refreshes planner statistics as autovacuum would after a bulk load."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))


def _table(model: type[Any]) -> Table:
    table: Table = model.__table__
    return table


class _Seeder:
    def __init__(self, connection: Connection, rng: random.Random, now: datetime) -> None:
        self.db = connection
        self.rng = rng
        self.now = now

    def run(self, workspaces: int, tasks: int) -> None:
        exists = self.db.scalar(
            select(Workspace.id).where(Workspace.platform == "console", Workspace.team_id == "ws-0")
        )
        if exists is not None:
            raise ValueError("this database is already seeded (workspace ws-0 exists)")
        launch = launch_open_tasks(tasks)
        share, extra = divmod(tasks - launch, workspaces)
        counts = [share + (1 if i < extra else 0) for i in range(workspaces)]
        places = [self._place(i, counts[i] + (launch if i == 0 else 0)) for i in range(workspaces)]
        task_rows: list[Row] = []
        for i, place in enumerate(places):
            task_rows += self._tasks(place, counts[i], launch if i == 0 else 0)
        self._insert(Task, task_rows)
        ids = self._task_ids([p.workspace_id for p in places])
        self._insert(TaskEvent, self._events(task_rows, ids))
        self._insert(TaskDependency, self._dependencies(task_rows, ids))

    def _insert(self, model: type[Any], rows: Sequence[Row]) -> None:
        for start in range(0, len(rows), 10_000):
            self.db.execute(insert(_table(model)), rows[start : start + 10_000])

    def _place(self, index: int, task_count: int) -> Place:
        team_id = f"ws-{index}"
        values = {"platform": "console", "team_id": team_id, "name": team_id}
        created = self.now - timedelta(days=400)
        workspace = _table(Workspace)
        workspace_id = self.db.execute(
            insert(workspace)
            .values(**values, task_seq=task_count, created_at=created)
            .returning(workspace.c.id)
        ).scalar_one()
        checked = self.now  # profiles fresh, so commands do not refresh them
        members = [
            {
                "workspace_id": workspace_id,
                "user_id": person.handle,
                "name": person.handle,
                "display_name": person.display_name,
                "tz": person.tz,
                "tz_manual": False,
                "profile_checked_at": checked,
                "created_at": checked - timedelta(days=300),
            }
            for person in people(self.rng, MEMBERS_PER_WORKSPACE)
        ]
        self._insert(Member, members)
        channels = [
            {"workspace_id": workspace_id, "channel_id": name, "name": name, "created_at": checked}
            for name in (*CHANNELS, LAUNCH_CHANNEL)
        ]
        self._insert(Channel, channels)
        member_ids = self.db.scalars(
            select(Member.id).where(Member.workspace_id == workspace_id).order_by(Member.id)
        ).all()
        channel_ids = self.db.execute(
            select(Channel.channel_id, Channel.id).where(Channel.workspace_id == workspace_id)
        )
        return Place(workspace_id, list(member_ids), dict(channel_ids.all()))

    def _tasks(self, place: Place, count: int, launch: int) -> list[Row]:
        """`count` tasks over the past year, newer ones more often open, plus `launch` open
        tasks in #launch, numbered 1.. in creation order."""
        rng = self.rng
        kinds = [False] * count + [True] * launch
        rng.shuffle(kinds)
        channels = [place.channel_ids[name] for name in CHANNELS]
        rows = []
        for number, in_launch in enumerate(kinds, start=1):
            age = 1 - number / len(kinds)  # 1 for the oldest, 0 for the newest
            created = self.now - timedelta(days=365 * age, minutes=rng.randint(0, 600))
            roll = rng.random()
            status = "open" if in_launch or roll < 0.1 + 0.5 * (1 - age) else "done"
            status = "deleted" if status == "done" and roll > 0.96 else status
            assignee = rng.choice(place.member_ids) if rng.random() < 0.85 else None
            creator = rng.choice(place.member_ids)
            due = created + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.75 else None
            done_at = min(self.now, created + timedelta(days=rng.randint(0, 20), hours=3))
            rows.append(
                {
                    "workspace_id": place.workspace_id,
                    "number": number,
                    "title": task_title(rng),
                    "notes": "",
                    "status": status,
                    "version": 1 + rng.randint(0, 2) + (status != "open"),
                    "creator_id": creator,
                    "assignee_id": assignee,
                    "channel_id": place.channel_ids[LAUNCH_CHANNEL]
                    if in_launch
                    else rng.choice(channels),
                    "due_at": due,
                    "due_has_time": due is not None and rng.random() < 0.2,
                    "completed_by_id": (assignee or creator) if status == "done" else None,
                    "completed_at": done_at if status == "done" else None,
                    "created_at": created,
                    "updated_at": done_at if status != "open" else created,
                }
            )
        return rows

    def _task_ids(self, workspace_ids: list[int]) -> dict[tuple[int, int], int]:
        rows = self.db.execute(
            select(Task.workspace_id, Task.number, Task.id).where(
                Task.workspace_id.in_(workspace_ids)
            )
        )
        return {(ws, number): id_ for ws, number, id_ in rows}

    def _events(self, tasks: Iterable[Row], ids: dict[tuple[int, int], int]) -> list[Row]:
        """Each task's creation, and its completion or deletion."""
        events = []
        for task in tasks:
            key = (task["workspace_id"], task["number"])
            events.append(_event(key, ids[key], "created", task["creator_id"], task["created_at"]))
            if task["status"] != "open":
                kind = "completed" if task["status"] == "done" else "deleted"
                actor = task["completed_by_id"] or task["creator_id"]
                events.append(_event(key, ids[key], kind, actor, task["updated_at"]))
        return events

    def _dependencies(self, tasks: Iterable[Row], ids: dict[tuple[int, int], int]) -> list[Row]:
        """A few tasks wait for an earlier task of their workspace (so there is no cycle)."""
        pairs: set[tuple[int, int, int]] = set()
        for task in tasks:
            number, workspace_id = task["number"], task["workspace_id"]
            if number > 1 and self.rng.random() < DEPENDENCY_SHARE:
                blocker = self.rng.randint(max(1, number - 50), number - 1)
                pairs.add((workspace_id, number, blocker))
        return [
            {"task_id": ids[ws, n], "blocker_id": ids[ws, b], "workspace_id": ws}
            for ws, n, b in sorted(pairs)
        ]


def _event(key: tuple[int, int], task_id: int, kind: str, actor: int, at: datetime) -> Row:
    return {
        "workspace_id": key[0],
        "task_id": task_id,
        "actor_id": actor,
        "kind": kind,
        "detail": "",
        "at": at,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Fill a Baton database with sample workspaces.")
    parser.add_argument("--db", required=True, help="database URL, e.g. sqlite:///./bench.db")
    parser.add_argument("--schema", default=None, help="PostgreSQL schema (must exist)")
    parser.add_argument("--workspaces", type=int, default=50)
    parser.add_argument("--tasks", type=int, default=100_000)
    args = parser.parse_args(argv)
    seed_database(args.db, workspaces=args.workspaces, tasks=args.tasks, schema=args.schema)
    print(f"seeded {args.tasks} tasks in {args.workspaces} workspaces")


if __name__ == "__main__":
    main()
