"""A slash command without a trigger id is recognised when the same request comes again."""

from __future__ import annotations

import time

from sqlalchemy import func, select

from storage.models import TaskComment
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.world import SlackWorld


def comment_count(slack: SlackWorld) -> int:
    with slack.baton.db.transaction() as session:
        return int(session.scalar(select(func.count(TaskComment.id))) or 0)


def test_the_same_request_five_times_is_one_command_but_the_same_words_later_are_another(
    slack: SlackWorld,
) -> None:
    bob = {"team": TEAM, "user": PEOPLE["bob"], "user_name": "bob"}
    slack.send_command(slack.command("task add Plan the offsite", **bob))
    slack.fake.wait_for("chat.postMessage")
    slack.settle()

    comment = slack.command("task comment T-1 Booked the room", **bob)
    del comment["trigger_id"]
    a_minute_ago = str(int(time.time()) - 60)
    for _ in range(5):  # one request, sent again as it was (same signature and timestamp)
        assert slack.send_command(comment, timestamp=a_minute_ago).status_code == 200
    slack.settle()
    assert comment_count(slack) == 1

    # The same words typed again are signed with a new timestamp: a command of their own.
    assert slack.send_command(comment).status_code == 200
    slack.settle()
    assert comment_count(slack) == 2

    # Another person's request with the same words and timestamp is theirs, not a repeat.
    carl = {**comment, "user_id": PEOPLE["carl"], "user_name": "carl"}
    assert slack.send_command(carl, timestamp=a_minute_ago).status_code == 200
    slack.settle()
    assert comment_count(slack) == 3
