"""Scheduler: jobs with a time zone, a recurrence and a dedupe key; reminders, digests, quiet
hours and nudge settings, worker heartbeats; on PostgreSQL, a NOTIFY that wakes the workers
when a job is queued or moved

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')

NOTIFY_FUNCTION = """
CREATE OR REPLACE FUNCTION baton_jobs_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('baton_due', '');
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""
NOTIFY_TRIGGER = """
CREATE TRIGGER scheduled_jobs_notify
AFTER INSERT OR UPDATE OF due_at ON scheduled_jobs
FOR EACH STATEMENT EXECUTE FUNCTION baton_jobs_changed()
"""


def upgrade() -> None:
    with op.batch_alter_table('scheduled_jobs', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('tz', sa.String(length=64), nullable=False, server_default='UTC')
        )
        batch_op.add_column(sa.Column('recurrence', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('dedupe_key', sa.String(length=200), nullable=True))
        batch_op.create_index('ix_scheduled_jobs_finished', ['state', 'finished_at'], unique=False)
        batch_op.create_index('ix_scheduled_jobs_key', ['workspace_id', 'dedupe_key'], unique=False)
        batch_op.create_index(
            'ux_scheduled_jobs_dedupe',
            ['workspace_id', 'dedupe_key'],
            unique=True,
            postgresql_where=sa.text("state = 'pending'"),
            sqlite_where=sa.text("state = 'pending'"),
        )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_state_created', ['state', 'created_at'], unique=False)
    with op.batch_alter_table('members', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('quiet_from', sa.String(length=5), nullable=False, server_default='19:00')
        )
        batch_op.add_column(
            sa.Column('quiet_until', sa.String(length=5), nullable=False, server_default='08:00')
        )
        batch_op.add_column(
            sa.Column('quiet_weekends', sa.Boolean(), nullable=False, server_default=sa.true())
        )
        batch_op.add_column(
            sa.Column('nudges', sa.String(length=16), nullable=False, server_default='all')
        )
    op.create_table('reminders',
    sa.Column('id', BigId, nullable=False),
    sa.Column('workspace_id', BigId, nullable=False),
    sa.Column('creator_id', BigId, nullable=False),
    sa.Column('member_id', BigId, nullable=True),
    sa.Column('channel_id', BigId, nullable=True),
    sa.Column('what', sa.String(length=500), nullable=False),
    sa.Column('said', sa.String(length=200), nullable=False),
    sa.Column('tz', sa.String(length=64), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('fired', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channels.id'], ),
    sa.ForeignKeyConstraint(['creator_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.create_index('ix_reminders_channel', ['workspace_id', 'channel_id', 'state'], unique=False)
        batch_op.create_index('ix_reminders_creator', ['workspace_id', 'creator_id', 'state'], unique=False)
        batch_op.create_index('ix_reminders_member', ['workspace_id', 'member_id', 'state'], unique=False)
    op.create_table('digests',
    sa.Column('id', BigId, nullable=False),
    sa.Column('workspace_id', BigId, nullable=False),
    sa.Column('target', sa.String(length=80), nullable=False),
    sa.Column('channel_id', BigId, nullable=True),
    sa.Column('member_id', BigId, nullable=True),
    sa.Column('at', sa.String(length=5), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('last_sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['channel_id'], ['channels.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_id'], ['members.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'target')
    )
    op.create_table('worker_beats',
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('ticked_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(NOTIFY_FUNCTION)
        op.execute(NOTIFY_TRIGGER)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS scheduled_jobs_notify ON scheduled_jobs')
        op.execute('DROP FUNCTION IF EXISTS baton_jobs_changed()')
    op.drop_table('worker_beats')
    op.drop_table('digests')
    with op.batch_alter_table('reminders', schema=None) as batch_op:
        batch_op.drop_index('ix_reminders_member')
        batch_op.drop_index('ix_reminders_creator')
        batch_op.drop_index('ix_reminders_channel')
    op.drop_table('reminders')
    with op.batch_alter_table('members', schema=None) as batch_op:
        for column in ('nudges', 'quiet_weekends', 'quiet_until', 'quiet_from'):
            batch_op.drop_column(column)
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_created')
    with op.batch_alter_table('scheduled_jobs', schema=None) as batch_op:
        batch_op.drop_index('ux_scheduled_jobs_dedupe')
        batch_op.drop_index('ix_scheduled_jobs_key')
        batch_op.drop_index('ix_scheduled_jobs_finished')
        for column in ('dedupe_key', 'recurrence', 'tz'):
            batch_op.drop_column(column)
