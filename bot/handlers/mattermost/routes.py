"""Baton's Mattermost endpoints: POST /mattermost/command, /mattermost/actions, /mattermost/dialogs.

Each request is checked before anything runs: the slash command's token and that the request
comes from the token's team (401 otherwise), the signature of a button's context or a dialog's
state (403 otherwise), and that the person is a member of that team (403 otherwise; 503 when
Mattermost cannot say). A dialog acts once, however often it is submitted.

A slash command is then written to the inbox (a millisecond or two; a failure answers 500, so
nothing is acknowledged that a restart could lose), answered with an empty ephemeral response
(Mattermost shows nothing), and run right after: commands that open a form (whose trigger id
expires within seconds) in the inbox's urgent lane. Its reply comes later, through the
command's response URL or the API. A button press or a dialog submission runs in a thread
before its answer (the answer carries the redrawn post, a note, or the field errors), so
nothing of it is acknowledged before it is done. The outbox is delivered after each.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import Any

from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from bot.app import Baton
from bot.commands.invocation import Invocation
from bot.config import Settings
from bot.core.catalog import text
from bot.core.platform import PlatformError
from bot.handlers.mattermost import inbound
from bot.handlers.mattermost.command_tokens import (
    CommandTokens,
    parse_command_tokens,
    warn_unbound,
)
from bot.handlers.mattermost.context import verify_button, verify_state
from bot.handlers.mattermost.dialogs import field_errors
from bot.handlers.mattermost.platform import MattermostPlatform
from bot.http_body import read_body

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024


QUIET: dict[str, Any] = {"response_type": "ephemeral", "text": ""}
"""The immediate answer to a slash command: Mattermost shows nothing."""


class MattermostEndpoints:
    def __init__(self, baton: Baton, settings: Settings) -> None:
        self._baton = baton
        self._settings = settings
        self._secret = settings.baton_secret
        self._server = settings.mattermost_url or ""
        self._tokens = CommandTokens(
            parse_command_tokens(settings.mattermost_command_token), baton.db
        )
        warn_unbound(self._tokens)

    def routes(self) -> list[BaseRoute]:
        return [
            Route("/mattermost/command", self.command, methods=["POST"]),
            Route("/mattermost/actions", self.action, methods=["POST"]),
            Route("/mattermost/dialogs", self.dialog, methods=["POST"]),
        ]

    async def command(self, request: Request) -> Response:
        body = await _body(request)
        fields = inbound.form_fields(body) if body is not None else None
        if fields is None:
            return PlainTextResponse("unreadable request", status_code=400)
        authorization = request.headers.get("authorization", "")
        # One trip to a thread for the token's team, the membership and the inbox write: each
        # trip costs the event loop and the thread a wake-up.
        return await run_in_threadpool(self._command, fields, authorization)

    def _command(self, fields: dict[str, str], authorization: str) -> Response:
        token = inbound.command_token(authorization, fields)
        team = self._tokens.team_of(token)
        if team is None:
            return PlainTextResponse("invalid token", status_code=401)
        if fields.get("team_id") != team:
            given = fields.get("team_id", "")[:64]
            log.warning("a command token of team %s came with team_id %r: refused", team, given)
            return PlainTextResponse("invalid token", status_code=401)
        invocation = inbound.command_invocation(fields, self._server)
        if isinstance(invocation, list):
            return JSONResponse({"response_type": "ephemeral", "text": _missing(invocation)})
        refused = self._refusal(invocation)
        if refused is not None:
            return PlainTextResponse(refused[0], status_code=refused[1])
        urgent = self._baton.registry.opens_form(invocation.text or "")
        self._baton.inbox.accept(invocation, urgent=urgent)
        return JSONResponse(QUIET)

    async def action(self, request: Request) -> Response:
        body = await _json(request)
        if body is None:
            return _error("unreadable request", 400)
        button = verify_button(self._secret, body.get("context"))
        if button is None or inbound.team_conflicts(body, button.team):
            return _error(text("platform.forged"), 403)
        invocation = inbound.press_invocation(body, button)
        if isinstance(invocation, list):
            return JSONResponse({"ephemeral_text": _missing(invocation)})
        refused = await self._outsider(invocation)
        if refused is not None:
            return _error(*refused)
        return await self._run(self._press, invocation)

    async def dialog(self, request: Request) -> Response:
        body = await _json(request)
        if body is None:
            return _error("unreadable request", 400)
        state = verify_state(self._secret, body.get("state"))
        if (
            state is None
            or inbound.team_conflicts(body, state.team)
            or (state.user and state.user != body.get("user_id"))
        ):
            return _error(text("platform.forged"), 403)
        if body.get("cancelled") is True:
            return JSONResponse({})
        if state.expired(time.time()):
            return JSONResponse({"error": text("platform.form_expired")})
        invocation = inbound.submission_invocation(body, state)
        if isinstance(invocation, list):
            return JSONResponse({"error": _missing(invocation)})
        refused = await self._outsider(invocation)
        if refused is not None:
            return _error(*refused)
        return await self._run(self._submit, invocation)

    async def _outsider(self, invocation: Invocation) -> tuple[str, int] | None:
        return await run_in_threadpool(self._refusal, invocation)

    def _refusal(self, invocation: Invocation) -> tuple[str, int] | None:
        """Why the person may not act in the invocation's team, with the HTTP status; None when
        they are a member of it."""
        actor = invocation.actor
        platform = self._team(actor.team_id)
        try:
            member = platform.has_member(actor.user_id)
        except PlatformError as error:
            log.warning("membership of %s in %s unknown: %s", actor.user_id, actor.team_id, error)
            return text("platform.membership_unknown"), 503
        if not member:
            log.info("%s is not a member of team %s: refused", actor.user_id, actor.team_id)
            return text("platform.not_member"), 403
        return None

    async def _run(
        self, handle: Callable[[Invocation], dict[str, Any]], invocation: Invocation
    ) -> Response:
        answer = await run_in_threadpool(handle, invocation)
        return JSONResponse(answer, background=BackgroundTask(self._baton.deliver_soon))

    def _team(self, team_id: str) -> MattermostPlatform:
        team = self._baton.platforms.for_workspace(inbound.PLATFORM, team_id)
        assert isinstance(team, MattermostPlatform)
        return team

    def _press(self, invocation: Invocation) -> dict[str, Any]:
        """The answer to a button press: the pressed post redrawn, or a note to the person."""
        source = invocation.press.message_ref if invocation.press else None
        platform = self._team(invocation.actor.team_id).answering(source)
        self._baton.answer(invocation, platform)
        return platform.answer

    def _submit(self, invocation: Invocation) -> dict[str, Any]:
        """The answer to a dialog submission: field errors keep it open, anything else closes
        it, and the reply is shown like any other."""
        reply = self._baton.dispatcher.dispatch(invocation)
        if reply.field_errors:
            return field_errors(reply.field_errors)
        self._baton.publish(invocation, reply)
        return {}


async def _body(request: Request) -> bytes | None:
    return await read_body(request, MAX_BODY)  # 413 past the limit, declared or streamed


async def _json(request: Request) -> dict[str, Any] | None:
    body = await _body(request)
    if body is None:
        return None
    try:
        parsed = json.loads(body)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict) else None


def _missing(fields: list[str]) -> str:
    return text("platform.missing_fields", fields=", ".join(f"`{name}`" for name in fields))


def _error(message: str, status: int) -> Response:
    return JSONResponse({"error": {"message": message}}, status_code=status)


def mattermost_routes(baton: Baton, settings: Settings) -> list[BaseRoute]:
    """The routes of Mattermost, for `bot.connect`."""
    return MattermostEndpoints(baton, settings).routes()
