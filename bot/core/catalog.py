"""Every text a user reads, by key, in English; French and German come from gettext catalogs.

The key is the gettext context (msgctxt) and the English text the message id, so a translator
sees both; `make catalogs` extracts them into bot/locale (see bot/locale/README.md). A text
without a translation falls back to English, key by key.
"""

from __future__ import annotations

from typing import Any

from bot.core.translations import translations

LANGUAGES = ("en", "fr", "de")

EN: dict[str, str] = {
    # errors
    "error.usage": "Usage: `{usage}`",
    "error.unknown_command": "I don't know `{given}`. Try `/baton help`.",
    "error.unknown_command_suggest": "I don't know `{given}`. Did you mean `/baton {suggestion}`?",
    "error.too_long": "That is too long for me (over {limit} characters). Please shorten it.",
    "error.control_chars": "Your text contains control characters. Please type it again as plain text.",
    "error.two_assignees": "A task has one owner: {first} or {second}? Add it for one of them, then give the other a task of their own, or hand it on later with `/baton task assign T-n @someone`.",
    "error.bad_run_id": "`{given}` is not a run id. Run ids look like `R-3`.",
    "error.no_such_run": "There is no run R-{number} here. `/baton runs` lists them.",
    "error.bad_task_id": "`{given}` is not a task id. Task ids look like `T-12`.",
    "error.no_such_task": "There is no task T-{number} here. `/baton task list` shows yours.",
    "error.title_empty": "A task needs a title: `/baton task add Book the booth`.",
    "error.title_too_long": "That title has {length} characters; the limit is {limit}. Please shorten it.",
    "error.comment_too_long": "Comments are limited to {limit} characters.",
    "error.expected_user": "`{given}` is not a person. Mention someone like `@anna`. Usage: `{usage}`",
    "error.unknown_user": "I can't find `{given}` in this workspace. Check the spelling, or mention them with @.",
    "error.unknown_channel": "I can't find the channel `{given}`.",
    "when.none": 'No date given. Try "friday", "tomorrow 5pm", "in 3 days" or "2026-12-01".',
    "when.unreadable": 'I couldn\'t read "{phrase}" as a date. Try "friday", "tomorrow 5pm", "in 3 days" or "2026-12-01".',
    "when.past": '"{phrase}" is in the past ({when} {zone}).',
    "every.unreadable": 'I can\'t read "{phrase}" as a recurrence. Try `every day at 9am`, `every weekday`, `every monday, tuesday and friday at 11:00`, `every other wednesday`, `every month on the 1st`.',
    "error.past_date": "{when} is in the past. Give a date from now on, like `friday` or `in 3 days`.",
    "error.unknown_tz": "`{given}` is not a time zone I know. Use a name like `Europe/Berlin` or `America/New_York`.",
    "error.task_done": "T-{number} is already done.",
    "error.task_cancelled": "T-{number} was cancelled with its run; there is nothing left to do.",
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
    "error.code_block_open": "A code block (```) is never closed. End it with ``` on a line of its own.",
    "error.after_code_block": "Nothing may follow the code block: put options on the command line before it.",
    "error.no_such_reminder": "There is no such reminder any more. `/baton reminders` lists yours.",
    "error.remind_whom": "Remind whom? `{given}` is not `me`, a person or a channel. Usage: `{usage}`",
    "error.remind_what": "Remind of what? Say it before or after the time. Usage: `{usage}`",
    "error.remind_when": "When? I found no time in that. Say `in 30 minutes`, `at 3pm`, `tomorrow`, `on June 1st at noon`, `every weekday at 9am` or `every month on the 1st`. Usage: `{usage}`",
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
    "task.unblocked": "T-{number} waits no more for {blockers}.",
    "task.unblocked_dm": 'T-{blocker} is done: your task T-{number} "{title}" can go ahead.',
    "task.assigned_dm": "{who} assigned you T-{number}: {title}",
    "task.card_out_of_date": "That card of T-{number} was out of date, so nothing changed. Here is the task as it is now:",
    "task.similar": "This looks like work that is already open. Create “{title}” anyway?",
    "task.list_nothing": "{what}",
    "task.list_no_buttons": "Lists have no buttons: `/baton task show T-n` shows a task with its own.",
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
    "task.list_past_end": "There is no page {page}: this list has {pages} page(s).",
    "task.list_page": "{head}, page {page}",
    "task.list_more": "…and {more} more: `{command}`",
    "list.more": "…and {more} more",
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
    "list.mine_empty": "You have no open tasks; `/baton task list all` shows everyone's.",
    "list.user_empty": "{who} has no open tasks.",
    "list.channel_empty": "No open tasks in #{channel}. Add one there with `/baton task add <title>`.",
    "list.overdue_empty": "Nothing is overdue.",
    "list.done_empty": "Nothing has been done yet.",
    "list.all_empty": "No open tasks here. Add one with `/baton task add <title>`.",
    # reminders
    "reminder.you": "you",
    "reminder.set": "I will remind {who} “{what}” on {when} {tz}.",
    "reminder.set_every": "I will remind {who} “{what}” {every} {tz}, next {first}.",
    "reminder.fired": "⏰ Reminder: {what}",
    "reminder.from": "⏰ {who} asked me to remind you: {what}",
    "reminder.set_by": "Set by ",
    "reminder.late": "Late: this was due ",
    "reminder.next": "next ",
    "reminder.went_off": "went off, not marked complete",
    "reminder.completed": "✅ Marked complete: {what}",
    "reminder.snoozed": "💤 Snoozed until {when}: {what}",
    "reminder.deleted": "🗑 Deleted the reminder “{what}”.",
    "reminder.list_mine": "Your reminders ({count})",
    "reminder.list_channel": "Reminders in #{channel} ({count})",
    "every.weekday": "every weekday at {time}",
    "every.on_days": "every {days} at {time}",
    "every.other_days": "every other {days} at {time}",
    "reminder.list_empty": "No reminders. Set one with `/baton remind me to <what> <when>`.",
    "nudge.due": "⏰ T-{number} {title} is due {when}.",
    "nudge.overdue": "⏰ T-{number} {title} is overdue: it was due {when}.",
    "nudge.snoozed": "💤 I will nudge you about {number} again on {when}.",
    "digest.for_you": "for you",
    "digest.of_channel": "of #{channel}",
    "digest.on": "The daily digest {where} is on: workdays at {at} {tz}, next {next}. It is not sent on days with nothing to report.",
    "digest.off": "The daily digest {where} is off.",
    "digest.was_off": "The daily digest {where} was not on.",
    "digest.sent": "Here comes the digest {where}.",
    "digest.empty": "Nothing to report {where}: nothing due today, overdue, blocked or newly assigned.",
    "digest.title_channel": "Daily digest of #{channel}",
    "digest.title_person": "Your daily digest",
    "digest.due_today": "Due today ({count})",
    "digest.overdue": "Overdue ({count})",
    "digest.blocked": "Blocked ({count})",
    "digest.new": "Newly assigned ({count})",
    "button.mark_complete": "Mark complete",
    "button.snooze.20m": "20 min",
    "button.snooze.1h": "1 hour",
    "button.snooze.3h": "3 hours",
    "button.snooze.tomorrow": "Tomorrow 9:00",
    "button.snooze.week": "Next week",
    # home
    "home.title": "My work",
    "home.empty": "Nothing on your plate. Tasks assigned to you show up here.",
    "home.overdue": "Overdue ({count})",
    "home.open": "Open ({count})",
    # forms
    "form.task.title": "New task",
    "form.date_placeholder": "friday, 2026-12-01, in 3 days",
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
    "handover.log": "handed over from {src} to {dst}",
    "handover.log_back": "handed back from {src} to {dst}",
    "agenda.added": "Added to the agenda of #{channel}: {topic}",
    "agenda.empty": "The agenda of #{channel} is empty. Add a topic with `/baton agenda add <topic>`.",
    "agenda.title": "Agenda of #{channel}",
    # templates
    "template.unknown": "There is no template `{name}` here. Templates: {known}. `/baton template list` shows them.",
    "template.unknown_suggest": "There is no template `{name}` here. Did you mean `{suggestion}`?",
    "template.unknown_shipped": "There is no template `{name}` here yet. Baton ships one: `/baton template import {name}` adds it.",
    "template.not_shipped": "Baton ships no template `{name}`. Shipped: {shipped}. To import your own, put its YAML in a code block after `/baton template import`.",
    "template.exists": "There is already a template `{name}`. Choose another name, or import a new version of it.",
    "template.imported": "Imported `{name}` v{version}: {items} item(s) in {sections} section(s); roles: {roles}.",
    "template.updated": "Updated `{name}` to v{version}: {items} item(s) in {sections} section(s); roles: {roles}. Runs already started stay on their version. Changes:",
    "template.unchanged": "`{name}` is unchanged (still v{version}).",
    "template.export": "`{name}` v{version} (import it again, edited, to make a new version):",
    "template.list_empty": "No templates yet. Import one that Baton ships ({shipped}) with `/baton template import <name>`, or your own YAML in a code block.",
    "template.list_title": "Templates ({count})",
    "template.list_line": "v{version} · {items} item(s) · {runs} run(s), {active} active",
    "template.list_footer": "`/baton template show <name>` · `/baton run <name> for <subject>`",
    "template.cloned": "Cloned `{name}` as `{new}` ({items} item(s)). Edit it with `/baton template export {new}`, then import it again.",
    "template.nobody": "nobody",
    "template.none": "none",
    "template.after": "after {ids}",
    "template.roles": "Roles: {roles}",
    "template.fields": "fields: {fields}",
    "template.runs": "Runs: {total} ({active} active)",
    "template.no_runs": "No runs yet.",
    "template.median": "median cycle time {days} days",
    "template.changes": "Changes in v{version}",
    "template.retros": "What earlier runs would change",
    # runs
    "run.started": "Started {run} ({template}){subject}: {items} item(s), the last due {finish}. Its progress is in the channel.",
    "run.missing_roles": "`{template}` needs someone for {roles}. Add `{example}`; nothing was started.",
    "run.role_needs_person": "The role `{role}` needs a person, like `{role}=@anna` (not `{given}`).",
    "run.unknown_key": "`{name}` is neither a role nor a field of `{template}`. Roles: {roles}; fields: {fields}.",
    "run.cannot_start": "The run was not started:\n{problems}",
    "run.start_out_of_range": "{when} is too far from today to start a run (at most a year ago or five years ahead).",
    "run.block_only_bulk": "Only `/baton run bulk <template>` reads a code block (a CSV, one run a row).",
    "run.bulk_needs_csv": "Put the CSV in a code block after the command: `{usage}`",
    "run.bulk_subject": "A bulk start takes each run's subject from the CSV's `subject` (or `name`) column, not from `for`.",
    "run.no_templates": "There are no templates yet. `/baton template import onboarding` adds one that Baton ships.",
    "run.for_subject": " for {subject}",
    "run.progress": "{done} of {total} done",
    "run.next": "Next",
    "run.started_by": "Started by ",
    "run.expected_finish": "expected finish ",
    "run.finished_in": "finished in {days} days",
    "run.cancelled_note": "cancelled",
    "run.next_due": "next due ",
    "run.waits_for": "waits for {tasks}",
    "run.done_by": "done by ",
    "run.other_items": "Other items",
    "run.complete_button": "Complete T-{number}",
    "run.assigned_dm": "{who} started {run} {template}{subject}. Your item(s) ({count}):",
    "run.assigned_many_dm": "{who} started {runs} runs of {template}. You have {count} item(s); the first due:",
    "run.finished_dm": "{run} is finished.",
    "run.retro_question": "What would you change next time?",
    "run.retro_button": "Write a retrospective",
    "run.retro_typed": "Type `/baton run retro R-{number} <what you would change next time>`.",
    "run.retro_kept": "Thanks: the retrospective of {run} is kept with `{template}` and shown when it is next run, shown or cloned.",
    "run.retro_too_early": "R-{number} is not finished yet: its retrospective comes once it is.",
    "run.already_done": "R-{number} is already finished.",
    "run.already_cancelled": "R-{number} is already cancelled.",
    "run.cancelled": "Cancelled {run}: {count} open item(s) closed as cancelled.",
    "run.cancelled_dm": "{who} cancelled {run}: your item(s) {tasks} are closed.",
    "run.bulk_refused": "Nothing was started: {count} problem(s) in the CSV.\n{problems}",
    "run.bulk_started": "Started {count} runs of `{template}` ({first} … {last}), {items} items. `/baton runs active` lists them.",
    "run.bulk_posted": "{who} started {count} runs of {template}: {first} … {last}, {items} items. `/baton runs active` lists them.",
    "report.title": "Report: {name} ({title})",
    "report.no_finished": "No run of `{name}` has finished yet, so there is no cycle time.",
    "report.cycle": "Cycle time of {count} finished run(s), start to finish: median {median} days · p90 {p90} days · spread {shortest}–{longest} days (standard deviation {deviation})",
    "report.late_items": "Items most often late",
    "report.late_item": "late in {late} of {counted} run(s), by {mean} days on average (at most {most})",
    "report.overdue": "Runs open past their expected finish",
    "report.overdue_run": "{days} days past (expected ",
    "report.footer": "{active} active run(s). `/baton report {name} csv` gives every run and item with its dates.",
    "report.csv": "Every run of `{name}` and its items ({rows} row(s)), as CSV:",
    "report.csv_more": "…and {more} more row(s): `baton report {name} --csv` prints them all.",
    "runs.title_active": "Active runs ({count})",
    "runs.title_done": "Finished runs ({count})",
    "runs.title_late": "Runs with an item past due ({count})",
    "runs.empty_active": "No active runs. Start one with `/baton run <template> for <subject>`.",
    "runs.empty_done": "No finished runs yet.",
    "runs.empty_late": "No run has an item past due.",
    "form.run.title": "Start {template}",
    "form.run.title_any": "Start a checklist",
    "form.run.submit": "Start",
    "form.run.template": "Template",
    "form.run.subject": "Subject (who or what it is for)",
    "form.run.start": "Start date",
    "form.run.role_missing": "Nobody was named for this role yet.",
    "form.run.role_needed": "`{template}` needs someone for this role.",
    "form.run.pick_template": "Pick a template.",
    "form.retro.title": "Retrospective of R-{number}",
    "form.retro.submit": "Keep it",
    "form.retro.empty": "Say what you would change next time.",
    # help
    "help.title": "Baton: tasks, checklists, handovers, agendas, reminders and digests, right here in the chat",
    "help.examples": "Examples: `/baton task add Book the booth @anna due friday` · `/baton remind me to call the dealer every weekday at 9am` · `/baton task due T-1 tomorrow 5pm`",
    "help.footer": "Dates: `/baton help dates`. Ids look like T-12 (a task) and R-3 (a run). Buttons on task messages complete, assign, snooze and comment.",
    "help.unknown": "There is no help on `{topic}`. Topics: {topics}.",
    "help.dates": (
        "Say when in your own words, in your time zone (`/baton settings tz`): `friday`, "
        "`tomorrow 5pm`, `in 3 days`, `2026-12-01`, `next monday 9:00`, `vendredi 17h`, "
        "`demain 9h`, `morgen 17 Uhr`. A date without a time means 17:00 that day. "
        "Reminders take the same one-off times and recurring ones, in English, French or "
        "German: `every weekday at 9am`, `every other wednesday`, `every monday, tuesday and "
        "friday at 11:00`, `every month on the 1st`, `tous les lundis à 9h`, `chaque jour à 8h`, "
        "`jeden Montag um 9 Uhr`, `jeden Werktag` (none means 09:00)."
    ),
    # settings
    "settings.tz": "Your time zone is now {tz}.",
    "settings.lang": "Your language is now {lang}.",
    "settings.lang_auto": "Baton now follows the language of your Slack or Mattermost profile: {lang}.",
    "settings.show": "Time zone: {tz} · Language: {lang}",
    "settings.quiet": "No nudges from {start} to {end}, your time.",
    "settings.weekends_quiet": "Weekends are quiet: no nudges on Saturday and Sunday.",
    "settings.weekends_open": "Nudges may come on weekends too.",
    "settings.nudges.all": "You get every nudge: on the due day, and each workday while a task is overdue.",
    "settings.nudges.due-only": "You get a nudge on the due day only, none while a task is overdue.",
    "settings.nudges.off": "You get no nudges about your tasks.",
    "settings.quiet_show": "Quiet hours: {start}-{end}{weekends} · Nudges: {nudges}",
    "settings.weekends_on": " and weekends",
    "settings.weekends_off": "",
    "settings.channel_tz": "Messages in #{channel} now show times in {tz}.",
    "settings.channel_lang": "Messages in #{channel} are now in {lang}.",
    "settings.channel_show": "#{channel}: time zone {tz} · language {lang}",
    "message.fact": "{label}: {value}",
    "message.quoted": "“{text}”",
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
    "event.restored": "restored",
    "event.unassigned": "left it to nobody",
    "event.due_cleared": "cleared the due date",
    "event.renamed": "renamed it (was “{detail}”)",
    "event.notes": "changed the notes",
    "event.cancelled": "cancelled with its run",
    "event.assigned": "assigned to {detail}",
    "event.due": "due {detail}",
    "event.commented": "commented",
    "event.blocked": "blocked on {detail}",
    "event.unblocked": "no longer waits for {detail}",
    "event.handover": "{detail}",
    # charts as images
    "chart.values": "Check-ins",
    "chart.ideal": "Ideal line",
    "chart.target": "Target",
    "chart.not_here": "📈 {title}: charts cannot be shown here. `{command}` posts it in the channel.",
    "chart.not_here_plain": "📈 {title}: charts cannot be shown here, only in channel posts and direct messages.",
    "chart.in_thread": "📈 {title}: the chart is in the thread.",
    "chart.file": "📈 Chart {title}: {path}",
}

