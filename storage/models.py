"""SQLAlchemy 2 typed models. Every row belongs to a workspace and every query is scoped by it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


def _enum(kind: type[StrEnum]) -> Enum:
    """Stores the enum's values as short strings, and gives back enum members."""
    return Enum(kind, native_enum=False, length=16, values_callable=lambda e: [m.value for m in e])


# SQLite keeps integer primary keys as rowids only for INTEGER; PostgreSQL gets BIGINT.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes in UTC and always gives them back aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UtcDateTime, dict[str, Any]: JSON}  # noqa: RUF012


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DELETED = "deleted"
    CANCELLED = "cancelled"
    """Closed without being done: an item of a cancelled run."""


class RunStatus(StrEnum):
    ACTIVE = "active"
    DONE = "done"
    CANCELLED = "cancelled"


class JobState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class OutboxState(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class InboxState(StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


class Workspace(Base):
    __tablename__ = "workspaces"
    __table_args__ = (UniqueConstraint("platform", "team_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    task_seq: Mapped[int] = mapped_column(Integer, default=0)
    run_seq: Mapped[int] = mapped_column(Integer, default=0)
    objective_seq: Mapped[int] = mapped_column(Integer, default=0)
    key_result_seq: Mapped[int] = mapped_column(Integer, default=0)
    tz: Mapped[str | None] = mapped_column(String(64))
    """The time zone of channels that chose none: the first one a person set, else UTC."""
    lang: Mapped[str | None] = mapped_column(String(8))
    """The language of channels that chose none: the first one a person set, else English."""
    created_at: Mapped[datetime]


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id"),
        Index("ix_members_workspace_name", "workspace_id", "name"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    tz_manual: Mapped[bool] = mapped_column(default=False)
    lang: Mapped[str | None] = mapped_column(String(8))
    """The language this person chose (`/baton settings lang`); None: `platform_lang`'s."""
    platform_lang: Mapped[str | None] = mapped_column(String(8))
    """The language of their Slack or Mattermost profile, when Baton speaks it."""
    platform_admin: Mapped[bool] = mapped_column(default=False)
    """An administrator on the platform (from their profile)."""
    baton_admin: Mapped[bool] = mapped_column(default=False)
    """Named with `/baton settings admins`."""
    quiet_from: Mapped[str] = mapped_column(String(5), default="19:00")
    """Local time after which Baton sends this person no nudge (`HH:MM`)."""
    quiet_until: Mapped[str] = mapped_column(String(5), default="08:00")
    quiet_weekends: Mapped[bool] = mapped_column(default=True)
    nudges: Mapped[str] = mapped_column(String(16), default="all")
    """Which task nudges this person gets: `all`, `due-only` or `off`."""
    profile_checked_at: Mapped[datetime]
    created_at: Mapped[datetime]


class Channel(Base):
    __tablename__ = "channels"
    __table_args__ = (
        UniqueConstraint("workspace_id", "channel_id"),
        Index("ix_channels_workspace_name", "workspace_id", "name"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    channel_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    tz: Mapped[str | None] = mapped_column(String(64))
    """What the channel's messages are drawn in; None: the workspace's."""
    lang: Mapped[str | None] = mapped_column(String(8))
    created_at: Mapped[datetime]


class Task(Base):
    __tablename__ = "tasks"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_tasks_assignee_status", "workspace_id", "assignee_id", "status", "due_at"),
        Index("ix_tasks_channel_status", "workspace_id", "channel_id", "status", "due_at"),
        Index("ix_tasks_status_due", "workspace_id", "status", "due_at"),
        Index("ix_tasks_open_number", "workspace_id", "status", "number"),
        Index("ix_tasks_run", "run_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    notes: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[TaskStatus] = mapped_column(_enum(TaskStatus), default=TaskStatus.OPEN)
    version: Mapped[int] = mapped_column(Integer, default=1)
    """Bumped on every change; buttons carry it, so a double click is recognised."""
    creator_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id"))
    due_at: Mapped[datetime | None]
    due_has_time: Mapped[bool] = mapped_column(default=False)
    completed_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    completed_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id"))
    """The checklist run this task is an item of, if any."""
    run_item: Mapped[str | None] = mapped_column(String(64))
    """The id of the template item this task stands for in its run."""
    key_result_id: Mapped[int | None] = mapped_column(
        ForeignKey("key_results.id", ondelete="SET NULL")
    )
    """The key result this task counts toward (`task add … for K-5`)."""

    assignee: Mapped[Member | None] = relationship(foreign_keys=[assignee_id], lazy="raise")
    creator: Mapped[Member] = relationship(foreign_keys=[creator_id], lazy="raise")
    completed_by: Mapped[Member | None] = relationship(foreign_keys=[completed_by_id], lazy="raise")
    channel: Mapped[Channel | None] = relationship(lazy="raise")


class TaskDependency(Base):
    """`task` is blocked until `blocker` is done."""

    __tablename__ = "task_dependencies"
    __table_args__ = (Index("ix_task_dependencies_blocker", "blocker_id"),)

    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    blocker_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))


class TaskComment(Base):
    __tablename__ = "task_comments"
    __table_args__ = (Index("ix_task_comments_task", "task_id", "created_at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]

    author: Mapped[Member] = relationship(lazy="raise")


class TaskEvent(Base):
    """The activity log: who changed what on a task, and when."""

    __tablename__ = "task_events"
    __table_args__ = (Index("ix_task_events_task", "task_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    kind: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(String(1000), default="")
    at: Mapped[datetime]

    actor: Mapped[Member | None] = relationship(lazy="raise")


class ChannelMessage(Base):
    """A message Baton posted that shows something (a task's card, a run's progress), so it
    is redrawn in place whenever that changes.

    `shows` names the kind of thing (`task`, `run`) and `shows_id` its row.
    """

    __tablename__ = "channel_messages"
    __table_args__ = (
        UniqueConstraint("workspace_id", "message_ref"),
        Index("ix_channel_messages_shows", "workspace_id", "shows", "shows_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    shows: Mapped[str] = mapped_column(String(16))
    shows_id: Mapped[int] = mapped_column(BigInteger)
    message_ref: Mapped[str] = mapped_column(String(200))
    channel_id: Mapped[str] = mapped_column(String(64), default="")
    """The platform's id of the channel the message is in: its readers' time zone and language."""
    created_at: Mapped[datetime]


class Handover(Base):
    __tablename__ = "handovers"
    __table_args__ = (Index("ix_handovers_workspace_from", "workspace_id", "from_member_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    from_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    to_member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    until: Mapped[datetime | None]
    returned_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class HandoverTask(Base):
    __tablename__ = "handover_tasks"

    handover_id: Mapped[int] = mapped_column(
        ForeignKey("handovers.id", ondelete="CASCADE"), primary_key=True
    )
    task_id: Mapped[int] = mapped_column(
        ForeignKey("tasks.id", ondelete="CASCADE"), primary_key=True
    )


class AgendaItem(Base):
    __tablename__ = "agenda_items"
    __table_args__ = (Index("ix_agenda_items_channel", "workspace_id", "channel_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    author_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    topic: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]

    author: Mapped[Member] = relationship(lazy="raise")


class ScheduledJob(Base):
    """The due queue: work that must happen at a moment (hand-backs, reminders, nudges, digests).

    A recurring job stays pending: after each run its `due_at` moves to the rule's next
    occurrence after now (missed ones are not made up). `dedupe_key` names what a job is for
    (`nudge:12:due`): no two pending jobs of a workspace share one.
    """

    __tablename__ = "scheduled_jobs"
    __table_args__ = (
        Index("ix_scheduled_jobs_due", "state", "due_at"),
        Index("ix_scheduled_jobs_finished", "state", "finished_at"),
        Index("ix_scheduled_jobs_key", "workspace_id", "dedupe_key"),
        Index(
            "ux_scheduled_jobs_dedupe",
            "workspace_id",
            "dedupe_key",
            unique=True,
            postgresql_where=text("state = 'pending'"),
            sqlite_where=text("state = 'pending'"),
        ),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    due_at: Mapped[datetime]
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    """The zone its recurrence keeps the local wall time in."""
    recurrence: Mapped[str | None] = mapped_column(String(500))
    """RFC 5545 `DTSTART:…` (local wall time) and `RRULE:…`; None for a one-off job."""
    dedupe_key: Mapped[str | None] = mapped_column(String(200))
    state: Mapped[JobState] = mapped_column(_enum(JobState), default=JobState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


class OutboxMessage(Base):
    """Something to tell through a platform, written in the same transaction as the change.

    It keeps what is to be said (`draft`), not the words: the message is drawn when it is
    delivered, for its `audience` (`channel:<id>` or `person:<id>`), in their time zone and
    language. Rows of one `order_key` (a channel or a person) go out in the order they were
    written. A sender claims rows until `claimed_until`; a sender that dies leaves them to be
    claimed again once that passes.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_pending", "state", "next_attempt_at"),
        Index("ix_outbox_target", "workspace_id", "kind", "target", "state"),
        Index("ix_outbox_order", "workspace_id", "order_key", "state", "id"),
        Index("ix_outbox_state_created", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(200))
    audience: Mapped[str] = mapped_column(String(80), default="")
    order_key: Mapped[str] = mapped_column(String(80), default="")
    draft: Mapped[dict[str, Any]] = mapped_column()
    fallback_user: Mapped[str] = mapped_column(String(64), default="")
    """Who is told instead when a post cannot reach its channel (the person who asked)."""
    fallback_url: Mapped[str] = mapped_column(String(2000), default="")
    """Where the platform lets Baton answer that person (a response URL), if anywhere."""
    shows: Mapped[str] = mapped_column(String(16), default="")
    """For a post: what the message shows (`task`, `run`), remembered once it is posted."""
    shows_id: Mapped[int | None] = mapped_column(BigInteger)
    state: Mapped[OutboxState] = mapped_column(_enum(OutboxState), default=OutboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    claimed_until: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(1000), default="")
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]


class ProcessedDelivery(Base):
    """Keys of deliveries already handled, so a platform's retry changes nothing twice."""

    __tablename__ = "processed_deliveries"
    __table_args__ = (
        UniqueConstraint("platform", "key"),
        Index("ix_processed_deliveries_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    reply: Mapped[str | None] = mapped_column(Text)
    """The reply the delivery got, written with its change and kept until its inbox row is
    done: a run cut off after its commit, before its reply was shown, shows it when it runs
    again."""


class InboxEntry(Base):
    """A request Baton acknowledged: written before the ack, run afterwards, by any process.

    `invocation` is the serialised Invocation. Rows that share a `channel_key` or a
    `person_key` run one after the other, in the order they were written. A process claims a
    row until `claimed_until` and keeps renewing that while it runs; a process that dies lets
    its rows be claimed again once that passes. Finished rows stay a while with their
    `delivery_key`, so a platform's retry reaching another process is not written again.
    """

    __tablename__ = "inbox"
    __table_args__ = (
        UniqueConstraint("platform", "delivery_key"),
        Index("ix_inbox_channel_order", "channel_key", "state", "id"),
        Index("ix_inbox_person_order", "person_key", "state", "id"),
        Index("ix_inbox_created", "created_at"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    team_id: Mapped[str] = mapped_column(String(64))
    delivery_key: Mapped[str | None] = mapped_column(String(200))
    """The dispatcher's delivery key, when the request has one of its own."""
    channel_key: Mapped[str] = mapped_column(String(200))
    person_key: Mapped[str] = mapped_column(String(200))
    invocation: Mapped[str] = mapped_column(Text)
    urgent: Mapped[bool] = mapped_column(default=False)
    """Someone is looking at the result right now (a form to open, a pressed button)."""
    state: Mapped[InboxState] = mapped_column(_enum(InboxState), default=InboxState.PENDING)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claimed_until: Mapped[datetime | None]
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]


# In the claim's order (urgent first, then the oldest), so the claim can read it forward and stop
# at the first row that may run. In (state, urgent, id) every waiting row was read and sorted:
# on PostgreSQL a claim behind 2,500 rows of one channel took 6-8 ms, behind 20,000 up to 280 ms;
# in this order 0.5-4 ms (`python -m bench.inbox_claims`).
Index("ix_inbox_waiting", InboxEntry.state, InboxEntry.urgent.desc(), InboxEntry.id)


class MattermostCommandToken(Base):
    """The team a Mattermost slash command token belongs to, as `baton mattermost setup` found it.

    Only the token's SHA-256 is kept: a copy of the database does not give the token away, and
    the configured token is hashed to find its row.
    """

    __tablename__ = "mattermost_command_tokens"
    __table_args__ = (UniqueConstraint("team_id"), UniqueConstraint("token_sha256"))

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    team_id: Mapped[str] = mapped_column(String(64))
    token_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]


class Template(Base):
    """A checklist template by name; its content lives in versions, the newest is `version`."""

    __tablename__ = "templates"
    __table_args__ = (UniqueConstraint("workspace_id", "name"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(60))
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class TemplateVersion(Base):
    """One version of a template, as validated: runs keep the version they started from."""

    __tablename__ = "template_versions"
    __table_args__ = (UniqueConstraint("template_id", "version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    template_id: Mapped[int] = mapped_column(ForeignKey("templates.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    spec: Mapped[dict[str, Any]] = mapped_column()
    item_count: Mapped[int] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    created_at: Mapped[datetime]


class Run(Base):
    """A checklist started from a template version: one task per item, numbered `R-n`."""

    __tablename__ = "runs"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_runs_status", "workspace_id", "status", "number"),
        Index("ix_runs_template", "workspace_id", "template_id", "status"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    template_id: Mapped[int] = mapped_column(ForeignKey("templates.id"))
    template_version_id: Mapped[int] = mapped_column(ForeignKey("template_versions.id"))
    subject: Mapped[str] = mapped_column(String(200), default="")
    fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id"))
    started_by_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    status: Mapped[RunStatus] = mapped_column(_enum(RunStatus), default=RunStatus.ACTIVE)
    start_at: Mapped[datetime]
    """Where cycle time starts: the start day's midnight in the run's channel, or the moment."""
    expected_finish_at: Mapped[datetime | None]
    """The latest due date of its items."""
    created_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    """When its last item was done, or when it was cancelled."""
    ended_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    retro: Mapped[str] = mapped_column(Text, default="")
    retro_by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    retro_at: Mapped[datetime | None]
    key_result_id: Mapped[int | None] = mapped_column(
        ForeignKey("key_results.id", ondelete="SET NULL")
    )
    """The key result this run counts toward (`run … for K-5`)."""

    started_by: Mapped[Member] = relationship(foreign_keys=[started_by_id], lazy="raise")
    channel: Mapped[Channel | None] = relationship(lazy="raise")


class ReminderState(StrEnum):
    ACTIVE = "active"
    DONE = "done"
    DELETED = "deleted"


class Reminder(Base):
    """`/baton remind`: what to say, to whom (a person or a channel), set by whom.

    When it fires is its scheduled job's (`reminder:<id>`), one-off or recurring.
    """

    __tablename__ = "reminders"
    __table_args__ = (
        Index("ix_reminders_member", "workspace_id", "member_id", "state"),
        Index("ix_reminders_channel", "workspace_id", "channel_id", "state"),
        Index("ix_reminders_creator", "workspace_id", "creator_id", "state"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    creator_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id"))
    what: Mapped[str] = mapped_column(String(500))
    said: Mapped[str] = mapped_column(String(200), default="")
    """How its recurrence was repeated back ("every weekday at 09:00"); empty when one-off."""
    tz: Mapped[str] = mapped_column(String(64), default="UTC")
    state: Mapped[str] = mapped_column(String(16), default=ReminderState.ACTIVE)
    fired: Mapped[int] = mapped_column(Integer, default=0)
    """How often it went off: each message's buttons carry it, so a press acts once."""
    created_at: Mapped[datetime]

    creator: Mapped[Member] = relationship(foreign_keys=[creator_id], lazy="raise")
    member: Mapped[Member | None] = relationship(foreign_keys=[member_id], lazy="raise")
    channel: Mapped[Channel | None] = relationship(lazy="raise")


class Digest(Base):
    """A daily digest on workdays: for a channel (its tasks) or a person (theirs, by DM)."""

    __tablename__ = "digests"
    __table_args__ = (UniqueConstraint("workspace_id", "target"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    target: Mapped[str] = mapped_column(String(80))
    """`channel:<platform id>` or `person:<platform id>`."""
    channel_id: Mapped[int | None] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    member_id: Mapped[int | None] = mapped_column(ForeignKey("members.id", ondelete="CASCADE"))
    at: Mapped[str] = mapped_column(String(5), default="09:00")
    enabled: Mapped[bool] = mapped_column(default=True)
    last_sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class WorkerBeat(Base):
    """When each worker process last ticked: /readyz and /metrics read it from any process."""

    __tablename__ = "worker_beats"

    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    ticked_at: Mapped[datetime]


class OkrStatus(StrEnum):
    """How a key result (or, by its weakest one, an objective) is doing."""

    ON_TRACK = "on-track"
    AT_RISK = "at-risk"
    OFF_TRACK = "off-track"
    DONE = "done"


class KeyResultKind(StrEnum):
    METRIC = "metric"
    """A number from `start_value` to `target_value`, going up or down."""
    MILESTONE = "milestone"
    """0 to 100 %."""
    TASKS = "tasks"
    """Its value is the number of tasks and runs done that count toward it."""


class ObjectiveState(StrEnum):
    ACTIVE = "active"
    ARCHIVED = "archived"
    """Its period ended and it was graded: kept with its history, no longer checked in."""


class Objective(Base):
    """An objective of a channel for a period, numbered `O-n`."""

    __tablename__ = "objectives"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_objectives_channel_period", "workspace_id", "channel_id", "period"),
        Index("ix_objectives_state_ends", "state", "ends_on"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(500))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id"))
    period: Mapped[str] = mapped_column(String(32))
    """As it is named and listed: `2026-Q4`, `2027-H1`, `2027`, or `2026-10-01..2026-12-31`."""
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    """The period's last day (inclusive)."""
    state: Mapped[ObjectiveState] = mapped_column(
        _enum(ObjectiveState), default=ObjectiveState.ACTIVE
    )
    creator_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    score: Mapped[float | None] = mapped_column(Float)
    """The grade at the end of the period (0–1: its key results' average)."""
    graded_at: Mapped[datetime | None]
    created_at: Mapped[datetime]

    channel: Mapped[Channel] = relationship(lazy="raise")
    creator: Mapped[Member] = relationship(lazy="raise")


class KeyResult(Base):
    """A measurable result of an objective, numbered `K-n`."""

    __tablename__ = "key_results"
    __table_args__ = (
        UniqueConstraint("workspace_id", "number"),
        Index("ix_key_results_objective", "objective_id"),
        Index("ix_key_results_owner", "workspace_id", "owner_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    objective_id: Mapped[int] = mapped_column(ForeignKey("objectives.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[KeyResultKind] = mapped_column(_enum(KeyResultKind), default=KeyResultKind.METRIC)
    start_value: Mapped[float] = mapped_column(Float)
    target_value: Mapped[float] = mapped_column(Float)
    """Below `start_value` for a metric that should go down."""
    current_value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(32), default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    status: Mapped[OkrStatus | None] = mapped_column(_enum(OkrStatus))
    """The confidence given at the latest check-in; None: suggested from the progress."""
    last_checkin_at: Mapped[datetime | None]
    score: Mapped[float | None] = mapped_column(Float)
    """The grade at the end of the period (0–1)."""
    created_at: Mapped[datetime]

    objective: Mapped[Objective] = relationship(lazy="raise")
    owner: Mapped[Member | None] = relationship(lazy="raise")


class CheckIn(Base):
    """One check-in of a key result: the history its chart and summaries are drawn from."""

    __tablename__ = "okr_checkins"
    __table_args__ = (Index("ix_okr_checkins_key_result", "key_result_id", "at"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_results.id", ondelete="CASCADE"))
    value: Mapped[float] = mapped_column(Float)
    confidence: Mapped[OkrStatus | None] = mapped_column(_enum(OkrStatus))
    comment: Mapped[str] = mapped_column(Text, default="")
    by_id: Mapped[int | None] = mapped_column(ForeignKey("members.id"))
    """Who checked in (the owner, or another member of the objective's channel)."""
    at: Mapped[datetime]

    by: Mapped[Member | None] = relationship(lazy="raise")


class OkrCadence(Base):
    """When a channel's key-result owners are asked to check in (`/baton okr cadence`)."""

    __tablename__ = "okr_cadences"
    __table_args__ = (UniqueConstraint("workspace_id", "channel_id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    channel_id: Mapped[int] = mapped_column(ForeignKey("channels.id", ondelete="CASCADE"))
    every: Mapped[str] = mapped_column(String(16), default="weekly")
    """`weekly`, `biweekly` or `monthly`."""
    weekday: Mapped[int] = mapped_column(Integer, default=0)
    """0 = Monday; for `monthly`, the first such weekday of the month."""
    at: Mapped[str] = mapped_column(String(5), default="09:00")
    """Local time in each owner's zone (`HH:MM`)."""
    cutoff_hours: Mapped[int] = mapped_column(Integer, default=24)
    """How long owners have to answer before they are nudged and the summary goes out."""
    created_at: Mapped[datetime]


class CheckInRequest(Base):
    """One owner asked to check in one key result in one round of its channel's cadence."""

    __tablename__ = "okr_checkin_requests"
    __table_args__ = (
        UniqueConstraint("key_result_id", "round"),
        Index("ix_okr_checkin_requests_round", "workspace_id", "round"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True)
    workspace_id: Mapped[int] = mapped_column(ForeignKey("workspaces.id", ondelete="CASCADE"))
    key_result_id: Mapped[int] = mapped_column(ForeignKey("key_results.id", ondelete="CASCADE"))
    owner_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    round: Mapped[str] = mapped_column(String(10))
    """The round's day in the owner's zone (`2026-12-07`)."""
    asked_at: Mapped[datetime]
    cutoff_at: Mapped[datetime]
    skipped: Mapped[bool] = mapped_column(default=False)
    """Not asked: checked in during the last 3 days."""
    nudged_at: Mapped[datetime | None]
    answered_at: Mapped[datetime | None]
