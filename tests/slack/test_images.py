"""Charts on Slack: the message posted with its buttons, its PNG shared in the message's thread
through the upload flow, once, even when Slack's answers come too late."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.config import Settings
from bot.core.clock import SimulatedClock
from bot.handlers.slack import client
from tests.slack.conftest import PEOPLE, TEAM, TOKEN, slack_settings
from tests.slack.fake_slack import FakeSlack
from tests.slack.world import SlackWorld, posted_ref
from tests.support.charts import chart_message, decoded, looks_drawn, objective_chart, queue

BOB = PEOPLE["bob"]
OKRS = "C0OKRS"
TIMEOUT = 1
"""The client's timeout in the late-answer tests (10 s in production)."""


@pytest.fixture
def impatient(
    monkeypatch: pytest.MonkeyPatch,
    settings: Settings,
    clock: SimulatedClock,
    fake_slack: FakeSlack,
) -> Iterator[SlackWorld]:
    """Baton's Slack, with clients that give up after TIMEOUT seconds."""
    monkeypatch.setattr(client, "TIMEOUT_SECONDS", TIMEOUT)
    world = SlackWorld(slack_settings(settings, fake_slack), clock, fake_slack)
    yield world
    world.close()


def start(slack: SlackWorld) -> None:
    """Baton meets the workspace (a first command), so there is one to queue posts in."""
    slack.send_command(slack.command("task add Kick-off", team=TEAM, user=BOB, user_name="bob"))
    slack.fake.wait_for("chat.postMessage")
    slack.settle()


def texts(blocks: list[dict[str, Any]]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def shared_in(fake: FakeSlack, channel: str, ts: str) -> list[dict[str, Any]]:
    with fake._changed:
        return [f for reply in fake.state.replies.get((channel, ts), []) for f in reply["files"]]


def test_a_chart_is_uploaded_and_shared_in_the_thread_of_its_message_with_buttons(
    slack: SlackWorld,
) -> None:
    start(slack)
    queue(slack.baton, TEAM, chart_message(objective_chart(3), buttons=True), channel=OKRS)
    assert slack.baton.deliver_outbox() == 1

    posted = slack.fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == OKRS)
    blocks = posted[0].params["blocks"]
    assert [b["type"] for b in blocks] == ["section", "context", "actions"], "buttons kept"
    assert "📈 O-2 Win the enterprise market: the chart is in the thread." in texts(blocks)
    channel, ts = posted_ref(posted[0])

    (asked,) = slack.fake.of("files.getUploadURLExternal")
    assert asked.params["filename"] == "okr-O-2.png"
    (sent,) = slack.fake.of("upload")
    assert int(asked.params["length"]) == sent.params["length"]
    (completed,) = slack.fake.of("files.completeUploadExternal")
    assert (completed.params["channel_id"], completed.params["thread_ts"]) == (channel, ts)
    assert json.loads(completed.params["files"])[0]["title"] == "O-2 Win the enterprise market"

    (shared,) = shared_in(slack.fake, channel, ts)
    assert shared["name"] == "okr-O-2.png"
    data = slack.fake.state.uploads[shared["id"]].data
    assert data is not None
    image = decoded(data)
    assert image.size == (800, 740)
    assert looks_drawn(image)


def test_a_direct_message_carries_its_chart_in_its_thread_too(slack: SlackWorld) -> None:
    start(slack)
    queue(slack.baton, TEAM, chart_message(objective_chart(1)), user=BOB)
    assert slack.baton.deliver_outbox() == 1
    (completed,) = slack.fake.of("files.completeUploadExternal")
    assert completed.params["channel_id"] == "D" + BOB[1:]


def test_without_files_write_the_message_names_its_chart_instead(slack: SlackWorld) -> None:
    start(slack)
    workspace = next(iter(slack.fake.state.workspaces.values()))
    workspace.scopes.discard("files:write")
    queue(slack.baton, TEAM, chart_message(objective_chart(1)), channel=OKRS)
    assert slack.baton.deliver_outbox() == 1
    (asked,) = slack.fake.of("files.getUploadURLExternal")
    assert asked.response == {
        "ok": False,
        "error": "missing_scope",
        "needed": "files:write",
        "provided": ",".join(sorted(workspace.scopes)),
    }
    (redrawn,) = slack.fake.of("chat.update")
    assert "`/baton okr chart O-2` posts it in the channel." in texts(redrawn.params["blocks"])
    assert slack.fake.of("files.completeUploadExternal") == []


