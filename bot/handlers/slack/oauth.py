"""Installing Baton in many workspaces: OAuth settings and slack_sdk's SQLAlchemy stores.

Installations and OAuth states live in Baton's database (tables from migration 0002), so
any web process can finish an install another one started. Tokens are sealed at rest
(`bot.handlers.slack.tokens`); OAuth states expire after STATE_SECONDS and the worker's
nightly clean-up removes them (`storage.oauth_states`).
"""

from __future__ import annotations

from typing import Any

import sqlalchemy
from slack_bolt import BoltContext
from slack_bolt.authorization import AuthorizeResult
from slack_bolt.authorization.authorize import Authorize
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine

from bot.config import Settings
from bot.handlers.slack.manifest import BOT_SCOPES, REDIRECT_PATH
from bot.handlers.slack.tokens import seal_token_columns
from storage.sealed import Sealer

INSTALL_PATH = "/slack/install"
STATE_SECONDS = 600


class Installations(SQLAlchemyInstallationStore):
    """slack_sdk's installation store with its tokens sealed, plus the newest bot of a
    workspace by its id alone."""

    def __init__(self, client_id: str, engine: Engine, sealer: Sealer) -> None:
        super().__init__(client_id=client_id, engine=engine)
        seal_token_columns(sealer, self.bots, self.installations)

    def latest_bot(self, team_key: str) -> Bot | None:
        """The bot installed last in workspace (or org-wide in enterprise) `team_key`.

        `find_bot` needs both the enterprise and the team id; the outbox knows only one.
        """
        columns = self.bots.c
        query = sqlalchemy.select(self.bots).where(columns.client_id == self.client_id)
        if team_key.startswith("E"):  # Slack ids of enterprise organisations start with E
            query = query.where(
                columns.enterprise_id == team_key, columns.is_enterprise_install.is_(True)
            )
        else:
            query = query.where(columns.team_id == team_key)
        query = query.order_by(sqlalchemy.desc(columns.installed_at)).limit(1)
        with self.engine.connect() as connection:
            row: Any = connection.execute(query).mappings().first()
        return None if row is None else self.build_bot_entity(row)


def installations(settings: Settings, engine: Engine) -> Installations:
    assert settings.slack_client_id, "OAuth needs SLACK_CLIENT_ID"
    return Installations(settings.slack_client_id, engine, Sealer(settings.encryption_keys))


def oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    """Install at `GET /slack/install`, come back to `GET /slack/oauth_redirect`."""
    public = settings.baton_public_url.rstrip("/")
    store = installations(settings, engine)
    flow = OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret,
        scopes=list(BOT_SCOPES),
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        redirect_uri=f"{public}{REDIRECT_PATH}",
        installation_store=store,
        installation_store_bot_only=True,
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine),
    )
    flow.authorize = StoredBotAuthorize(store)
    return flow


class StoredBotAuthorize(Authorize):
    """Authorises a request with the bot stored at install time.

    Bolt's default also calls auth.test for each token before the ack, to learn what the
    installation already recorded; a Slack API call must never stand between a request
    and its ack.
    """

    def __init__(self, store: Installations) -> None:
        self.store = store  # Authorize.__init__ sets nothing

    def __call__(
        self,
        *,
        context: BoltContext,
        enterprise_id: str | None,
        team_id: str | None,
        user_id: str | None,
        actor_enterprise_id: str | None = None,
        actor_team_id: str | None = None,
        actor_user_id: str | None = None,
    ) -> AuthorizeResult | None:
        org_wide = bool(context.is_enterprise_install)
        bot = self.store.find_bot(
            enterprise_id=enterprise_id,
            team_id=None if org_wide else team_id,
            is_enterprise_install=org_wide,
        )
        if bot is None or not bot.bot_token:
            return None
        return AuthorizeResult(
            enterprise_id=bot.enterprise_id,
            team_id=bot.team_id,
            bot_user_id=bot.bot_user_id,
            bot_id=bot.bot_id,
            bot_token=bot.bot_token,
            bot_scopes=bot.bot_scopes,
        )
