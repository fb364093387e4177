"""Every command Baton understands and the handler that runs it, in one place."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot.commands import models as m
from bot.commands.handlers import agenda, forms, help, people, settings, tasks
from bot.commands.invocation import Reply
from bot.commands.request import Request

Handler = Callable[[Request, Any], Reply]

COMMAND_HANDLERS: dict[type[m.Command], Handler] = {
    m.Help: help.help_,
    m.TaskAdd: tasks.add,
    m.TaskAddForm: forms.new_task_form,
    m.TaskList: tasks.list_,
    m.TaskShow: tasks.show,
    m.TaskDone: tasks.done,
    m.TaskReopen: tasks.reopen,
    m.TaskDelete: tasks.delete,
    m.TaskAssign: tasks.assign,
    m.TaskDue: tasks.due,
    m.TaskSnooze: tasks.snooze,
    m.TaskComment: tasks.comment,
    m.TaskCommentForm: forms.comment_form,
    m.TaskBlock: tasks.block,
    m.Workload: people.workload,
    m.HandoverCmd: people.hand_over,
    m.AgendaAdd: agenda.add,
    m.AgendaList: agenda.list_,
    m.AgendaClear: agenda.clear,
    m.SettingsShow: settings.show,
    m.SettingsTz: settings.set_tz,
    m.SettingsLang: settings.set_lang,
    m.ChannelSettingsTz: settings.set_channel_tz,
    m.ChannelSettingsLang: settings.set_channel_lang,
}