def test_a_post_answered_too_late_is_found_and_its_chart_shared_once(
    impatient: SlackWorld, clock: SimulatedClock
) -> None:
    slack = impatient
    start(slack)
    slack.fake.answer_late("chat.postMessage", TIMEOUT + 2)
    queue(slack.baton, TEAM, chart_message(objective_chart(1)), channel=OKRS)
    assert slack.baton.deliver_outbox() == 0, "no answer in time: tried again later"
    assert slack.fake.of("files.getUploadURLExternal") == []

    clock.advance(timedelta(seconds=10))
    assert slack.baton.deliver_outbox() == 1
    posts = slack.fake.of("chat.postMessage")
    assert len([p for p in posts if p.params["channel"] == OKRS]) == 1, "not posted twice"
    channel, ts = posted_ref(posts[-1])
    assert slack.fake.wait_for("conversations.replies")[0].params["ts"] == ts
    assert len(shared_in(slack.fake, channel, ts)) == 1


def test_a_share_answered_too_late_is_not_shared_twice(
    impatient: SlackWorld, clock: SimulatedClock
) -> None:
    slack = impatient
    start(slack)
    slack.fake.answer_late("files.completeUploadExternal", TIMEOUT + 2)
    queue(slack.baton, TEAM, chart_message(objective_chart(1), buttons=True), channel=OKRS)
    assert slack.baton.deliver_outbox() == 0
    clock.advance(timedelta(seconds=10))
    assert slack.baton.deliver_outbox() == 1

    posts = [p for p in slack.fake.of("chat.postMessage") if p.params["channel"] == OKRS]
    assert len(posts) == 1
    channel, ts = posted_ref(posts[0])
    assert len(slack.fake.of("files.completeUploadExternal")) == 1
    assert len(shared_in(slack.fake, channel, ts)) == 1
    (redrawn,) = slack.fake.of("chat.update")
    assert redrawn.params["blocks"][-1]["type"] == "actions"


def test_a_failed_upload_is_tried_again_and_shared_once(
    slack: SlackWorld, clock: SimulatedClock
) -> None:
    start(slack)
    slack.fake.fail("upload", "upstream timeout", status=503)
    queue(slack.baton, TEAM, chart_message(objective_chart(1)), channel=OKRS)
    assert slack.baton.deliver_outbox() == 0
    clock.advance(timedelta(seconds=10))
    assert slack.baton.deliver_outbox() == 1
    posts = [p for p in slack.fake.of("chat.postMessage") if p.params["channel"] == OKRS]
    channel, ts = posted_ref(posts[0])
    assert len(posts) == 1
    assert [c.response["status"] for c in slack.fake.of("upload")] == [503, 200]
    assert len(shared_in(slack.fake, channel, ts)) == 1


def test_where_no_file_can_go_slack_names_the_chart(slack: SlackWorld) -> None:
    start(slack)
    platform = slack.baton.platforms.for_workspace("slack", TEAM)
    platform.ephemeral("C0GENERAL", BOB, chart_message(objective_chart(1), lang="fr"))
    (shown,) = slack.fake.of("chat.postEphemeral")
    assert (
        "📈 O-2 Win the enterprise market : les graphiques ne peuvent pas être affichés ici. "
        "`/baton okr chart O-2` le publie dans le canal."
    ) in texts(shown.params["blocks"])


def test_the_fake_checks_the_upload_flow_as_slack_does(fake_slack: FakeSlack) -> None:
    web = WebClient(token=TOKEN, base_url=fake_slack.api_url)
    asked = web.files_getUploadURLExternal(filename="chart.png", length=10)
    with pytest.raises(SlackApiError) as unknown:
        web.files_completeUploadExternal(files=[{"id": "F0NOSUCH", "title": "x"}])
    assert unknown.value.response["error"] == "file_not_found"
    with pytest.raises(SlackApiError) as early:
        web.files_completeUploadExternal(files=[{"id": str(asked["file_id"])}])
    assert early.value.response["error"] == "file_not_found", "nothing was uploaded yet"
    status, body = fake_slack.upload(f"/upload/v1/{asked['file_id']}", b"too short", {})
    assert (status, body) == (400, b"length 9 is not the declared 10")
    with pytest.raises(SlackApiError) as no_length:
        web.files_getUploadURLExternal(filename="chart.png", length=0)
    assert no_length.value.response["error"] == "invalid_arguments"
