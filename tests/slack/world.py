"""Baton serving Slack over real HTTP, with the fake Slack behind it: what a test talks to.

Requests are signed like Slack signs them and sent to `POST /slack/events` of the real
Starlette app under uvicorn; Baton's answers to Slack are read from the fake's recorded calls.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

import httpx
from sqlalchemy import func, select

from bot.app import Baton, build
from bot.config import Settings
from bot.connect import connected_platforms
from bot.core.clock import Clock
from bot.handlers.slack.wiring import SlackService, slack_service
from bot.web import create_web_app
from storage.models import Task, Workspace
from tests.slack.fake_slack import Call, FakeSlack
from tests.slack.payloads import Payload, event_body, form_body, interaction_body, load, sign
from tests.slack.server import ServerThread

SECRET = "test-signing-secret"


class SlackWorld:
    """One Baton with its Slack service, served over HTTP, and the fake Slack it talks to."""

    def __init__(self, settings: Settings, clock: Clock, fake: FakeSlack) -> None:
        self.settings = settings
        self.fake = fake
        self.baton: Baton = build(settings, clock=clock, platforms=connected_platforms(settings))
        self.service: SlackService = slack_service(self.baton, settings)
        self.server = ServerThread(create_web_app(self.baton, self.service.routes())).start()
        self.http = httpx.Client(base_url=self.server.url, timeout=15)
        self._ids = itertools.count(1)

    def close(self) -> None:
        self.http.close()
        self.server.stop()
        self.baton.inbox.stop(grace=5)
        self.service.close()
        self.baton.db.dispose()

    # --- sending, signed like Slack signs -------------------------------------------------

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: str | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        stamp = timestamp if timestamp is not None else str(int(time.time()))
        sent = {"Content-Type": content_type, **(headers or {})}
        if stamp:
            sent["X-Slack-Request-Timestamp"] = stamp
        if signature is None:
            signature = sign(SECRET, stamp, body)
        if signature:
            sent["X-Slack-Signature"] = signature
        return self.http.post("/slack/events", content=body.encode(), headers=sent)

    def send_command(self, fields: Payload, **options: Any) -> httpx.Response:
        return self.post(form_body(fields), "application/x-www-form-urlencoded", **options)

    def send_interaction(self, payload: Payload, **options: Any) -> httpx.Response:
        return self.post(interaction_body(payload), "application/x-www-form-urlencoded", **options)

    def send_event(self, envelope: Payload, **options: Any) -> httpx.Response:
        return self.post(event_body(envelope), "application/json", **options)

    # --- payloads from the fixtures --------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def command(
        self,
        text: str,
        *,
        team: str,
        user: str,
        user_name: str,
        channel: str = "C0GENERAL",
        channel_name: str = "general",
    ) -> Payload:
        """The documented slash command payload, for `/baton <text>`."""
        n = self.next_id()
        fields = load("slash_command")
        fields.update(
            team_id=team,
            team_domain="acme",
            channel_id=channel,
            channel_name=channel_name,
            user_id=user,
            user_name=user_name,
            command="/baton",
            text=text,
            response_url=self.fake.response_url(f"commands/{n}"),
            trigger_id=f"{n}.{n}.trigger{n:04d}",
        )
        fields.pop("enterprise_id")
        fields.pop("enterprise_name")
        return fields

    def button(
        self, posted: Call, action_id: str, *, team: str, user: str, user_name: str
    ) -> Payload:
        """bolt-python's block_actions payload, pressing `action_id` on the channel message
        that the recorded chat.postMessage `posted` created."""
        channel, ts = posted_ref(posted)
        return self.press(
            posted.params["blocks"],
            action_id,
            channel=channel,
            ts=ts,
            team=team,
            user=user,
            user_name=user_name,
        )

    def press(
        self,
        blocks: list[Payload],
        action_id: str,
        *,
        channel: str,
        ts: str,
        team: str,
        user: str,
        user_name: str,
        ephemeral: bool = False,
    ) -> Payload:
        """bolt-python's block_actions payload, pressing `action_id` among `blocks`."""
        element = find_button(blocks, action_id)
        n = self.next_id()
        payload = load("block_actions")
        payload["user"] = {"id": user, "username": user_name, "name": user_name, "team_id": team}
        payload["team"] = {"id": team, "domain": "acme"}
        payload["container"] = {
            "type": "message",
            "message_ts": ts,
            "channel_id": channel,
            "is_ephemeral": ephemeral,
        }
        payload["channel"] = {"id": channel, "name": "general"}
        payload["trigger_id"] = f"{n}.{n}.press{n:04d}"
        payload["response_url"] = self.fake.response_url(f"actions/{n}")
        if not ephemeral:
            payload["message"] = {"type": "message", "ts": ts, "blocks": blocks}
        payload["actions"] = [
            {
                **payload["actions"][0],
                "action_id": action_id,
                "value": element["value"],
                "text": element["text"],
                "action_ts": f"{1764061200 + n}.000100",
            }
        ]
        return payload

    def submission(
        self, opened: Call, values: dict[str, str], *, team: str, user: str, user_name: str
    ) -> Payload:
        """bolt-python's view_submission payload for the modal opened by `opened` (a recorded
        views.open), with `values` typed into its fields."""
        view = opened.params["view"]
        n = self.next_id()
        payload = load("view_submission")
        payload["team"] = {"id": team, "domain": "acme"}
        payload["user"] = {"id": user, "username": user_name, "name": user_name, "team_id": team}
        payload["trigger_id"] = f"{n}.{n}.submit{n:04d}"
        payload["view"].update(
            blocks=view["blocks"],
            callback_id=view["callback_id"],
            private_metadata=view.get("private_metadata", ""),
            team_id=team,
            title=view["title"],
            submit=view["submit"],
            state={"values": state_values(view["blocks"], values)},
        )
        return payload

    # --- looking at the outcome -------------------------------------------------------------

    def settle(self, timeout: float = 15.0) -> None:
        """Waits until the work that followed every ack is done: the inbox and the rest."""
        assert self.baton.inbox.wait_idle(timeout), "the inbox was not run"
        assert self.service.background.wait_idle(timeout), "background work did not finish"

    def task_count(self, team: str) -> int:
        with self.baton.db.transaction() as session:
            query = (
                select(func.count(Task.id))
                .join(Workspace, Workspace.id == Task.workspace_id)
                .where(Workspace.platform == "slack", Workspace.team_id == team)
            )
            return int(session.scalar(query) or 0)


def posted_ref(posted: Call) -> tuple[str, str]:
    """The channel and ts Slack gave the message of a chat.postMessage call."""
    return str(posted.response["channel"]), str(posted.response["ts"])


def find_button(blocks: list[Payload], action_id: str) -> Payload:
    for block in blocks:
        for element in block.get("elements", []) if block["type"] == "actions" else []:
            if element.get("action_id") == action_id:
                return dict(element)
    raise AssertionError(f"no button {action_id} in {blocks}")


def state_values(blocks: list[Payload], values: dict[str, str]) -> Payload:
    """`view.state.values` as Slack builds it from what was typed or picked in each input."""
    state: Payload = {}
    for block in blocks:
        element = block["element"]
        kind, action = element["type"], element["action_id"]
        value = values.get(block["block_id"])
        entry: Payload = {"type": kind}
        if kind == "plain_text_input":
            entry["value"] = value
        elif kind == "users_select":
            entry["selected_user"] = value
        elif kind == "datepicker":
            entry["selected_date"] = value
        elif kind == "timepicker":
            entry["selected_time"] = value
        else:
            entry["selected_option"] = {"value": value} if value else None
        state[block["block_id"]] = {action: entry}
    return state
