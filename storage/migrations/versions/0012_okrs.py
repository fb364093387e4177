"""OKRs: objectives, key results, their check-ins, each channel's cadence and the requests sent
in each round; tasks and runs that count toward a key result

Revision ID: 0012_okrs
Revises: 0011_languages
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0012_okrs'
down_revision = '0011_languages'
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def _workspace() -> sa.Column[int]:
    return sa.Column(
        'workspace_id', BigId, sa.ForeignKey('workspaces.id', ondelete='CASCADE'), nullable=False
    )


def upgrade() -> None:
    with op.batch_alter_table('workspaces', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('objective_seq', sa.Integer(), nullable=False, server_default='0')
        )
        batch_op.add_column(
            sa.Column('key_result_seq', sa.Integer(), nullable=False, server_default='0')
        )
    op.create_table(
        'objectives',
        sa.Column('id', BigId, primary_key=True),
        _workspace(),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('channel_id', BigId, sa.ForeignKey('channels.id'), nullable=False),
        sa.Column('period', sa.String(length=32), nullable=False),
        sa.Column('starts_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('creator_id', BigId, sa.ForeignKey('members.id'), nullable=False),
        sa.Column('score', sa.Float(), nullable=True),
        sa.Column('graded_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint('workspace_id', 'number'),
    )
    op.create_index(
        'ix_objectives_channel_period', 'objectives', ['workspace_id', 'channel_id', 'period']
    )
    op.create_index('ix_objectives_state_ends', 'objectives', ['state', 'ends_on'])
    op.create_table(
        'key_results',
        sa.Column('id', BigId, primary_key=True),
        _workspace(),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column(
            'objective_id', BigId, sa.ForeignKey('objectives.id', ondelete='CASCADE'), nullable=False
        ),
        sa.Column('title', sa.String(length=500), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('start_value', sa.Float(), nullable=False),
        sa.Column('target_value', sa.Float(), nullable=False),
        sa.Column('current_value', sa.Float(), nullable=False),
        sa.Column('unit', sa.String(length=32), nullable=False),
        sa.Column('owner_id', BigId, sa.ForeignKey('members.id'), nullable=True),
        sa.Column('status', sa.String(length=16), nullable=True),
        sa.Column('last_checkin_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('score', sa.Float(), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint('workspace_id', 'number'),
    )
    op.create_index('ix_key_results_objective', 'key_results', ['objective_id'])
    op.create_index('ix_key_results_owner', 'key_results', ['workspace_id', 'owner_id'])
    op.create_table(
        'okr_checkins',
        sa.Column('id', BigId, primary_key=True),
        _workspace(),
        sa.Column(
            'key_result_id', BigId, sa.ForeignKey('key_results.id', ondelete='CASCADE'),
            nullable=False,
        ),
        sa.Column('value', sa.Float(), nullable=False),
        sa.Column('confidence', sa.String(length=16), nullable=True),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('by_id', BigId, sa.ForeignKey('members.id'), nullable=True),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index('ix_okr_checkins_key_result', 'okr_checkins', ['key_result_id', 'at'])
    op.create_table(
        'okr_cadences',
        sa.Column('id', BigId, primary_key=True),
        _workspace(),
        sa.Column(
            'channel_id', BigId, sa.ForeignKey('channels.id', ondelete='CASCADE'), nullable=False
        ),
        sa.Column('every', sa.String(length=16), nullable=False),
        sa.Column('weekday', sa.Integer(), nullable=False),
        sa.Column('at', sa.String(length=5), nullable=False),
        sa.Column('cutoff_hours', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint('workspace_id', 'channel_id'),
    )
    op.create_table(
        'okr_checkin_requests',
        sa.Column('id', BigId, primary_key=True),
        _workspace(),
        sa.Column(
            'key_result_id', BigId, sa.ForeignKey('key_results.id', ondelete='CASCADE'),
            nullable=False,
        ),
        sa.Column('owner_id', BigId, sa.ForeignKey('members.id'), nullable=False),
        sa.Column('round', sa.String(length=10), nullable=False),
        sa.Column('asked_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('cutoff_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('skipped', sa.Boolean(), nullable=False),
        sa.Column('nudged_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint('key_result_id', 'round'),
    )
    op.create_index(
        'ix_okr_checkin_requests_round', 'okr_checkin_requests', ['workspace_id', 'round']
    )
    for table in ('tasks', 'runs'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('key_result_id', BigId, nullable=True))
            batch_op.create_foreign_key(
                f'fk_{table}_key_result', 'key_results', ['key_result_id'], ['id'],
                ondelete='SET NULL',
            )


def downgrade() -> None:
    for table in ('runs', 'tasks'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(f'fk_{table}_key_result', type_='foreignkey')
            batch_op.drop_column('key_result_id')
    op.drop_table('okr_checkin_requests')
    op.drop_table('okr_cadences')
    op.drop_table('okr_checkins')
    op.drop_table('key_results')
    op.drop_table('objectives')
    with op.batch_alter_table('workspaces', schema=None) as batch_op:
        batch_op.drop_column('key_result_seq')
        batch_op.drop_column('objective_seq')
