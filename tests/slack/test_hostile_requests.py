"""Hostile requests cost little: big bodies are refused unread, bad bytes and bad shapes get a
4xx and one log line, and the install page cannot be used to fill the database."""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import Engine, text

from bot.handlers.slack.routes import INSTALL_BURST, MAX_BODY
from bot.rate_limit import RateLimit
from storage.oauth_states import prune_oauth_states
from tests.slack.conftest import PEOPLE, TEAM
from tests.slack.payloads import event_body, form_body, interaction_body, load
from tests.slack.world import SlackWorld
from tests.support.streaming import stream_body

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
ROUTES_LOG = "bot.handlers.slack.routes"


def test_a_declared_body_over_a_megabyte_is_refused_before_it_is_read(
    slack: SlackWorld,
) -> None:
    # 200 MB announced, 8 MB at most sent: a server that waits for the rest never answers.
    answer = stream_body(slack.server.url, "/slack/events", 8 * MAX_BODY, declared=200_000_000)
    assert answer.status == 413
    assert answer.sent < MAX_BODY, f"{answer.sent} bytes went out before the answer"
    assert answer.closed, "the server stops reading: it closes the connection"


def test_a_streamed_body_over_a_megabyte_is_refused_as_it_passes_the_limit(
    slack: SlackWorld,
) -> None:
    total = 32 * MAX_BODY
    answer = stream_body(slack.server.url, "/slack/events", total)  # chunked, no length
    assert answer.status == 413
    # What it read and what sat in the sockets' buffers; far from everything
    assert answer.sent < total // 4, f"{answer.sent} of {total} bytes went out first"
    assert answer.closed
    # and the server is as responsive as before
    assert slack.send_event({"type": "url_verification", "challenge": "c"}).status_code == 200


