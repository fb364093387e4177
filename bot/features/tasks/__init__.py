"""Tasks: owners, due dates, dependencies, comments; cards redrawn wherever they are shown."""

from __future__ import annotations

from bot.commands.feature import Feature
from bot.features.tasks import commands as m
from bot.features.tasks import forms, handlers
from bot.features.tasks.buttons import BUTTONS, READ_ONLY
from bot.features.tasks.grammar import USAGE, task, task_list
from bot.features.tasks.views import VIEW_PRELOADS, VIEWS

FEATURE = Feature(
    name="tasks",
    words={"task": task, "tasks": task_list},
    usage=USAGE,
    handlers={
        m.TaskAdd: handlers.add,
        m.TaskAddForm: forms.new_task_form,
        m.TaskList: handlers.list_,
        m.TaskShow: handlers.show,
        m.TaskDone: handlers.done,
        m.TaskReopen: handlers.reopen,
        m.TaskDelete: handlers.delete,
        m.TaskRestore: handlers.restore,
        m.TaskKeep: handlers.keep,
        m.TaskAssign: handlers.assign,
        m.TaskDue: handlers.due,
        m.TaskSnooze: handlers.snooze,
        m.TaskComment: handlers.comment,
        m.TaskCommentForm: forms.comment_form,
        m.TaskBlock: handlers.block,
        m.TaskUnblock: handlers.unblock,
        m.TaskRename: handlers.rename,
        m.TaskNotes: handlers.notes,
        m.TaskEditForm: forms.edit_form,
    },
    buttons=BUTTONS,
    read_only_buttons=READ_ONLY,
    forms={
        forms.NEW_TASK: forms.submit_new_task,
        forms.COMMENT: forms.submit_comment,
        forms.EDIT: forms.submit_edit,
    },
    views=VIEWS,
    view_preloads=VIEW_PRELOADS,
)
