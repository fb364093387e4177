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
from bot.handlers.mattermost.command_tokens import (
    CommandTokenError,
    parse_command_tokens,
    token_digest,
)
from bot.handlers.mattermost.context import (
    DIALOG_LIFETIME,
    sign_button,
    sign_state,
    verify_button,
    verify_state,
)
from bot.handlers.mattermost.dialogs import dialog_request, submitted_values
from bot.handlers.mattermost.membership import TeamMembership
from bot.handlers.mattermost.origin import origin
from bot.handlers.mattermost.platform import MattermostPlatform, user_time_zone
from bot.handlers.mattermost.render import MattermostRenderer, markdown
from bot.handlers.mattermost.retry import server_hint
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


def test_every_dialog_gets_its_own_nonce_and_expires() -> None:
    def opened(at: float) -> str:
        return sign_state(SECRET, form="f", context="", team="t", user="u", channel="c", issued=at)

    now = 1_800_000_000.0
    first, second = verify_state(SECRET, opened(now)), verify_state(SECRET, opened(now))
    assert first is not None
    assert second is not None
    assert first.nonce != second.nonce, "the same form opened twice is two dialogs"
    assert not first.expired(now + DIALOG_LIFETIME)
    assert first.expired(now + DIALOG_LIFETIME + 1)
    assert first.expired(now - 3600), "a state from the future is not trusted"


def test_command_tokens_are_team_pairs_or_bare() -> None:
    one, two = "xr3j5x3p4pbmbyqmq3z6fbypwa", "b4ok8ns5x3fbpp8dbgswyc9jzh"
    [paired, bare] = parse_command_tokens(f" team1:{one} , {two},,")
    assert (paired.team_id, paired.digest, paired.hint) == ("team1", token_digest(one), "ypwa")
    assert (bare.team_id, bare.digest) == ("", token_digest(two))
    assert one[:-4] not in repr(paired), "only the last characters, to name it in logs"
    [same] = parse_command_tokens(f"{one},team1:{one},team1:{one}")
    assert same.team_id == "team1", "a token also given bare keeps its team"
    assert parse_command_tokens(None) == []
    for wrong in (f"a:b:{one}", f":{one}", "team1:", f"te am:{one}", f"t1:{one},t2:{one}"):
        with pytest.raises(CommandTokenError) as error:
            parse_command_tokens(wrong)
        assert one[:-4] not in str(error.value), "the message never shows a token"


def test_origins_compare_scheme_host_and_port() -> None:
    assert origin("chat.example.com") == ("https", "chat.example.com", 443)
    assert origin("HTTP://Chat.Example.com/mm") == ("http", "chat.example.com", 80)
    assert origin("http://chat.example.com:8065/x") == ("http", "chat.example.com", 8065)
    assert origin("file:///etc/passwd") is None
    assert origin("http://chat:99999") is None


def test_server_hints_follow_retry_after_and_the_rate_limit_reset() -> None:
    now = 1_800_000_000.0
    assert server_hint({"Retry-After": "3"}, now) == 3
    assert server_hint({"X-Ratelimit-Reset": "2"}, now) == 2
    assert server_hint({"X-Ratelimit-Reset": str(now + 5)}, now) == 5, "an epoch timestamp"
    assert server_hint({"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}, now) == 0
    assert server_hint({}, now) is None


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
    assert "**Due**: Fri 27 Nov 2026 17:00 CET" in markdown(message, with_fields=True)
    french = message.model_copy(update={"lang": "fr"})
    assert "**Due**\u00a0: " in markdown(french, with_fields=True), "a space before the colon"
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


def test_the_client_fails_at_once_and_retryably_leaving_the_wait_to_the_outbox() -> None:
    fake = FakeMattermost().start()
    try:
        client = MattermostClient(fake.url, fake.token)
        fake.fail_next(502)
        with pytest.raises(PlatformError) as failure:
            client.bot_user_id()
        assert (failure.value.retryable, failure.value.retry_after) == (True, None)
        assert client.bot_user_id() == fake.bot["id"]
        assert client.get_user("nosuchuser") is None
        fake.rate_limit_next(reset=7)
        with pytest.raises(PlatformError) as limited:
            client.get_user(fake.bot["id"])
        assert (limited.value.code, limited.value.retry_after) == ("rate_limited", 7)
        with pytest.raises(PlatformError) as refused:
            MattermostClient(fake.url, "wrong-token").get_user(fake.bot["id"])
        assert (refused.value.code, refused.value.retryable) == ("unauthorized", False)
    finally:
        fake.stop()
    with pytest.raises(PlatformError) as down:
        MattermostClient(fake.url, fake.token).get_user("x")
    assert (down.value.code, down.value.retryable) == ("unreachable", True)


def test_usernames_and_ids_that_cannot_exist_are_not_asked_for() -> None:
    fake = FakeMattermost().start()
    try:
        team = fake.add_team("team1", team_id="team1")
        client = MattermostClient(fake.url, fake.token)
        renderer = MattermostRenderer("https://b", SECRET)
        platform = MattermostPlatform(client, renderer, team["id"], SECRET)
        assert platform.find_user("../users/me") is None
        assert platform.profile("ME/..") is None
        assert not platform.has_member("../me")
        assert platform.find_user("baton") is not None
        assert fake.calls_to("GET", r"/users/username/baton")
        assert fake.calls_to("GET", rf"/teams/team1/members/{fake.bot['id']}")
        assert len(fake.calls) == 2
    finally:
        fake.stop()


def test_memberships_are_remembered_a_few_minutes_per_team() -> None:
    fake = FakeMattermost().start()
    now = [0.0]
    try:
        acme, globex = fake.add_team("acme"), fake.add_team("globex")
        hidden = fake.add_team("hidden", bot_member=False)
        bob = fake.add_user("bob")
        fake.join(acme, bob)
        fake.join(hidden, bob)
        membership = TeamMembership(
            MattermostClient(fake.url, fake.token), ttl=300, non_member_ttl=30, clock=lambda: now[0]
        )
        assert membership.is_member(acme["id"], bob["id"])
        assert not membership.is_member(globex["id"], bob["id"]), "a member of one team only"
        assert not membership.is_member(hidden["id"], bob["id"]), "the bot cannot see that team"
        asked = len(fake.calls)
        fake.leave(acme, bob)
        fake.join(globex, bob)
        now[0] = 29.0
        assert membership.is_member(acme["id"], bob["id"]), "remembered for a while"
        assert not membership.is_member(globex["id"], bob["id"])
        assert len(fake.calls) == asked, "nothing asked again"
        now[0] = 31.0
        assert membership.is_member(globex["id"], bob["id"]), "a refusal is remembered briefly"
        now[0] = 301.0
        assert not membership.is_member(acme["id"], bob["id"]), "left, and the row says so"
        fake.fail_next(503)
        with pytest.raises(PlatformError):
            membership.is_member(acme["id"], "someoneelse000000000000000")
        assert not membership.is_member(hidden["id"], bob["id"]), "a refusal to say is not kept"
        assert len(fake.calls_to("GET", rf"/teams/{hidden['id']}/members/.*")) == 2
    finally:
        fake.stop()


def test_remembered_memberships_are_bounded() -> None:
    fake = FakeMattermost().start()
    try:
        team = fake.add_team("acme")
        membership = TeamMembership(MattermostClient(fake.url, fake.token), max_remembered=2)
        for user_id in ("a", "b", "c", "a"):
            assert not membership.is_member(team["id"], user_id)
        assert len(fake.calls) == 4, "the oldest answer was forgotten"
    finally:
        fake.stop()
