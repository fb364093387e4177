"""Languages: a person's chosen language told apart from their platform's

Revision ID: 0011_languages
Revises: 0010
Create Date: 2026-12-01

`members.lang` held "en" for everyone who chose nothing; it is now empty (None) until a person
chooses, and `members.platform_lang` holds what their Slack or Mattermost profile says. A
language other than English already stored is kept as chosen, and as the platform's until the
next daily profile check.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0011_languages'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(sa.Column('platform_lang', sa.String(length=8), nullable=True))
        batch_op.alter_column('lang', existing_type=sa.String(length=8), nullable=True)
    op.execute("UPDATE members SET platform_lang = lang WHERE lang <> 'en'")
    op.execute("UPDATE members SET lang = NULL WHERE lang = 'en'")


def downgrade() -> None:
    op.execute("UPDATE members SET lang = COALESCE(lang, platform_lang, 'en')")
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.alter_column('lang', existing_type=sa.String(length=8), nullable=False)
        batch_op.drop_column('platform_lang')
