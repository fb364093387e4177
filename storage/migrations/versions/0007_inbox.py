"""The inbox: acknowledged requests, written before the ack and run afterwards

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('platform', sa.String(length=20), nullable=False),
    sa.Column('team_id', sa.String(length=64), nullable=False),
    sa.Column('delivery_key', sa.String(length=200), nullable=True),
    sa.Column('channel_key', sa.String(length=200), nullable=False),
    sa.Column('person_key', sa.String(length=200), nullable=False),
    sa.Column('invocation', sa.Text(), nullable=False),
    sa.Column('urgent', sa.Boolean(), nullable=False),
    sa.Column('state', sa.Enum('pending', 'done', 'failed', name='inboxstate', native_enum=False, length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('platform', 'delivery_key')
    )
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.create_index('ix_inbox_waiting', ['state', 'urgent', 'id'], unique=False)
        batch_op.create_index('ix_inbox_channel_order', ['channel_key', 'state', 'id'], unique=False)
        batch_op.create_index('ix_inbox_person_order', ['person_key', 'state', 'id'], unique=False)
        batch_op.create_index('ix_inbox_created', ['created_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('inbox', schema=None) as batch_op:
        batch_op.drop_index('ix_inbox_created')
        batch_op.drop_index('ix_inbox_person_order')
        batch_op.drop_index('ix_inbox_channel_order')
        batch_op.drop_index('ix_inbox_waiting')
    op.drop_table('inbox')
