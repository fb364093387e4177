"""Slack's part of the composition: the platform factory and the Slack service of a Baton."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from starlette.routing import BaseRoute

from bot.app import Baton
from bot.background import Background
from bot.config import Settings
from bot.handlers.slack.app import bolt_app
from bot.handlers.slack.oauth import Installations, installations
from bot.handlers.slack.routes import SlackEndpoints, request_verifier
from bot.handlers.slack.runtime import SlackRuntime
from bot.handlers.slack.socket_mode import connect_socket_mode
from bot.handlers.slack.workspaces import SlackWorkspaces


def platform_factory(settings: Settings) -> SlackWorkspaces:
    """Team id -> SlackPlatform, for the registry (web and worker processes alike)."""
    if not settings.slack_client_id:
        return SlackWorkspaces(settings)
    store: list[Installations] = []

    def lazy_store() -> Installations:
        # Made on first use: a worker that never talks to Slack needs no connection for it.
        if not store:
            store.append(installations(settings, _store_engine(settings)))
        return store[0]

    return SlackWorkspaces(settings, lazy_store)


def _store_engine(settings: Settings) -> Engine:
    """An engine without a pool for the token lookups of the outbox: they are cached for a
    minute, so a connection per lookup costs nothing and none stays open."""
    url = make_url(settings.database_url)
    connect_args: dict[str, str] = {}
    if settings.database_schema and url.get_backend_name() == "postgresql":
        connect_args["options"] = f"-csearch_path={settings.database_schema}"
    return create_engine(url, poolclass=NullPool, connect_args=connect_args)


@dataclass
class SlackService:
    """Slack inside `baton serve`: the Bolt app, its routes, its background pool and, with
    SLACK_APP_TOKEN, its Socket Mode connection."""

    app: App
    runtime: SlackRuntime
    endpoints: SlackEndpoints
    socket: SocketModeHandler | None = field(default=None)

    @property
    def background(self) -> Background:
        return self.runtime.background

    def routes(self) -> list[BaseRoute]:
        return self.endpoints.routes()

    def close(self) -> None:
        if self.socket is not None:
            self.socket.close()  # type: ignore[no-untyped-call]
        self.background.shutdown()


def slack_service(baton: Baton, settings: Settings) -> SlackService:
    """Slack's part of `baton serve`."""
    runtime = SlackRuntime(baton, Background(name="slack"))
    app = bolt_app(baton, settings, runtime)
    endpoints = SlackEndpoints(app, request_verifier(settings.slack_signing_secret or ""))
    service = SlackService(app, runtime, endpoints)
    if settings.slack_app_token:
        service.socket = connect_socket_mode(app, settings.slack_app_token)
    return service