# Texts that depend on a count, as (singular, plural) in English: `text()` picks the form by
# the `count` parameter, through the language's plural rule (French says "0 tâche").
COUNTED: dict[str, tuple[str, str]] = {
    "task.list_title_n": ("{label}: {count} task", "{label}: {count} tasks"),
    "handover.done_n": (
        "Handed {count} open task of {src} over to {dst}.",
        "Handed {count} open tasks of {src} over to {dst}.",
    ),
    "handover.done_until_n": (
        "Handed {count} open task of {src} over to {dst} until {when}.",
        "Handed {count} open tasks of {src} over to {dst} until {when}.",
    ),
    "handover.returned_n": (
        "Handed {count} task back to {dst} from {src}.",
        "Handed {count} tasks back to {dst} from {src}.",
    ),
    "agenda.cleared_n": (
        "Cleared {count} topic from the agenda of #{channel}.",
        "Cleared {count} topics from the agenda of #{channel}.",
    ),
    "run.more_open_n": ("…and {count} more open item", "…and {count} more open items"),
    "run.late_items_n": ("{count} item late", "{count} items late"),
    "every.days_n": ("every day at {time}", "every {count} days at {time}"),
    "every.weeks_n": ("every week at {time}", "every {count} weeks at {time}"),
    "every.weeks_n_on": (
        "every week on {days} at {time}",
        "every {count} weeks on {days} at {time}",
    ),
    "every.months_n": ("every month at {time}", "every {count} months at {time}"),
    "every.months_n_on": (
        "every month on the {day} at {time}",
        "every {count} months on the {day} at {time}",
    ),
    "every.years_n": ("every year at {time}", "every {count} years at {time}"),
    "template.invalid_n": (
        "The template was not saved. {count} problem:\n{problems}",
        "The template was not saved. {count} problems:\n{problems}",
    ),
}


