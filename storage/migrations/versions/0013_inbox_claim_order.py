"""Inbox: the index of waiting rows in the claim's order, urgent first, then the oldest

Revision ID: 0013_inbox_claim_order
Revises: 0012_okrs
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0013_inbox_claim_order'
down_revision = '0012_okrs'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_waiting')
        batch_op.create_index('ix_inbox_waiting', ['state', sa.text('urgent DESC'), 'id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_waiting')
        batch_op.create_index('ix_inbox_waiting', ['state', 'urgent', 'id'], unique=False)
