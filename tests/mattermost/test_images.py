"""Charts on Mattermost: the PNG uploaded with POST /files, then the post carrying its file id;
once, even when Mattermost answers too late or fails the upload."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from bot.core.clock import SimulatedClock
from bot.core.platform import PlatformError
from bot.handlers.mattermost import wiring
from bot.handlers.mattermost.client import MattermostClient
from tests.mattermost.conftest import Served, Team
from tests.mattermost.fake_mattermost import FakeMattermost
from tests.mattermost.outgoing import MattermostServer
from tests.support.charts import chart_message, decoded, looks_drawn, objective_chart, queue

TIMEOUT = 1.0
"""The client's timeout in these tests (10 s in production), so that a late answer is quick."""


@pytest.fixture(autouse=True)
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wiring, "API_TIMEOUT", TIMEOUT)


@pytest.fixture
def okrs(
    mm: MattermostServer, acme: Team, fake_mm: FakeMattermost, served: Served
) -> dict[str, Any]:
    """A channel for the charts, once Baton met the team (a first command) and is idle."""
    mm.command(acme.bob, acme.general, "task add Kick-off")
    fake_mm.wait_for(lambda: fake_mm.posts_in(acme.general["id"]))
    assert served.baton.inbox.wait_idle(10), "the command's work did not finish"
    return fake_mm.add_channel(acme.team, "okrs")


def charts_in(fake: FakeMattermost, channel_id: str) -> list[dict[str, Any]]:
    return [p for p in fake.posts_in(channel_id) if "check-in summary" in str(p["message"])]


def test_a_chart_is_uploaded_then_posted_with_its_file_id(
    okrs: dict[str, Any], acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    queue(
        served.baton,
        acme.team["id"],
        chart_message(objective_chart(3), buttons=True),
        channel=okrs["id"],
    )
    assert served.baton.deliver_outbox() == 1

    (upload,) = fake_mm.calls_to("POST", "/files")
    assert upload.body["channel_id"] == okrs["id"]
    ((name, data, content_type),) = upload.body["files"]
    assert (name, content_type) == ("okr-O-2.png", "image/png")
    image = decoded(data)
    assert image.size == (800, 740)
    assert looks_drawn(image)

    (post,) = charts_in(fake_mm, okrs["id"])
    (file_id,) = post["file_ids"]
    assert fake_mm.files[file_id]["post_id"] == post["id"]
    assert fake_mm.files[file_id]["name"] == "okr-O-2.png"
    assert "📈" not in post["message"], "the image is the chart: no note in the text"
    (attachment,) = post["props"]["attachments"]
    assert [a["name"] for a in attachment["actions"]] == ["Check in"], "buttons kept"


def test_a_direct_message_carries_its_chart(
    okrs: dict[str, Any], acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    queue(served.baton, acme.team["id"], chart_message(objective_chart(1)), user=acme.anna["id"])
    assert served.baton.deliver_outbox() == 1
    channel = fake_mm.direct_channel(acme.anna["id"])
    assert channel is not None
    (post,) = charts_in(fake_mm, channel["id"])
    assert len(post["file_ids"]) == 1


def test_a_post_answered_too_late_is_found_and_keeps_its_one_file(
    okrs: dict[str, Any],
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    fake_mm.answer_late("POST", "/posts", TIMEOUT + 2)
    queue(served.baton, acme.team["id"], chart_message(objective_chart(1)), channel=okrs["id"])
    assert served.baton.deliver_outbox() == 0, "no answer in time: tried again later"
    clock.advance(timedelta(seconds=10))
    assert served.baton.deliver_outbox() == 1

    (post,) = charts_in(fake_mm, okrs["id"])
    assert len(fake_mm.calls_to("POST", "/files")) == 1, "not uploaded twice"
    assert fake_mm.calls_to("GET", f"/posts/{post['id']}"), "it looked at the post's files"
    (patch,) = fake_mm.calls_to("PUT", f"/posts/{post['id']}/patch")
    assert "file_ids" not in patch.body
    assert len(post["file_ids"]) == 1


def test_a_failed_upload_is_tried_again_and_posted_once(
    okrs: dict[str, Any],
    acme: Team,
    fake_mm: FakeMattermost,
    served: Served,
    clock: SimulatedClock,
) -> None:
    fake_mm.fail_next(503, path="^/files$")
    queue(served.baton, acme.team["id"], chart_message(objective_chart(1)), channel=okrs["id"])
    assert served.baton.deliver_outbox() == 0
    assert charts_in(fake_mm, okrs["id"]) == [], "no post without its chart"
    clock.advance(timedelta(seconds=10))
    assert served.baton.deliver_outbox() == 1
    assert [c.status for c in fake_mm.calls_to("POST", "/files")] == [503, 201]
    (post,) = charts_in(fake_mm, okrs["id"])
    assert len(post["file_ids"]) == 1


def test_where_no_file_can_go_mattermost_names_the_chart(
    okrs: dict[str, Any], acme: Team, fake_mm: FakeMattermost, served: Served
) -> None:
    platform = served.baton.platforms.for_workspace("mattermost", acme.team["id"])
    platform.ephemeral(okrs["id"], acme.dora["id"], chart_message(objective_chart(1), lang="de"))
    (shown,) = fake_mm.ephemerals_for(acme.dora["id"])
    assert shown["message"].endswith(
        "📈 O-2 Win the enterprise market: Diagramme können hier nicht angezeigt werden. "
        "`/baton okr chart O-2` veröffentlicht es im Kanal."
    )
    assert fake_mm.calls_to("POST", "/files") == []


def test_the_fake_checks_uploads_and_the_files_a_post_names(
    acme: Team, fake_mm: FakeMattermost
) -> None:
    client = MattermostClient(fake_mm.url, fake_mm.token)
    okrs = fake_mm.add_channel(acme.team, "okrs")
    (file_id,) = client.upload_files(okrs["id"], [("okr-O-2.png", b"\x89PNG\r\n\x1a\n")])
    assert fake_mm.files[file_id]["has_preview_image"] is True
    with pytest.raises(PlatformError, match="cannot go") as elsewhere:
        client.create_post({"channel_id": acme.general["id"], "file_ids": [file_id]})
    assert elsewhere.value.code == "invalid"
    assert fake_mm.files[file_id]["post_id"] == ""
    outside = fake_mm.add_channel(acme.team, "secret", bot_member=False)
    with pytest.raises(PlatformError) as refused:
        client.upload_files(outside["id"], [("okr-O-2.png", b"png")])
    assert refused.value.code == "forbidden"
