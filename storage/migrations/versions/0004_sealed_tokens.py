"""Room for sealed Slack tokens

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

A token sealed with Fernet takes about 4/3 of its length plus 100 characters: slack_sdk's
200 hold a bot token but not a longer token such as a refresh token of 150 characters;
1000 hold tokens up to about 650.

Going down shrinks them back; that fails on PostgreSQL while a sealed token is longer
than 200 characters.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

COLUMNS = {
    'slack_bots': ('bot_token', 'bot_refresh_token'),
    'slack_installations': ('bot_token', 'bot_refresh_token', 'user_token', 'user_refresh_token'),
}


def _resize(length: int, was: int) -> None:
    for table, columns in COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for name in columns:
                batch.alter_column(
                    name,
                    existing_type=sa.String(length=was),
                    type_=sa.String(length=length),
                    existing_nullable=True,
                )


def upgrade() -> None:
    _resize(1000, was=200)


def downgrade() -> None:
    _resize(200, was=1000)