def text(key: str, lang: str = "en", /, **params: Any) -> str:
    """The text for `key` in `lang` (falling back to English), filled with `params`.

    A counted text (one of COUNTED) takes its form from the `count` parameter; a `usage`
    parameter is a usage line, shown in `lang` too.
    """
    if "usage" in params:
        params["usage"] = usage_in(str(params["usage"]), lang)
    if key in COUNTED:
        return counted(key, int(params.get("count", 0)), lang, **params)
    english = EN[key]
    template = translations(lang).pgettext(key, english) or english
    return _fill(template, english, params)


def counted(key: str, count: int, lang: str = "en", /, **params: Any) -> str:
    """The form of the counted text `key` for `count` in `lang`, with `count` among its params."""
    singular, plural = COUNTED[key]
    english = singular if count == 1 else plural
    template = translations(lang).npgettext(key, singular, plural, count) or english
    return _fill(template, english, params | {"count": count})


USAGE_CONTEXT = "usage"
"""The gettext context of usage lines, whose msgid is the English line itself."""


def usage_in(line: str, lang: str) -> str:
    """A usage line (`/baton task add <title> …`) in `lang`: the command words stay English,
    the placeholders and notes are translated."""
    return translations(lang).pgettext(USAGE_CONTEXT, line) or line


def _fill(template: str, english: str, params: dict[str, Any]) -> str:
    if not params:
        return template
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        # A translation naming a placeholder the code does not give: English, not a traceback.
        return english.format(**params)
