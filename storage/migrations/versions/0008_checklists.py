"""Checklists: templates with versions, runs numbered per workspace, tasks as run items; the
messages Baton posted are remembered by what they show (a task or a run), not tasks alone

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01

`task_messages` rows become `channel_messages` rows showing a task, and pending outbox rows
keep what their post shows. Task and run statuses are short strings without a database
enum, so `cancelled` needs no change of type.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('workspaces', schema=None) as batch_op:
        batch_op.add_column(sa.Column('run_seq', sa.Integer(), nullable=False, server_default='0'))

    op.create_table('templates',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('workspace_id', BIG_ID, nullable=False),
    sa.Column('name', sa.String(length=60), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'name')
    )
    op.create_table('template_versions',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('workspace_id', BIG_ID, nullable=False),
    sa.Column('template_id', BIG_ID, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('spec', sa.JSON(), nullable=False),
    sa.Column('item_count', sa.Integer(), nullable=False),
    sa.Column('created_by_id', BIG_ID, nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['template_id'], ['templates.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('template_id', 'version')
    )
    op.create_table('runs',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('workspace_id', BIG_ID, nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('template_id', BIG_ID, nullable=False),
    sa.Column('template_version_id', BIG_ID, nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('channel_id', BIG_ID, nullable=True),
    sa.Column('started_by_id', BIG_ID, nullable=False),
    sa.Column('status', sa.Enum('active', 'done', 'cancelled', name='runstatus', native_enum=False, length=16), nullable=False),
    sa.Column('start_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expected_finish_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_by_id', BIG_ID, nullable=True),
    sa.Column('retro', sa.Text(), nullable=False),
    sa.Column('retro_by_id', BIG_ID, nullable=True),
    sa.Column('retro_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['channel_id'], ['channels.id'], ),
    sa.ForeignKeyConstraint(['ended_by_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['retro_by_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['started_by_id'], ['members.id'], ),
    sa.ForeignKeyConstraint(['template_id'], ['templates.id'], ),
    sa.ForeignKeyConstraint(['template_version_id'], ['template_versions.id'], ),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'number')
    )
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.create_index('ix_runs_status', ['workspace_id', 'status', 'number'], unique=False)
        batch_op.create_index('ix_runs_template', ['workspace_id', 'template_id', 'status'], unique=False)

    _add_run_columns()
    op.create_index('ix_tasks_run', 'tasks', ['run_id', 'status'], unique=False)

    op.create_table('channel_messages',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('workspace_id', BIG_ID, nullable=False),
    sa.Column('shows', sa.String(length=16), nullable=False),
    sa.Column('shows_id', sa.BigInteger(), nullable=False),
    sa.Column('message_ref', sa.String(length=200), nullable=False),
    sa.Column('channel_id', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'message_ref')
    )
    with op.batch_alter_table('channel_messages', schema=None) as batch_op:
        batch_op.create_index('ix_channel_messages_shows', ['workspace_id', 'shows', 'shows_id'], unique=False)
    op.execute(
        "INSERT INTO channel_messages (workspace_id, shows, shows_id, message_ref, channel_id, created_at) "
        "SELECT workspace_id, 'task', task_id, message_ref, channel_id, created_at FROM task_messages"
    )
    op.drop_table('task_messages')

    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shows', sa.String(length=16), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('shows_id', sa.BigInteger(), nullable=True))
    op.execute("UPDATE outbox SET shows = 'task', shows_id = task_id WHERE task_id IS NOT NULL")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('task_id')


def _add_run_columns() -> None:
    """Adds `tasks.run_id` and `tasks.run_item` in place.

    Batch mode would rebuild `tasks` on SQLite, and dropping the old table deletes (through
    the foreign keys, which Baton turns on) every comment, event and dependency of a task.
    SQLite adds a column with a reference in place, as long as it defaults to NULL.
    """
    bind = op.get_bind()
    if bind.dialect.name != 'sqlite':
        op.add_column('tasks', sa.Column('run_id', BIG_ID, nullable=True))
        op.add_column('tasks', sa.Column('run_item', sa.String(length=64), nullable=True))
        op.create_foreign_key('fk_tasks_run_id_runs', 'tasks', 'runs', ['run_id'], ['id'])
        return
    op.execute("ALTER TABLE tasks ADD COLUMN run_id INTEGER REFERENCES runs (id)")
    op.execute("ALTER TABLE tasks ADD COLUMN run_item VARCHAR(64)")


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        # Taking columns out of `tasks` and `workspaces` rebuilds them, and dropping the old
        # table deletes every row that references it (Baton turns foreign keys on).
        raise RuntimeError(
            "0007 cannot be undone on SQLite without losing every task's history: "
            "restore a copy of the database file taken before the upgrade instead"
        )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('task_id', BIG_ID, nullable=True))
        batch_op.create_foreign_key('fk_outbox_task_id_tasks', 'tasks', ['task_id'], ['id'], ondelete='SET NULL')
    op.execute("UPDATE outbox SET task_id = shows_id WHERE shows = 'task'")
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_column('shows_id')
        batch_op.drop_column('shows')

    op.create_table('task_messages',
    sa.Column('id', BIG_ID, nullable=False),
    sa.Column('workspace_id', BIG_ID, nullable=False),
    sa.Column('task_id', BIG_ID, nullable=False),
    sa.Column('message_ref', sa.String(length=200), nullable=False),
    sa.Column('channel_id', sa.String(length=64), nullable=False, server_default=''),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['task_id'], ['tasks.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workspace_id'], ['workspaces.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('workspace_id', 'message_ref')
    )
    with op.batch_alter_table('task_messages', schema=None) as batch_op:
        batch_op.create_index('ix_task_messages_task', ['task_id'], unique=False)
    op.execute(
        "INSERT INTO task_messages (workspace_id, task_id, message_ref, channel_id, created_at) "
        "SELECT workspace_id, shows_id, message_ref, channel_id, created_at FROM channel_messages "
        "WHERE shows = 'task'"
    )
    op.drop_table('channel_messages')

    op.execute("UPDATE tasks SET status = 'done' WHERE status = 'cancelled'")
    op.drop_index('ix_tasks_run', table_name='tasks')
    op.drop_constraint('fk_tasks_run_id_runs', 'tasks', type_='foreignkey')
    op.drop_column('tasks', 'run_item')
    op.drop_column('tasks', 'run_id')
    with op.batch_alter_table('runs', schema=None) as batch_op:
        batch_op.drop_index('ix_runs_template')
        batch_op.drop_index('ix_runs_status')
    op.drop_table('runs')
    op.drop_table('template_versions')
    op.drop_table('templates')
    with op.batch_alter_table('workspaces', schema=None) as batch_op:
        batch_op.drop_column('run_seq')