def test_a_body_just_under_the_limit_is_read(slack: SlackWorld) -> None:
    command = slack.command("help", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    command["padding"] = "x" * (MAX_BODY - len(form_body(command)) - 20)
    assert slack.send_command(command).status_code == 200


def test_a_body_that_is_not_utf8_gets_401_and_one_log_line(
    slack: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    stamp = str(int(time.time()))
    for signature in ("v0=" + "a" * 64, "v0=\xff" + "a" * 63):
        response = slack.http.post(
            "/slack/events",
            content=b"payload=\xff\xfe\x80" + "é".encode("latin-1"),
            headers={
                b"Content-Type": FORM.encode(),
                b"X-Slack-Request-Timestamp": stamp.encode(),
                b"X-Slack-Signature": signature.encode("latin-1"),
            },
        )
        assert response.status_code == 401
        assert response.json() == {"error": "invalid request"}
    assert [r for r in caplog.records if r.exc_info] == [], "no traceback"
    lines = [r.getMessage() for r in caplog.records if r.name == ROUTES_LOG]
    assert len(lines) == 2, lines
    assert "not UTF-8" in lines[0]
    assert "signature headers" in lines[1]
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []


def malformed_payloads() -> list[tuple[str, str, str]]:
    """Validly signed bodies of shapes Slack never sends."""
    press = load("block_actions")
    press["team"] = {"id": TEAM, "domain": "acme"}
    submission = load("view_submission")
    submission["team"] = {"id": TEAM, "domain": "acme"}
    view = submission["view"]

    def interaction(payload: object) -> tuple[str, str]:
        return f"payload={quote(json.dumps(payload))}", FORM

    cases: dict[str, tuple[str, str]] = {
        "payload is not JSON": ("payload=" + quote("{not json"), FORM),
        "payload is a list": interaction([press]),
        "payload is a string": interaction("block_actions"),
        "payload is null": interaction(None),
        "payload is a number": interaction(12),
        "payload is empty": ("payload=", FORM),
        "payload nested too deep": ("payload=" + "%5B" * 100_000, FORM),
        "actions is a string": interaction({**press, "actions": "complete"}),
        "actions holds numbers": interaction({**press, "actions": [1]}),
        "actions is empty": interaction({**press, "actions": []}),
        "an action without action_id": interaction({**press, "actions": [{"value": "v"}]}),
        "container is a string": interaction({**press, "container": "C1"}),
        "channel is a list": interaction({**press, "channel": ["C1"]}),
        "user is a list": interaction({**press, "user": ["U1"]}),
        "team is a list": interaction({**press, "team": ["T1"]}),
        "authorizations is a string": interaction({**press, "authorizations": "x"}),
        "response_urls is a number": interaction({**press, "response_urls": 5}),
        "type is a number": interaction({**press, "type": 5}),
        "trigger_id is an object": interaction({**press, "trigger_id": {"id": 1}}),
        "view is a string": interaction({**submission, "view": "modal"}),
        "view without callback_id": interaction(
            {**submission, "view": {k: v for k, v in view.items() if k != "callback_id"}}
        ),
        "state values are a list": interaction(
            {**submission, "view": {**view, "state": {"values": []}}}
        ),
        "state values hold strings": interaction(
            {**submission, "view": {**view, "state": {"values": {"b": "x"}}}}
        ),
        "private_metadata is an object": interaction(
            {**submission, "view": {**view, "private_metadata": {"channel": "C1"}}}
        ),
        "event body is not JSON": ("{not json", JSON),
        "event body is a list": ("[1, 2]", JSON),
        "event body is null": ("null", JSON),
        "event is a string": (
            event_body({"type": "event_callback", "team_id": TEAM, "event": "message"}),
            JSON,
        ),
        "event without type": (
            event_body({"type": "event_callback", "team_id": TEAM, "event": {"user": "U1"}}),
            JSON,
        ),
    }
    return [(name, body, kind) for name, (body, kind) in cases.items()]


def test_a_signed_payload_of_a_wrong_shape_gets_400(
    slack: SlackWorld, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    answers = {name: slack.post(body, kind) for name, body, kind in malformed_payloads()}
    assert {name: r.status_code for name, r in answers.items() if r.status_code != 400} == {}
    assert all(r.json() == {"error": "malformed request"} for r in answers.values())
    slack.settle()
    assert [c.method for c in slack.fake.calls] == []
    assert [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR] == []
    assert len([r for r in caplog.records if r.name == ROUTES_LOG]) == len(answers)
    # Well-formed payloads still work.
    command = slack.command("task add Still fine", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    assert slack.send_command(command).status_code == 200
    posted = slack.fake.wait_for("chat.postMessage")[0]
    press = slack.button(posted, "task.complete", team=TEAM, user=PEOPLE["bob"], user_name="bob")
    assert slack.post(interaction_body(press), FORM).status_code == 200
    slack.fake.wait_for("chat.update")


def state_rows(engine: Engine) -> list[datetime]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT expire_at FROM slack_oauth_states")).all()
    return [_naive(row[0]) for row in rows]


def _naive(value: object) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def test_the_install_page_is_rate_limited_per_client(oauth: SlackWorld) -> None:
    pages = [oauth.http.get("/slack/install") for _ in range(3 * INSTALL_BURST)]
    allowed = [p for p in pages if p.status_code == 200]
    limited = [p for p in pages if p.status_code == 429]
    assert INSTALL_BURST <= len(allowed) <= INSTALL_BURST + 1  # a token may refill meanwhile
    assert len(allowed) + len(limited) == len(pages)
    assert int(limited[0].headers["retry-after"]) > 0
    assert len(state_rows(oauth.baton.db.engine)) == len(allowed)


def test_oauth_states_expire_and_are_pruned(oauth: SlackWorld) -> None:
    for _ in range(4):
        assert oauth.http.get("/slack/install").status_code == 200
    engine = oauth.baton.db.engine
    now = datetime.now(UTC).replace(tzinfo=None)
    expiries = state_rows(engine)
    assert all(timedelta(minutes=9) < at - now <= timedelta(minutes=10) for at in expiries)
    assert prune_oauth_states(oauth.baton.db) == 0, "nothing has expired yet"

    an_hour_on = datetime.now(UTC) + timedelta(hours=1)
    assert prune_oauth_states(oauth.baton.db, an_hour_on) == 4
    assert state_rows(engine) == []


def test_a_rate_limit_refills_and_forgets_old_addresses() -> None:
    now = [0.0]
    limit = RateLimit(per_minute=6, burst=2, clock=lambda: now[0], keys_kept=2)
    assert [limit.allow("a") for _ in range(3)] == [True, True, False]
    now[0] += 10.0  # one token back
    assert [limit.allow("a") for _ in range(2)] == [True, False]
    assert limit.allow("b")
    assert limit.allow("c")  # "a" is forgotten: a full bucket again, which is harmless
    assert [limit.allow("a") for _ in range(3)] == [True, True, False]
    assert limit.retry_after() == 10
