"""O-n and K-n are taken one after the other even when people add them at the same moment."""

from __future__ import annotations

import threading

from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import Invocation, Reply
from storage.models import KeyResult, Objective, Workspace
from tests.support.chat import Chat


def test_concurrent_adds_all_succeed_with_gapless_numbers(chat: Chat, baton: Baton) -> None:
    chat.say("/baton okr add objective Grow the service network")
    replies: list[Reply] = []
    start = threading.Barrier(4)

    def add(worker: int) -> None:
        start.wait()
        for n in range(3):
            for line in (
                f"okr add objective Goal {worker}.{n}",
                f"okr add kr O-1 Result {worker}.{n} from 0 to {n + 1}",
            ):
                invocation = Invocation(actor=chat.actor("bob", "general"), text=line)
                replies.append(baton.dispatcher.dispatch(invocation))

    threads = [threading.Thread(target=add, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r for r in replies if r.failed] == []
    with baton.db.transaction() as session:
        objectives = sorted(session.scalars(select(Objective.number)))
        key_results = sorted(session.scalars(select(KeyResult.number)))
        seqs = session.execute(select(Workspace.objective_seq, Workspace.key_result_seq)).one()
    assert objectives == list(range(1, 14))
    assert key_results == list(range(1, 13))
    assert tuple(seqs) == (13, 12)
