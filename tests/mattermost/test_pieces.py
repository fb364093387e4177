"""The Mattermost pieces on their own: signatures, retry hints, rendering, dialogs, the client."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.core.forms import FieldKind, Form, FormField, Option
from bot.core.message import (
    Actions,
    Button,
    ButtonStyle,
    Context,
    Divider,
    Fact,
    Fields,
    Link,
    Mention,
    Message,
    Moment,
    Progress,
    Section,
    Strong,
)
from bot.core.platform import PlatformError
from bot.handlers.mattermost.client import MattermostClient
from bot.handlers.mattermost.context import (
    sign_button,
    sign_state,
    token_accepted,
    verify_button,
    verify_state,
)
from bot.handlers.mattermost.dialogs import dialog_request, submitted_values
from bot.handlers.mattermost.platform import MattermostPlatform, user_time_zone
from bot.handlers.mattermost.render import MattermostRenderer, markdown
from bot.handlers.mattermost.retry import RetryPolicy, server_hint
from tests.mattermost.fake_mattermost import FakeMattermost

SECRET = "s3cret"


def test_button_contexts_verify_only_as_signed() -> None:
    context = sign_button(SECRET, action="task.complete", value="3:2", team="team1")
    button = verify_button(SECRET, context)
    assert button is not None
    assert (button.action, button.value, button.team) == ("task.complete", "3:2", "team1")
    assert verify_button("other", context) is None
    assert verify_button(SECRET, context | {"workspace": "mattermost/team2"}) is None
    for changed in (
        {"action": "task.delete"},
        {"value": "3:3"},
        {"team": "team2", "workspace": "mattermost/team2"},  # agree, but signed for team1
    ):
        assert verify_button(SECRET, context | changed) is None, changed
    assert verify_button(SECRET, context | {"signature": "é" * 64}) is None
    assert verify_button(SECRET, None) is None


def test_dialog_states_verify_only_as_signed() -> None:
    state = sign_state(SECRET, form="task.new", context="c1", team="t1", user="u1", channel="c1")
    verified = verify_state(SECRET, state)
    assert verified is not None
    assert (verified.form, verified.user, verified.team) == ("task.new", "u1", "t1")
    assert verify_state(SECRET, state.replace("u1", "u2")) is None
    assert verify_state(SECRET, "{") is None
    assert verify_state(SECRET, 12) is None


def test_tokens_compare_against_every_configured_one() -> None:
    assert token_accepted("b", ["a", "b"])
    assert not token_accepted("", ["", "a"])
    assert not token_accepted("c", [])


def test_server_hints_follow_retry_after_and_the_rate_limit_reset() -> None:
    now = 1_800_000_000.0
    assert server_hint({"Retry-After": "3"}, now) == 3
    assert server_hint({"X-Ratelimit-Reset": "2"}, now) == 2
    assert server_hint({"X-Ratelimit-Reset": str(now + 5)}, now) == 5, "an epoch timestamp"
    assert server_hint({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now) == 0
    assert server_hint({}, now) is None
    backoff = RetryPolicy(base_delay=0.2).delay(2, {}, now)
    assert 0.4 <= backoff <= 0.5


def test_messages_render_as_markdown_and_one_attachment() -> None:
    at = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)
    message = Message(
        summary="T-1 Book",
        tz="Europe/Berlin",
        blocks=(
            Section(text=(Strong(text="T-1"), " Book ", Link(url="https://x.test", label="it"))),
            Fields(fields=(Fact(label="Due", value=(Moment(at=at),)),)),
            Context(text=("by ", Mention(user_id="u1", name="bob"))),
            Progress(label="Run", done=3, total=10),
            Divider(),
            Actions(buttons=(Button(label="Go", action="a", value="1", style=ButtonStyle.DANGER),)),
        ),
    )
    renderer = MattermostRenderer("https://baton.test/", SECRET)
    post = renderer.post(message, "team1")
    assert post["message"] == (
        "**T-1** Book [it](https://x.test)\nby @bob\nRun `███░░░░░░░` 3/10\n* * *"
    )
    [attachment] = post["props"]["attachments"]
    assert attachment["fields"] == [
        {"title": "Due", "value": "Fri 27 Nov 2026 17:00 CET", "short": True}
    ]
    [action] = attachment["actions"]
    assert action["style"] == "danger"
    assert action["integration"]["url"] == "https://baton.test/mattermost/actions"
    assert verify_button(SECRET, action["integration"]["context"]) is not None
    assert "**Due:** Fri 27 Nov 2026 17:00 CET" in markdown(message, with_fields=True)
    assert renderer.attachments(Message(summary="hi"), "team1") == []


def test_forms_become_dialogs_within_mattermost_limits() -> None:
    form = Form(
        form_id="f",
        title="A title far longer than twenty-four characters",
        submit_label="Save",
        fields=(
            FormField(name="who", label="Who", kind=FieldKind.USER, required=False),
            FormField(name="when", label="When", kind=FieldKind.DATE),
            FormField(
                name="pick",
                label="Pick",
                kind=FieldKind.SELECT,
                options=(Option(label="A", value="a"),),
            ),
            FormField(name="notes", label="Notes", kind=FieldKind.TEXTAREA, max_length=9000),
        ),
    )
    dialog = dialog_request("trig", form, url="https://b/mattermost/dialogs", state="st")["dialog"]
    assert len(dialog["title"]) == 24
    who, when, pick, notes = dialog["elements"]
    assert (who["type"], who["data_source"], who["optional"]) == ("select", "users", True)
    assert (when["type"], when["placeholder"]) == ("text", "friday, 2026-12-01, in 3 days")
    assert pick["options"] == [{"text": "A", "value": "a"}]
    assert notes["max_length"] == 3000
    assert submitted_values({"a": None, "b": True, "c": 3}) == {"a": "", "b": "true", "c": "3"}
    assert submitted_values([]) is None


@pytest.mark.parametrize(
    ("timezone", "expected"),
    [
        ({"useAutomaticTimezone": "true", "automaticTimezone": "Asia/Tokyo"}, "Asia/Tokyo"),
        ({"useAutomaticTimezone": True, "automaticTimezone": "", "manualTimezone": "UTC"}, "UTC"),
        ({"useAutomaticTimezone": "false", "manualTimezone": "Europe/Rome"}, "Europe/Rome"),
        ({"useAutomaticTimezone": "false", "manualTimezone": ""}, None),
        (None, None),
    ],
)
def test_time_zones_follow_the_automatic_switch(timezone: object, expected: str | None) -> None:
    assert user_time_zone(timezone) == expected


def test_the_client_retries_then_gives_up_retryably() -> None:
    fake = FakeMattermost().start()
    slept: list[float] = []
    try:
        client = MattermostClient(fake.url, fake.token, sleep=slept.append)
        fake.fail_next(502, times=2)
        assert client.bot_user_id() == fake.bot["id"]
        assert len(slept) == 2
        assert client.get_user("nosuchuser") is None
        fake.fail_next(500, times=3)
        with pytest.raises(PlatformError) as failure:
            client.get_user(fake.bot["id"])
        assert failure.value.retryable
        with pytest.raises(PlatformError) as refused:
            MattermostClient(fake.url, "wrong-token").get_user(fake.bot["id"])
        assert (refused.value.code, refused.value.retryable) == ("unauthorized", False)
    finally:
        fake.stop()
    with pytest.raises(PlatformError) as down:
        MattermostClient(fake.url, fake.token, sleep=slept.append).get_user("x")
    assert (down.value.code, down.value.retryable) == ("unreachable", True)


def test_usernames_and_ids_that_cannot_exist_are_not_asked_for() -> None:
    fake = FakeMattermost().start()
    try:
        client = MattermostClient(fake.url, fake.token)
        renderer = MattermostRenderer("https://b", SECRET)
        platform = MattermostPlatform(client, renderer, "team1", SECRET)
        assert platform.find_user("../users/me") is None
        assert platform.profile("ME/..") is None
        assert platform.find_user("baton") is not None
        assert fake.calls_to("GET", r"/users/username/baton")
        assert len(fake.calls) == 1
    finally:
        fake.stop()
