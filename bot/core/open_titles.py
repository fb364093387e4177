"""A process's memory of each workspace's open task titles, for the similar-title check.

Reading thousands of titles on every `task add` would cost more than the rest of the command,
so each process keeps them, normalised once. The memory may be stale, and that is harmless:
- tasks created since (here or in another process) are read by task number, on any use
  after the workspace's counter moved past what is known (a task this process created is
  remembered once its transaction commits, so the next one does not read it back);
- a remembered task that was closed since is dropped when it matches, after the database
  confirms it is no longer open, so a closed task never triggers a warning;
- a task reopened since is missed until the workspace's titles are reread, which happens
  every `REREAD_AFTER`.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import bindparam, event, select
from sqlalchemy.orm import Session

from bot.core.similarity import SimilarTitle, find_similar_normalised, normalise
from storage.models import Task, TaskStatus

REREAD_AFTER = timedelta(minutes=10)
NEWEST_OPEN = 5000
"""How many of a workspace's newest open tasks a new title is compared with."""
WORKSPACES_KEPT = 2000


@dataclass
class _Titles:
    read_at: datetime
    newest: int = 0
    titles: dict[int, str] = field(default_factory=dict)
    normalised: dict[int, str] = field(default_factory=dict)

    def add(self, number: int, title: str) -> None:
        self.titles[number] = title
        self.normalised[number] = normalise(title)
        self.newest = max(self.newest, number)
        if len(self.titles) > NEWEST_OPEN:
            oldest = min(self.titles)
            del self.titles[oldest], self.normalised[oldest]

    def drop(self, number: int) -> None:
        self.titles.pop(number, None)
        self.normalised.pop(number, None)


class OpenTitles:
    """Finds open tasks whose titles look like a new one; safe to share between threads."""

    def __init__(self) -> None:
        self._workspaces: OrderedDict[int, _Titles] = OrderedDict()
        self._lock = threading.Lock()

    def similar(
        self,
        session: Session,
        workspace_id: int,
        title: str,
        now: datetime,
        limit: int = 3,
        *,
        numbered: int | None = None,
    ) -> list[SimilarTitle]:
        """The open tasks whose titles look like `title`. `numbered` is the workspace's task
        counter as this transaction saw it: tasks up to it that are known are not read again."""
        with self._lock:
            known = self._workspaces.get(workspace_id)
            if known is None or now - known.read_at > REREAD_AFTER:
                known = _Titles(read_at=now)
                self._workspaces[workspace_id] = known
            self._workspaces.move_to_end(workspace_id)
            while len(self._workspaces) > WORKSPACES_KEPT:
                self._workspaces.popitem(last=False)
            if numbered is None or known.newest < numbered:
                for number, newer in _open_since(session, workspace_id, known.newest):
                    known.add(number, newer)
                # Every task up to the counter was committed before this read began.
                known.newest = max(known.newest, numbered or 0)
            found = find_similar_normalised(title, known.normalised, known.titles, limit=limit * 3)
            if not found:
                return []
            still_open = _still_open(session, workspace_id, [hit.key for hit in found])
            for hit in found:
                if hit.key not in still_open:
                    known.drop(hit.key)
            return [hit for hit in found if hit.key in still_open][:limit]

    def created(self, session: Session, workspace_id: int, number: int, title: str) -> None:
        """Remembers a task created in `session`'s transaction, once that commits."""
        session.info.setdefault(CREATED, []).append((self, workspace_id, number, title))

    def remembered(self, workspace_id: int) -> dict[int, str]:
        """The open titles this process knows of a workspace, by task number."""
        with self._lock:
            known = self._workspaces.get(workspace_id)
            return dict(known.titles) if known is not None else {}

    def _committed(self, workspace_id: int, number: int, title: str) -> None:
        with self._lock:
            known = self._workspaces.get(workspace_id)
            # Only the next number: one in between may be another's, not read yet.
            if known is not None and number == known.newest + 1:
                known.add(number, title)


CREATED = "open_titles.created"
"""The session's key for the tasks its transaction created, remembered once it commits."""


@event.listens_for(Session, "after_commit")
def _remember_created(session: Session) -> None:
    for titles, workspace_id, number, title in session.info.pop(CREATED, ()):
        titles._committed(workspace_id, number, title)


@event.listens_for(Session, "after_rollback")
def _forget_created(session: Session) -> None:
    session.info.pop(CREATED, None)


def _open_since(session: Session, workspace_id: int, newest: int) -> list[tuple[int, str]]:
    params = {"workspace_id": workspace_id, "newest": newest}
    return [(number, title) for number, title in session.execute(OPEN_SINCE, params)][::-1]


def _still_open(session: Session, workspace_id: int, numbers: list[int]) -> set[int]:
    return set(session.scalars(STILL_OPEN, {"workspace_id": workspace_id, "numbers": numbers}))


# Built once: asked on every new task, and a statement costs more to build than to run.
OPEN_SINCE = (
    select(Task.number, Task.title)
    .where(
        Task.workspace_id == bindparam("workspace_id"),
        Task.status == TaskStatus.OPEN,
        Task.number > bindparam("newest"),
    )
    .order_by(Task.number.desc())
    .limit(NEWEST_OPEN)
)
STILL_OPEN = select(Task.number).where(
    Task.workspace_id == bindparam("workspace_id"),
    Task.number.in_(bindparam("numbers", expanding=True)),
    Task.status == TaskStatus.OPEN,
)
