"""What the Mattermost server sends to Baton when people use it, and what it does with the answers.

Requests are built from the documented payloads in `payloads/`: the slash command's form fields,
a button's PostActionIntegrationRequest, a dialog's SubmitDialogRequest. Answers are applied as
the server applies them: an `in_channel` command response becomes a post, a button's `update`
replaces the post's message and attachments, `ephemeral_text` is shown to the presser alone.
Baton answers a slash command at once and replies later (through the command's response URL,
a post, or a dialog): `command` waits for that reply, polling what the fake server recorded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.mattermost.fake_mattermost import Call, FakeMattermost
from tests.mattermost.fake_routes import new_id
from tests.mattermost.payloads import payload

QUIET = {"response_type": "ephemeral", "text": ""}
"""Baton's immediate answer to a slash command: Mattermost shows nothing."""


@dataclass
class Answer:
    """Baton's HTTP answer, its later reply to a slash command through the response URL (if
    any), and the posts Mattermost made or changed from them."""

    status: int
    body: Any
    reply: dict[str, Any] | None = None
    posted: list[dict[str, Any]] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    ephemeral: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text the person was answered with: the reply's, else the HTTP answer's."""
        answered = self.reply if self.reply is not None else self.body
        return answered.get("text", "") if isinstance(answered, dict) else ""


class MattermostServer:
    """Mattermost's outgoing side for one team: commands, button presses, dialog submissions."""

    def __init__(
        self, fake: FakeMattermost, team: dict[str, Any], baton_url: str, command_token: str
    ) -> None:
        self.fake = fake
        self.team = team
        self.baton_url = baton_url
        self.command_token = command_token
        self.http = httpx.Client(timeout=10)

    def close(self) -> None:
        self.http.close()

    def command(
        self,
        user: dict[str, Any],
        channel: dict[str, Any],
        text: str,
        *,
        token: str | None = None,
        token_in: str = "header",
        drop: tuple[str, ...] = (),
        response_url: str | None = None,
        timeout: float = 5.0,
    ) -> Answer:
        """`user` types `/baton text` in `channel`; waits up to `timeout` seconds for the reply."""
        with self.fake.lock:
            start = len(self.fake.calls)
        response, fields = self.send_command(
            user,
            channel,
            text,
            token=token,
            token_in=token_in,
            drop=drop,
            response_url=response_url,
        )
        answer = Answer(response.status_code, _json(response))
        if response.status_code == 200 and answer.body == QUIET:
            self._await_reply(answer, fields, start, timeout)
        elif response.status_code == 200 and isinstance(answer.body, dict):
            self._command_response(answer, user, channel)
        return answer

    def send_command(
        self,
        user: dict[str, Any],
        channel: dict[str, Any],
        text: str,
        *,
        token: str | None = None,
        token_in: str = "header",
        drop: tuple[str, ...] = (),
        response_url: str | None = None,
    ) -> tuple[httpx.Response, dict[str, str]]:
        """Sends the slash command and returns Baton's HTTP answer (nothing waits for the reply
        that follows) with the fields sent."""
        token = self.command_token if token is None else token
        template = payload("slash_command")
        fields = template["fields"] | {
            "channel_id": channel["id"],
            "channel_name": channel["name"],
            "command": "/baton",
            "response_url": response_url or self.fake.issue_response_url(user["id"], channel["id"]),
            "team_domain": self.team["name"],
            "team_id": channel["team_id"] or self.team["id"],
            "text": text,
            "token": token if token_in == "field" else "",
            "trigger_id": self.fake.issue_trigger(user["id"]),
            "user_id": user["id"],
            "user_name": user["username"],
        }
        headers = dict(template["headers"])
        headers.pop("Authorization")
        if token_in == "header" and token:
            headers["Authorization"] = f"Token {token}"
        for name in drop:
            fields.pop(name, None)
        response = self.http.post(
            f"{self.baton_url}/mattermost/command", data=fields, headers=headers
        )
        return response, fields

    def _await_reply(
        self, answer: Answer, fields: dict[str, str], start: int, timeout: float
    ) -> None:
        """Waits until Baton has replied to the command: through its response URL, with a card
        posted to the channel, an ephemeral post, or a dialog opened with its trigger id."""
        url, trigger = fields["response_url"], fields["trigger_id"]
        channel, user = fields["channel_id"], fields["user_id"]

        def done(call: Call) -> bool:
            body = call.body if isinstance(call.body, dict) else {}
            if call.method != "POST" or call.status not in (200, 201):
                return False
            if call.path == "/posts":
                return body.get("channel_id") == channel
            if call.path == "/posts/ephemeral":
                return body.get("user_id") == user
            return call.path == "/actions/dialogs/open" and body.get("trigger_id") == trigger

        def replied() -> bool:
            if self.fake.responses_to(url):
                return True
            with self.fake.lock:
                return any(done(call) for call in self.fake.calls[start:])

        self.fake.wait_for(replied, timeout)
        for response in self.fake.responses_to(url):
            answer.reply = response.body
            post = response.post
            if post is None:
                continue
            if response.body.get("response_type") == "in_channel":
                answer.posted.append(post)
            else:
                answer.shown.append(post["message"])
                answer.ephemeral.append(post)

    def _command_response(
        self, answer: Answer, user: dict[str, Any], channel: dict[str, Any]
    ) -> None:
        body = answer.body
        attachments = body.get("attachments") or []
        if not body.get("text") and not attachments:
            return  # Mattermost shows nothing for an empty ephemeral response
        post = payload(
            "api_post",
            id=new_id(),
            user_id=user["id"],
            channel_id=channel["id"],
            message=body.get("text", ""),
            props={"attachments": attachments, "from_webhook": "true"},
        )
        with self.fake.lock:
            if body.get("response_type") == "in_channel":
                self.fake.posts[post["id"]] = post
                answer.posted.append(post)
            else:
                self.fake.ephemerals[post["id"]] = (user["id"], post)
                answer.shown.append(post["message"])
                answer.ephemeral.append(post)

    def press(
        self, post: dict[str, Any], label: str, user: dict[str, Any], *, team_id: str | None = None
    ) -> Answer:
        """`user` presses the button labelled `label` on `post`."""
        action = _action(post, label)
        channel = self.fake.channels.get(post["channel_id"], {})
        request = payload(
            "post_action_integration_request",
            user_id=user["id"],
            user_name=user["username"],
            channel_id=post["channel_id"],
            channel_name=channel.get("name", ""),
            team_id=self.team["id"] if team_id is None else team_id,
            team_domain=self.team["name"],
            post_id=post["id"],
            trigger_id=self.fake.issue_trigger(user["id"]),
            context=action["integration"].get("context", {}),
        )
        response = self.http.post(action["integration"]["url"], json=request)
        answer = Answer(response.status_code, _json(response))
        if response.status_code == 200 and isinstance(answer.body, dict):
            update = answer.body.get("update")
            if update:
                with self.fake.lock:
                    post["message"] = update.get("message", post["message"])
                    post["props"] = update.get("props", {})
            if answer.body.get("ephemeral_text"):
                answer.shown.append(answer.body["ephemeral_text"])
        return answer

    def submit(
        self,
        dialog: dict[str, Any],
        values: dict[str, Any],
        user: dict[str, Any],
        channel: dict[str, Any],
    ) -> Answer:
        """`user` fills in and submits `dialog` (as the client does: required fields first)."""
        elements = dialog["dialog"]["elements"]
        for element in elements:
            if not element.get("optional") and not values.get(element["name"]):
                raise AssertionError(f"the client refuses: {element['name']} is required")
        submission = {e["name"]: values.get(e["name"]) for e in elements}
        request = payload(
            "dialog_submission",
            callback_id=dialog["dialog"]["callback_id"],
            state=dialog["dialog"]["state"],
            user_id=user["id"],
            channel_id=channel["id"],
            team_id=channel["team_id"],
            submission=submission,
        )
        response = self.http.post(dialog["url"], json=request)
        return Answer(response.status_code, _json(response))


def _action(post: dict[str, Any], label: str) -> dict[str, Any]:
    for attachment in post.get("props", {}).get("attachments") or []:
        for action in attachment.get("actions") or []:
            if action["name"] == label:
                return dict(action)
    raise AssertionError(f"no button {label!r} on post {post.get('message')!r}")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text
