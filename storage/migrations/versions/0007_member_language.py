"""A person's language: chosen, else their platform's, else the workspace's

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-30

Until now the language changed nothing, so a stored "en" was only the default: it becomes
NULL (the platform's or the workspace's). A stored "fr" or "de" was asked for one way or
another and is kept as chosen.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('lang_manual', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.alter_column('lang', existing_type=sa.String(length=8), nullable=True)
    op.execute("UPDATE members SET lang_manual = (lang IN ('fr', 'de'))")
    op.execute("UPDATE members SET lang = NULL WHERE lang NOT IN ('fr', 'de')")


def downgrade() -> None:
    op.execute("UPDATE members SET lang = 'en' WHERE lang IS NULL")
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.alter_column('lang', existing_type=sa.String(length=8), nullable=False)
        batch_op.drop_column('lang_manual')
