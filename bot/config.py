"""Settings, read from the environment (and a `.env` file in the working directory)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every knob Baton has; names match the environment variables in upper case."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./baton.db"
    database_schema: str | None = None
    """PostgreSQL schema to keep Baton's tables in (tests give each run its own)."""

    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_client_id: str | None = None
    slack_client_secret: str | None = None
    slack_api_url: str = "https://slack.com/api/"

    mattermost_url: str | None = None
    mattermost_token: str | None = None
    mattermost_command_token: str | None = Field(default=None, repr=False)
    """`team_id:token` pairs separated by commas, one per team (a bare token only once
    `baton mattermost setup` recorded its team): read by `bot.handlers.mattermost`."""

    baton_public_url: str = "http://localhost:8000"
    baton_secret: str = Field(default="", repr=False)
    baton_encryption_key: str | None = Field(default=None, repr=False)
    """Seals Slack tokens at rest: one key, or several comma-separated (the first encrypts,
    all decrypt, so a new key goes first and the old one stays until `baton secrets rotate`).
    Unset, a key is derived from BATON_SECRET."""
    host: str = "0.0.0.0"  # noqa: S104 - platforms running the Procfile route to any address
    port: int = 8000
    baton_inbox_runner: Literal["web", "worker"] = "web"
    """Who runs the commands a web process acknowledges: `web`, the web process itself right
    after the ack (`baton serve` alone answers everything); `worker`, `baton worker` processes
    only, so the web process does nothing but acknowledge (PostgreSQL with a worker)."""
    tick_seconds: float = 30.0
    """The longest the worker sleeps when nothing falls due sooner. On PostgreSQL a new job
    wakes it at once; on SQLite it looks every second."""

    @property
    def encryption_keys(self) -> list[str]:
        """The secrets tokens are sealed with, the one that encrypts first."""
        raw = self.baton_encryption_key or ""
        keys = [key.strip() for key in raw.split(",") if key.strip()]
        if keys:
            return keys
        return [self.baton_secret] if self.baton_secret else []
