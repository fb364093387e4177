"""Messages drawn for their reader: channel and workspace time zones and languages, outbox
drafts with an audience, per-channel order and sending leases

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30

Rows still pending in the outbox keep their already drawn message as a `message` draft.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    for table in ('workspaces', 'channels'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('tz', sa.String(length=64), nullable=True))
            batch_op.add_column(sa.Column('lang', sa.String(length=8), nullable=True))
    with op.batch_alter_table('task_messages', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('channel_id', sa.String(length=64), nullable=False, server_default='')
        )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('audience', sa.String(length=80), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('order_key', sa.String(length=80), nullable=False, server_default='')
        )
        batch_op.add_column(sa.Column('draft', sa.JSON(), nullable=True))
        batch_op.add_column(
            sa.Column('fallback_user', sa.String(length=64), nullable=False, server_default='')
        )
        batch_op.add_column(
            sa.Column('fallback_url', sa.String(length=2000), nullable=False, server_default='')
        )
        batch_op.add_column(sa.Column('claimed_until', sa.DateTime(timezone=True), nullable=True))
    outbox = sa.table(
        'outbox', sa.column('id'), sa.column('message', sa.JSON()), sa.column('draft', sa.JSON())
    )
    connection = op.get_bind()
    for row_id, message in connection.execute(sa.select(outbox.c.id, outbox.c.message)).all():
        draft = {'view': 'message', 'facts': {'message': message}}
        connection.execute(outbox.update().where(outbox.c.id == row_id).values(draft=draft))
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('draft', existing_type=sa.JSON(), nullable=False)
        batch_op.drop_column('message')
        batch_op.create_index(
            'ix_outbox_order', ['workspace_id', 'order_key', 'state', 'id'], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_order')
        batch_op.add_column(sa.Column('message', sa.JSON(), nullable=True))
    connection = op.get_bind()
    connection.execute(sa.text("UPDATE outbox SET state = 'failed' WHERE state = 'pending'"))
    connection.execute(sa.text("UPDATE outbox SET message = draft"))
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.alter_column('message', existing_type=sa.JSON(), nullable=False)
        for column in ('claimed_until', 'fallback_url', 'fallback_user', 'draft', 'order_key', 'audience'):
            batch_op.drop_column(column)
    with op.batch_alter_table('task_messages', schema=None) as batch_op:
        batch_op.drop_column('channel_id')
    for table in ('channels', 'workspaces'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('lang')
            batch_op.drop_column('tz')
