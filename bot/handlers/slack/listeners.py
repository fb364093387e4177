"""Every Slack request Baton answers, in one place: each acks at once, work follows.

The app runs with `process_before_response=True`, so the HTTP response is the ack and is
sent as soon as the listener returns; the listeners only translate the payload and hand the
work on. Commands, button presses and direct messages are written to the inbox first (a
millisecond or two), so an acked one survives a restart; if that write fails, Slack gets an
error instead of an ack. Only a modal submission waits (briefly) for its result, because its
field errors must be in the ack. The message shortcut and the App Home run in the background
pool: both only show something whose moment has passed by a restart (a form whose trigger
expired, a page redrawn at the next visit).
"""

from __future__ import annotations

import re
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltRequest

from bot.handlers.slack.forms import submitted
from bot.handlers.slack.invocations import (
    from_button,
    from_command,
    from_direct_message,
    from_submission,
    is_command_message,
)
from bot.handlers.slack.manifest import COMMAND, TASK_FROM_MESSAGE
from bot.handlers.slack.runtime import SlackRuntime

Body = dict[str, Any]
ANY = re.compile(r".+")


def workspace_key(context: BoltContext) -> str:
    """The workspace Bolt authorised the request for: the team of the bot token used, or the
    enterprise of an org-wide install. Never a team id taken from the payload."""
    result = context.authorize_result
    if result is not None:
        if context.is_enterprise_install and result.enterprise_id:
            return result.enterprise_id
        if result.team_id or result.enterprise_id:
            return str(result.team_id or result.enterprise_id)
    return str(context.team_id or context.enterprise_id or "")


def request_timestamp(request: BoltRequest) -> str:
    """The signed X-Slack-Request-Timestamp of an HTTP request; "" over Socket Mode."""
    values = request.headers.get("x-slack-request-timestamp") or [""]
    return str(values[0]).strip()


def register_listeners(app: App, runtime: SlackRuntime, *, oauth: bool) -> None:
    """Registers the slash command, buttons, modals, the shortcut and the events."""

    @app.command(COMMAND)
    def slash_command(ack: Ack, body: Body, context: BoltContext, request: BoltRequest) -> None:
        runtime.later(from_command(body, workspace_key(context), request_timestamp(request)))
        ack()

    @app.block_action(ANY)
    def button(ack: Ack, body: Body, context: BoltContext) -> None:
        runtime.later(from_button(body, workspace_key(context)), urgent=True)
        ack()

    @app.view_submission(ANY)
    def form(ack: Ack, body: Body, view: Body, context: BoltContext) -> None:
        invocation = from_submission(body, submitted(view), workspace_key(context))
        reply = runtime.submit_form(invocation)
        if reply is not None and reply.field_errors:
            ack(response_action="errors", errors=dict(reply.field_errors))
            return
        ack()
        if reply is not None:
            runtime.background.submit_urgent(runtime.show, invocation, reply)

    @app.message_shortcut(TASK_FROM_MESSAGE)
    def task_from_message(ack: Ack, body: Body, context: BoltContext) -> None:
        ack()
        runtime.background.submit_urgent(runtime.task_from_message, body, workspace_key(context))

    @app.event("app_home_opened")
    def home_opened(ack: Ack, event: Body, context: BoltContext) -> None:
        ack()
        if event.get("tab") == "home" and event.get("user"):
            team = workspace_key(context)
            runtime.background.submit_urgent(runtime.home_opened, team, event["user"])

    @app.event("message")
    def direct_message(ack: Ack, body: Body, event: Body, context: BoltContext) -> None:
        if is_command_message(event):
            event_id = str(body.get("event_id") or "")
            runtime.later(from_direct_message(event, event_id, workspace_key(context)))
        ack()

    if oauth:
        app.enable_token_revocation_listeners()
    else:

        @app.event("app_uninstalled")
        @app.event("tokens_revoked")
        def token_gone(ack: Ack) -> None:
            ack()  # one workspace: its token is in the settings, nothing to forget
