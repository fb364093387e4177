"""Forms: the new-task and comment forms, and what their submissions do."""

from __future__ import annotations

from collections.abc import Callable

from bot.commands.invocation import FormSubmission, Reply
from bot.commands.models import MAX_COMMENT, MAX_NOTES, MAX_TITLE, UserRef
from bot.commands.request import Request
from bot.core import tasks
from bot.core.errors import FieldError, UserError
from bot.core.forms import FieldKind, Form, FormField
from bot.core.ids import task_ref
from bot.core.reader import zone
from bot.features.tasks import commands as m
from bot.features.tasks import handlers as task_handlers

Translate = Callable[..., str]
"""Catalog text in the asking person's language: `Request.t`."""

NEW_TASK = "task.new"
EDIT = "task.edit"
COMMENT = "task.comment"


def new_task_form(req: Request, cmd: m.TaskAddForm) -> Reply:
    if not req.invocation.trigger_id:
        return req.say("error.usage", usage="/baton task add <title> [@assignee] [due <when>]")
    channel_id = req.invocation.actor.channel_id
    return Reply(form=task_form(req.t, channel_id, title=cmd.title, notes=cmd.notes))


def _task_fields(
    t: Translate,
    *,
    title: str = "",
    assignee: str = "",
    due_date: str = "",
    due_time: str = "",
    notes: str = "",
) -> tuple[FormField, ...]:
    """The fields of a task, filled in with what is given."""
    return (
        FormField(
            name="title", label=t("form.task.field.title"), max_length=MAX_TITLE, initial=title
        ),
        FormField(
            name="assignee",
            label=t("form.task.field.assignee"),
            kind=FieldKind.USER,
            required=False,
            initial=assignee,
        ),
        FormField(
            name="due_date",
            label=t("form.task.field.due_date"),
            kind=FieldKind.DATE,
            required=False,
            initial=due_date,
            placeholder=t("form.date_placeholder"),
        ),
        FormField(
            name="due_time",
            label=t("form.task.field.due_time"),
            kind=FieldKind.TIME,
            required=False,
            initial=due_time,
        ),
        FormField(
            name="notes",
            label=t("form.task.field.notes"),
            kind=FieldKind.TEXTAREA,
            required=False,
            max_length=MAX_NOTES,
            initial=notes,
        ),
    )


def task_form(t: Translate, channel_id: str, *, title: str = "", notes: str = "") -> Form:
    """The new-task form, with the title and description filled in when given.

    Its context is the channel the task belongs to.
    """
    return Form(
        form_id=NEW_TASK,
        title=t("form.task.title"),
        submit_label=t("form.task.submit"),
        context=channel_id,
        fields=_task_fields(t, title=title, notes=notes),
    )


def edit_form(req: Request, cmd: m.TaskEditForm) -> Reply:
    """The form that edits a task, filled in with the task as it is (in the person's zone)."""
    if not req.invocation.trigger_id:
        return req.say("error.edit_form_only", number=cmd.number)
    task = tasks.get_task(req.scope, cmd.number)
    local = task.due_at.astimezone(zone(req.tz)) if task.due_at else None
    form = Form(
        form_id=EDIT,
        title=req.t("form.edit.title", number=task.number),
        submit_label=req.t("form.edit.submit"),
        context=str(task.number),
        fields=_task_fields(
            req.t,
            title=task.title,
            assignee=task.assignee.user_id if task.assignee else "",
            due_date=local.strftime("%Y-%m-%d") if local else "",
            due_time=local.strftime("%H:%M") if local and task.due_has_time else "",
            notes=task.notes,
        ),
    )
    return Reply(form=form)


def comment_form(req: Request, cmd: m.TaskCommentForm) -> Reply:
    if not req.invocation.trigger_id:
        return req.say("error.form_only", number=cmd.number)
    form = Form(
        form_id=COMMENT,
        title=req.t("form.comment.title", number=cmd.number),
        submit_label=req.t("form.comment.submit"),
        context=str(cmd.number),
        fields=(
            FormField(
                name="comment",
                label=req.t("form.comment.field"),
                kind=FieldKind.TEXTAREA,
                max_length=MAX_COMMENT,
            ),
        ),
    )
    return Reply(form=form)


def _values(submission: FormSubmission) -> dict[str, str]:
    return {k: (v or "").strip() for k, v in submission.values.items()}


def _checked_title(values: dict[str, str]) -> str:
    title = values.get("title", "")
    if not title:
        raise FieldError("title", "error.title_empty")
    if len(title) > MAX_TITLE:
        raise FieldError("title", "error.title_too_long", limit=MAX_TITLE, length=len(title))
    return title


def _checked_due(req: Request, values: dict[str, str]) -> str | None:
    """The due date and time fields as one phrase (None when both are empty), checked."""
    due_phrase = " ".join(p for p in (values.get("due_date", ""), values.get("due_time", "")) if p)
    if values.get("due_time") and not values.get("due_date"):
        raise FieldError("due_date", "error.usage", usage="Pick a date for the time you chose.")
    if due_phrase:
        try:
            req.when(due_phrase)
        except UserError as error:
            raise FieldError("due_date", error.key, **error.params) from None
    return due_phrase or None


def submit_new_task(req: Request, submission: FormSubmission) -> Reply:
    """Creates the task of a submitted new-task form; errors name the field they belong to."""
    values = _values(submission)
    title = _checked_title(values)
    due = _checked_due(req, values)
    notes = values.get("notes", "")[:MAX_NOTES]
    assignee = UserRef(user_id=values["assignee"]) if values.get("assignee") else None
    command = m.TaskAdd(title=title, assignee=assignee, due=due, notes=notes)
    return task_handlers.add(req, command)


def submit_edit(req: Request, submission: FormSubmission) -> Reply:
    """Applies what changed in a submitted edit form, each change as its command would."""
    if not submission.context.isdigit():
        raise UserError("error.bad_button")
    number = int(submission.context)
    values = _values(submission)
    title, due = _checked_title(values), _checked_due(req, values)
    notes = values.get("notes", "")[:MAX_NOTES]
    task = tasks.get_task(req.scope, number)
    if title != task.title:
        task_handlers.rename(req, m.TaskRename(number=number, title=title))
    if notes != task.notes:
        task_handlers.notes(req, m.TaskNotes(number=number, notes=notes))
    if due is None and task.due_at is not None:
        task_handlers.due(req, m.TaskDue(number=number, when=None))
    elif due is not None:
        when = req.when(due)
        if (when.at, when.has_time) != (task.due_at, task.due_has_time):
            task_handlers.due(req, m.TaskDue(number=number, when=due))
    picked = values.get("assignee", "")
    current = task.assignee.user_id if task.assignee else ""
    if picked != current:
        assign = m.TaskAssign(number=number, assignee=UserRef(user_id=picked), nobody=not picked)
        task_handlers.assign(req, assign)
    return req.say("task.edited", number=number)


def submit_comment(req: Request, submission: FormSubmission) -> Reply:
    context, values = submission.context, _values(submission)
    if not context.isdigit():
        raise UserError("error.bad_button")
    body = values.get("comment", "")
    if not body:
        raise FieldError(
            "comment", "error.usage", usage=f"/baton task comment {task_ref(int(context))} <text>"
        )
    if len(body) > MAX_COMMENT:
        raise FieldError("comment", "error.comment_too_long", limit=MAX_COMMENT)
    return task_handlers.comment(req, m.TaskComment(number=int(context), text=body))
