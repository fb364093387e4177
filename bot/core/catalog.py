"""Every text a user reads, by key, so Baton can be translated.

English is complete; other languages fall back to it key by key until translated.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "fr", "de")

EN: dict[str, str] = {
    # errors
    "error.usage": "Usage: `{usage}`",
    "error.unknown_command": "I don't know `{given}`. Try `/baton help`.",
    "error.unknown_command_suggest": "I don't know `{given}`. Did you mean `/baton {suggestion}`?",
    "error.too_long": "That is too long for me (over {limit} characters). Please shorten it.",
    "error.control_chars": "Your text contains control characters. Please type it again as plain text.",
    "error.unbalanced_quote": "A quote `{quote}` is never closed. Close it, or leave quotes out.",
    "error.bad_task_id": "`{given}` is not a task id. Task ids look like `T-12`.",
    "error.no_such_task": "There is no task T-{number} here. `/baton task list` shows yours.",
    "error.title_empty": "A task needs a title: `/baton task add Book the booth`.",
    "error.title_too_long": "That title has {length} characters; the limit is {limit}. Please shorten it.",
    "error.comment_too_long": "Comments are limited to {limit} characters.",
    "error.expected_user": "`{given}` is not a person. Mention someone like `@anna`. Usage: `{usage}`",
    "error.unknown_user": "I can't find `{given}` in this workspace. Check the spelling, or mention them with @.",
    "error.unknown_channel": "I can't find the channel `{given}`.",
    "error.bad_date": "{reason}",
    "error.past_date": "{when} is in the past. Give a date from now on, like `friday` or `in 3 days`.",
    "error.unknown_tz": "`{given}` is not a time zone I know. Use a name like `Europe/Berlin` or `America/New_York`.",
    "error.task_done": "T-{number} is already done.",
    "error.task_open": "T-{number} is not done; there is nothing to reopen.",
    "error.blocked": "T-{number} is blocked by {blockers}. Finish that first.",
    "error.block_self": "A task cannot block itself.",
    "error.block_cycle": "T-{blocker} already waits for T-{number}; blocking would make them wait for each other forever.",
    "error.block_done": "T-{blocker} is already done, so it cannot block anything.",
    "error.handover_same": "Hand over to someone else than {name}.",
    "error.handover_none": "{name} has no open tasks to hand over.",
    "error.bad_button": "That button is no longer valid. Try the command again.",
    "error.internal": "Sorry, something went wrong on my side, and nothing was changed. Please try again.",
    "error.form_only": "To comment, type `/baton task comment T-{number} <text>`.",
    # what a platform handler says about the request itself
    "platform.missing_fields": "Baton could not read this request from Mattermost: {fields} missing.",
    "platform.forged": "This button or form was not made by Baton for this team.",
    "platform.form_failed": "I could not open the form ({error}). Please run the command again.",
    "platform.saved_unshown": "Saved, but Mattermost would not show the answer: {summary}",
    "platform.not_member": "Only members of this team can use Baton here.",
    "platform.membership_unknown": "Baton could not check your team membership with Mattermost. Please try again in a moment.",
    "platform.form_expired": "This form is too old to submit. Please close it and open it again.",
    # tasks
    "task.created": "Created T-{number}",
    "task.completed": "{who} completed T-{number}",
    "task.reopened": "{who} reopened T-{number}",
    "task.deleted": "Deleted T-{number}: {title}",
    "task.assigned": "T-{number} is now assigned to {who}",
    "task.due_set": "T-{number} is now due {when}",
    "task.snoozed": "T-{number} snoozed to {when}",
    "task.commented": "Comment added to T-{number}",
    "task.blocked_on": "T-{number} now waits for T-{blocker}",
    "task.unblocked_dm": 'T-{blocker} is done: your task T-{number} "{title}" can go ahead.',
    "task.assigned_dm": "{who} assigned you T-{number}: {title}",
    "task.card_out_of_date": "That card of T-{number} was out of date, so nothing changed. Here is the task as it is now:",
    "task.similar": "This looks like work that is already open. Create “{title}” anyway?",
    "task.list_empty": "No tasks here. Add one with `/baton task add <title>`.",
    "task.list_title": "{label}: {count} task(s)",
    "task.list_more": "…and {more} more.",
    "task.field.assignee": "Assignee",
    "task.field.due": "Due",
    "task.field.status": "Status",
    "task.field.channel": "Channel",
    "task.field.blocked_by": "Blocked by",
    "task.nobody": "nobody",
    "task.no_due": "no due date",
    "task.status.open": "Open",
    "task.status.done": "Done",
    "task.status.deleted": "Deleted",
    "task.status.cancelled": "Cancelled",
    "task.status.overdue": "Overdue",
    "task.created_by": "Created by ",
    "task.in_channel": " in #{channel}",
    "task.comment_dm": "{who} on T-{number}: {text}",
    "task.completed_by": "Completed by ",
    "task.comments": "Comments",
    "task.activity": "Activity",
    "button.complete": "Complete",
    "button.assign_me": "Assign to me",
    "button.snooze": "Snooze 1d",
    "button.comment": "Comment",
    "button.reopen": "Reopen",
    "button.create_anyway": "Create anyway",
    "button.open": "Open T-{number}",
    "list.mine": "Your open tasks",
    "list.user": "Open tasks of {who}",
    "list.channel": "Open tasks in #{channel}",
    "list.overdue": "Overdue tasks",
    "list.done": "Recently done",
    "list.all": "All open tasks",
    # home
    "home.title": "My work",
    "home.empty": "Nothing on your plate. Tasks assigned to you show up here.",
    "home.overdue": "Overdue ({count})",
    "home.open": "Open ({count})",
    # forms
    "form.task.title": "New task",
    "form.task.submit": "Create",
    "form.task.field.title": "Title",
    "form.task.field.assignee": "Assignee",
    "form.task.field.due_date": "Due date",
    "form.task.field.due_time": "Due time",
    "form.task.field.notes": "Description",
    "form.comment.title": "Comment on T-{number}",
    "form.comment.submit": "Comment",
    "form.comment.field": "Comment",
    # workload, handover, agenda
    "workload.title": "Workload{where}",
    "workload.empty": "Nobody has open tasks{where}.",
    "workload.line": "{open} open, {overdue} overdue",
    "workload.unassigned": "Unassigned",
    "handover.done": "Handed {count} open task(s) of {src} over to {dst}.",
    "handover.done_until": "Handed {count} open task(s) of {src} over to {dst} until {when}.",
    "handover.returned": "Handed {count} task(s) back to {dst} from {src}.",
    "handover.log": "handed over from {src} to {dst}",
    "handover.log_back": "handed back from {src} to {dst}",
    "agenda.added": "Added to the agenda of #{channel}: {topic}",
    "agenda.empty": "The agenda of #{channel} is empty. Add a topic with `/baton agenda add <topic>`.",
    "agenda.title": "Agenda of #{channel}",
    "agenda.cleared": "Cleared {count} topic(s) from the agenda of #{channel}.",
    # help
    "help.title": "Baton: tasks, handovers and agendas, right here in the chat",
    "help.footer": "Dates: `/baton help dates`. Ids look like T-12. Buttons on task messages complete, assign, snooze and comment.",
    "help.unknown": "There is no help on `{topic}`. Topics: {topics}.",
    "help.dates": (
        "Say when in your own words, in your time zone (`/baton settings tz`): `friday`, "
        "`tomorrow 5pm`, `in 3 days`, `2026-12-01`, `next monday 9:00`, `vendredi 17h`, "
        "`demain 9h`, `morgen 17 Uhr`. A date without a time means 17:00 that day."
    ),
    # settings
    "settings.tz": "Your time zone is now {tz}.",
    "settings.lang": "Your language is now {lang}.",
    "settings.show": "Time zone: {tz} · Language: {lang}",
    "settings.channel_tz": "Messages in #{channel} now show times in {tz}.",
    "settings.channel_lang": "Messages in #{channel} are now in {lang}.",
    "settings.channel_show": "#{channel}: time zone {tz} · language {lang}",
    # delivery through a chat platform
    "post.undelivered": "I can't post in {channel}: I am probably not a member there. Invite me with `/invite @baton` and try again; until then only you see this.",
    "post.form_failed": "I could not do that: {error}",
    "post.form_expired": "Sorry, I was too slow to open that form. Please try again.",
    # activity log lines
    "event.by_baton": "Baton",
    "event.created": "created",
    "event.completed": "completed",
    "event.reopened": "reopened",
    "event.deleted": "deleted",
    "event.cancelled": "cancelled with its run",
    "event.assigned": "assigned to {detail}",
    "event.due": "due {detail}",
    "event.commented": "commented",
    "event.blocked": "blocked on {detail}",
    "event.handover": "{detail}",
}

_CATALOGS: dict[str, dict[str, str]] = {"en": EN, "fr": {}, "de": {}}


def text(key: str, lang: str = "en", /, **params: Any) -> str:
    """The text for `key` in `lang` (falling back to English), filled with `params`."""
    template = _CATALOGS.get(lang, EN).get(key) or EN[key]
    return template.format(**params) if params else template
