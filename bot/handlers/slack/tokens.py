"""Slack tokens sealed at rest in the tables of slack_sdk's installation store.

The store keeps writing and reading its own tables; only the type of the token columns
changes, so every token is sealed on its way into the database and opened on its way out,
whichever of the store's queries (or Baton's own) touches it.
"""

from __future__ import annotations

from sqlalchemy import Engine, Table

from storage.sealed import SealedString, Sealer, reseal_columns

TOKEN_COLUMNS = ("bot_token", "bot_refresh_token", "user_token", "user_refresh_token")
TOKEN_TABLES = {
    "slack_bots": ("bot_token", "bot_refresh_token"),
    "slack_installations": TOKEN_COLUMNS,
}


def seal_token_columns(sealer: Sealer, *tables: Table) -> None:
    """Makes the token columns of the store's `tables` sealed ones, before any query uses them."""
    sealed = SealedString(sealer)
    for store_table in tables:
        for name in TOKEN_COLUMNS:
            if name in store_table.c:
                store_table.c[name].type = sealed


def rotate_tokens(engine: Engine, sealer: Sealer) -> int:
    """Seals every stored token with the first key (plain ones from before sealing too), in
    one transaction: a key missing from the list stops it with nothing changed."""
    with engine.begin() as connection:
        return sum(
            reseal_columns(connection, name, columns, sealer)
            for name, columns in TOKEN_TABLES.items()
        )
