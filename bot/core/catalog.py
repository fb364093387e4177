"""Every text a user reads, by key, in English: the source of the gettext catalogs.

`make catalogs` extracts these into `bot/locale/baton.pot` (the key becomes the message
context, the English the message id) and merges them into the French and German `.po` files;
`text()` looks each one up there and falls back to English while a translation is missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core import formats
from bot.locale.catalogs import translations

LANGUAGES = ("en", "fr", "de")


@dataclass(frozen=True, slots=True)
class Plural:
    """A text that changes with a count: `one` for 1 in English, `other` for the rest; each
    language has as many forms as its grammar needs. `n` names the parameter that counts."""

    one: str
    other: str
    n: str = "count"


@dataclass(frozen=True, slots=True)
class Term:
    """A catalog text used as a parameter of another, translated with it (a usage line
    inside "Usage: …", raised before anyone knows the reader's language)."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)


EN: dict[str, str | Plural] = {
    # errors
    "error.usage": "Usage: `{usage}`",
    "error.unknown_command": "I don't know `{given}`. Try `/baton help`.",
    "error.unknown_command_suggest": "I don't know `{given}`. Did you mean `/baton {suggestion}`?",
    "error.too_long": "That is too long for me (over {limit} characters). Please shorten it.",
    "error.control_chars": "Your text contains control characters. Please type it again as plain text.",
    "error.two_assignees": "A task has one owner: {first} or {second}? Add it for one of them, then give the other a task of their own, or hand it on later with `/baton task assign T-n @someone`.",
    "error.bad_task_id": "`{given}` is not a task id. Task ids look like `T-12`.",
    "error.no_such_task": "There is no task T-{number} here. `/baton task list` shows yours.",
    "error.title_empty": "A task needs a title: `/baton task add Book the booth`.",
    "error.title_too_long": "That title has {length} characters; the limit is {limit}. Please shorten it.",
    "error.comment_too_long": "Comments are limited to {limit} characters.",
    "error.expected_user": "`{given}` is not a person. Mention someone like `@anna`. Usage: `{usage}`",
    "error.unknown_user": "I can't find `{given}` in this workspace. Check the spelling, or mention them with @.",
    "error.unknown_channel": "I can't find the channel `{given}`.",
    "error.date_missing": "No date given. Try `friday`, `tomorrow 5pm`, `in 3 days` or `2026-12-01`.",
    "error.date_unreadable": "I couldn't read “{given}” as a date. Try `friday`, `tomorrow 5pm`, `in 3 days` or `2026-12-01`.",
    "error.past_date": "{when} is in the past ({at}). Give a date from now on, like `friday` or `in 3 days`.",
    "error.time_without_date": "Pick a date for the time you chose.",
    "error.comment_empty": "Write a comment, or type `/baton task comment T-{number} <text>`.",
    "error.unknown_tz": "`{given}` is not a time zone I know. Use a name like `Europe/Berlin` or `America/New_York`.",
    "error.task_done": "T-{number} is already done.",
    "error.task_open": "T-{number} is not done; there is nothing to reopen.",
    "error.blocked": "T-{number} is blocked by {blockers}. Finish that first.",
    "error.block_self": "A task cannot block itself.",
    "error.block_cycle": "T-{blocker} already waits for T-{number}; blocking would make them wait for each other forever.",
    "error.block_finished": "T-{number} is no longer open, so it waits for nothing. Reopen it first.",
    "error.not_blocked": "T-{number} waits for no other task.",
    "error.not_blocked_by": "T-{number} does not wait for T-{blocker}.",
    "error.block_done": "T-{blocker} is already done, so it cannot block anything.",
    "error.handover_same": "Hand over to someone else than {name}.",
    "error.handover_none": "{name} has no open tasks to hand over.",
    "error.may_not_delete": "Only the person who created T-{number}, its assignee or an admin can delete it. You can complete it, or ask one of them.",
    "error.may_not_hand_over": "Only {name} or an admin can hand over {name}'s work.",
    "error.may_not_name_admins": "Only an admin can name admins.",
    "error.task_deleted": "T-{number} was deleted by {who} on {when}. `/baton task restore T-{number}` brings it back.",
    "error.task_not_deleted": "T-{number} is not deleted.",
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
    "task.due_set": "T-{number} is now due {when} ({relative}).",
    "task.snoozed": "T-{number} snoozed to {when}",
    "task.commented": "Comment added to T-{number}",
    "task.blocked_on": "T-{number} now waits for T-{blocker}",
    "task.unblocked": "T-{number} waits no more for {blockers}.",
    "task.unblocked_dm": 'T-{blocker} is done: your task T-{number} "{title}" can go ahead.',
    "task.assigned_dm": "{who} assigned you T-{number}: {title}",
    "task.card_out_of_date": "That card of T-{number} was out of date, so nothing changed. Here is the task as it is now:",
    "task.similar": "This looks like work that is already open. Create “{title}” anyway?",
    "task.list_nothing": "{what}",
    "task.to_stand_in": "{away} is away{until}: T-{number} goes to {stand_in}, who stands in, and back to {away} with the rest.",
    "task.away_until": " until {when}",
    "task.unassigned": "T-{number} is now nobody's.",
    "task.due_cleared": "T-{number} has no due date now.",
    "task.renamed": "T-{number} is now called “{title}”.",
    "task.notes_set": "The notes of T-{number} are saved.",
    "task.notes_cleared": "T-{number} has no notes now.",
    "button.edit": "Edit",
    "task.edited": "T-{number} is saved.",
    "error.edit_form_only": "Editing T-{number} in a form needs Slack or Mattermost; here, use `/baton task rename|assign|due|notes T-{number} …`.",
    "form.edit.title": "Edit T-{number}",
    "form.edit.submit": "Save",
    "error.already_unassigned": "T-{number} is nobody's already.",
    "error.no_due_to_clear": "T-{number} has no due date to clear.",
    "error.same_title": "T-{number} is called that already.",
    "error.notes_too_long": "Notes are limited to {limit} characters.",
    "agenda.removed": "Removed from the agenda of #{channel}: {topic}",
    "agenda.clear_confirm": "Others added topics to the agenda of #{channel}. Clear them all?",
    "button.clear": "Clear the agenda",
    "error.no_such_topic": "There is no topic {position}: the agenda has {count}. `/baton agenda list` numbers them.",
    "task.delete_confirm": "Delete T-{number} “{title}”? It can be brought back later with `/baton task restore T-{number}`.",
    "task.restored": "T-{number} is back: {title}",
    "task.kept": "T-{number} was not deleted.",
    "button.delete": "Delete",
    "button.keep": "Keep it",
    "settings.admins": "Admins named in Baton: {names}. The platform's own admins are admins too.",
    "settings.no_admins": "No admins are named in Baton; the platform's admins are.",
    "settings.no_admins_console": "No admins are named yet, so everyone here is one. Name some with `/baton settings admins @a @b`.",
    "task.already_assigned": "T-{number} is already {who}'s.",
    "task.list_past_end": Plural(
        "There is no page {page}: this list has {pages} page.",
        "There is no page {page}: this list has {pages} pages.",
        n="pages",
    ),
    "task.list_page": "{head}, page {page}",
    "task.list_title": Plural("{label}: {count} task", "{label}: {count} tasks"),
    "task.list_more": "…and {more} more: `{command}`",
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
    "list.mine_empty": "You have no open tasks; `/baton task list all` shows everyone's.",
    "list.user_empty": "{who} has no open tasks.",
    "list.channel_empty": "No open tasks in #{channel}. Add one there with `/baton task add <title>`.",
    "list.overdue_empty": "Nothing is overdue.",
    "list.done_empty": "Nothing has been done yet.",
    "list.all_empty": "No open tasks here. Add one with `/baton task add <title>`.",
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
    "handover.done": Plural(
        "Handed {count} open task of {src} over to {dst}.",
        "Handed {count} open tasks of {src} over to {dst}.",
    ),
    "handover.done_until": Plural(
        "Handed {count} open task of {src} over to {dst} until {when}.",
        "Handed {count} open tasks of {src} over to {dst} until {when}.",
    ),
    "handover.returned": Plural(
        "Handed {count} task back to {dst} from {src}.",
        "Handed {count} tasks back to {dst} from {src}.",
    ),
    "handover.log": "handed over from {src} to {dst}",
    "handover.log_back": "handed back from {src} to {dst}",
    "agenda.added": "Added to the agenda of #{channel}: {topic}",
    "agenda.empty": "The agenda of #{channel} is empty. Add a topic with `/baton agenda add <topic>`.",
    "agenda.title": "Agenda of #{channel}",
    "agenda.cleared": Plural(
        "Cleared {count} topic from the agenda of #{channel}.",
        "Cleared {count} topics from the agenda of #{channel}.",
    ),
    # help
    "help.title": "Baton: tasks, handovers and agendas, right here in the chat",
    "help.footer": "Dates: `/baton help dates`. Ids look like T-12. Buttons on task messages complete, assign, snooze and comment.",
    "help.unknown": "There is no help on `{topic}`. Topics: {topics}.",
    "help.example": "For example: `/baton task add Book the booth @anna due friday 5pm`",
    "help.words": "The command words are English in every language; titles, comments and dates are yours, in your words.",
    "help.dates": (
        "Say when in your own words, in your time zone (`/baton settings tz`): `friday`, "
        "`tomorrow 5pm`, `in 3 days`, `2026-12-01`, `next monday 9:00`, `vendredi 17h`, "
        "`demain 9h`, `morgen 17 Uhr`. A date without a time means 17:00 that day."
    ),
    # usage lines, shown by help and by errors: only the <placeholders> and the (explanations)
    # are translated; the command words are the same in every language
    "usage.help": "/baton help [<topic>]",
    "usage.task.add": "/baton task add <title> [@assignee] [due <when>] [after T-n]",
    "usage.task.new": "/baton task new  (a form, in Slack and Mattermost)",
    "usage.task.list": "/baton task list [mine|@user|#channel|overdue|done|all] [page N]",
    "usage.task.show": "/baton task show T-n [history]",
    "usage.task.done": "/baton task done T-n",
    "usage.task.reopen": "/baton task reopen T-n",
    "usage.task.delete": "/baton task delete T-n [confirm]",
    "usage.task.restore": "/baton task restore T-n",
    "usage.task.assign": "/baton task assign T-n @user|me|nobody",
    "usage.task.due": "/baton task due T-n <when>|none",
    "usage.task.rename": "/baton task rename T-n <title>",
    "usage.task.notes": "/baton task notes T-n <text>|none",
    "usage.task.edit": "/baton task edit T-n  (a form, in Slack and Mattermost)",
    "usage.task.comment": "/baton task comment T-n <text>",
    "usage.task.block": "/baton task block T-n on T-m",
    "usage.task.unblock": "/baton task unblock T-n [from T-m]",
    "usage.workload": "/baton workload [#channel]",
    "usage.handover": "/baton handover @from to @to [until <when>]",
    "usage.agenda": "/baton agenda add <topic> | list | remove N | post | clear",
    "usage.settings.tz": "/baton settings tz <Area/City>  (for example Europe/Berlin)",
    "usage.settings.lang": "/baton settings lang en|fr|de",
    "usage.settings.channel": "/baton settings channel tz <Area/City> | channel lang en|fr|de",
    "usage.settings.admins": "/baton settings admins [@someone …]  (may delete any task)",
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
    # how a renderer writes a field's label before its value, where it writes both on one line
    "message.label": "{label}:",
    # the console chat's own words around Baton's messages
    "console.welcome": "Type /baton help to start. Shell commands: :user NAME, :channel NAME, :click N, :advance 2d (simulated clock), :quit",
    "console.only_you": "(only you)",
    "console.updated": "(updated)",
    "console.pressing": "(pressing [{label}] on: {summary})",
    "console.time_now": "(the time is now {when})",
    "console.form": "(form) {title}: {fields}",
    "console.unknown_slash": "(only /baton is known here; try /baton help)",
    "console.usage_name": "(usage: :{name} NAME, letters, digits, '.', '-' or '_')",
    "console.no_buttons": "(the last message has no buttons: :click N presses button N of the latest message; to act on a task, show it first with /baton task show T-n)",
    "console.no_such_button": "(no button {given}: the last message has buttons 1 to {count})",
    "console.needs_clock": "(:advance needs `baton shell --simulated-clock`)",
    "console.usage_advance": "(usage: :advance 2d, 3h, 30m or 1w)",
    "console.unknown_command": "(unknown shell command :{name}) Type /baton help to start. Shell commands: :user NAME, :channel NAME, :click N, :advance 2d (simulated clock), :quit",
    # activity log lines
    "event.by_baton": "Baton",
    "event.created": "created",
    "event.completed": "completed",
    "event.reopened": "reopened",
    "event.deleted": "deleted",
    "event.restored": "restored",
    "event.unassigned": "left it to nobody",
    "event.due_cleared": "cleared the due date",
    "event.renamed": "renamed it (was “{detail}”)",
    "event.notes": "changed the notes",
    "event.assigned": "assigned to {detail}",
    "event.due": "due {detail}",
    "event.commented": "commented",
    "event.blocked": "blocked on {detail}",
    "event.unblocked": "no longer waits for {detail}",
}


def text(key: str, lang: str = "en", /, **params: Any) -> str:
    """The text for `key` in `lang` (English where it has no translation), filled with `params`.

    A list or tuple parameter is joined as the language joins lists ("Anna, Carl und Fin"),
    and a Term parameter is translated too. Raises KeyError for a key the catalog lacks.
    """
    entry = EN[key]
    catalog = translations(lang if lang in LANGUAGES else "en")
    shown = {name: _shown(value, lang) for name, value in params.items()}
    if isinstance(entry, Plural):
        count = int(params[entry.n])
        template = str(catalog.npgettext(key, entry.one, entry.other, count))
        shown[entry.n] = formats.number(count, lang)  # "1.234 Aufgaben"
    else:
        template = str(catalog.pgettext(key, entry))
    return template.format(**shown) if params else template


def usage_line(usage: str, lang: str) -> str:
    """The usage line of catalog key `usage` in `lang`; a line written out in code instead of a
    key (a feature that predates the catalog) is shown as it is, and the catalog tests flag it."""
    return text(usage, lang) if usage in EN else usage


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Term):
        return text(value.key, lang, **value.params) if value.key in EN else value.key
    if isinstance(value, list | tuple):
        return formats.join([str(_shown(item, lang)) for item in value], lang)
    return value
