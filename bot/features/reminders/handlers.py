"""Reminder commands and the job that makes a reminder go off."""

from __future__ import annotations

from bot.commands.invocation import Reply
from bot.commands.request import Request, date_error
from bot.core import outbox
from bot.core import reminders as service
from bot.core.errors import UserError
from bot.core.formats import local_time
from bot.core.grace import is_late
from bot.core.message import plain
from bot.core.outbox import Draft
from bot.core.recurrence_words import said_in
from bot.core.remind_phrase import ReminderPhraseError, split_reminder
from bot.core.scope import Scope, channel_for
from bot.core.snooze import snooze_until
from bot.features.reminders import commands as m
from bot.features.reminders.grammar import USAGE
from bot.features.reminders.views import VIEW, listing_message, whom
from storage.models import Channel, ScheduledJob


def remind(req: Request, cmd: m.Remind) -> Reply:
    scope = req.scope
    member = None if cmd.channel else (req.person(cmd.user) if cmd.user else scope.member)
    channel = _channel(req, cmd) if cmd.channel else None
    reader = scope.reader
    try:
        phrase = split_reminder(cmd.rest, now=scope.now, tz=reader.tz, lang=reader.lang)
    except ReminderPhraseError as error:
        raise _phrase_error(error, reader.lang) from None
    reminder = service.create(
        scope,
        member=member,
        channel=channel,
        what=phrase.what,
        at=phrase.at,
        every=phrase.every,
        tz=reader.tz,
    )
    who = plain((whom(reminder, req.scope.lang),))
    when_local = local_time(phrase.at, reader.tz, reader.lang)
    if phrase.every is not None:
        first = local_time(phrase.at, reader.tz, reader.lang, with_time=False)
        return req.say(
            "reminder.set_every",
            who=who,
            what=phrase.what,
            every=said_in(phrase.every.said, reader.lang),
            tz=reader.tz,
            first=first,
        )
    return req.say("reminder.set", who=who, what=phrase.what, when=when_local, tz=reader.tz)


def _channel(req: Request, cmd: m.Remind) -> Channel:
    ref = cmd.channel
    assert ref is not None
    channel_id = ref.channel_id or req.invocation.channel_mentions.get(ref.name or "")
    if channel_id:  # the platform named it: Baton may not have seen it yet
        scope = req.scope
        return channel_for(scope.session, scope.workspace, channel_id, ref.name or "", scope.now)
    return req.channel(ref)


def _phrase_error(error: ReminderPhraseError, lang: str) -> UserError:
    if error.code in ("past", "recurrence") and error.cause is not None:
        return date_error(error.cause, lang)
    if error.code == "no_what":
        return UserError("error.remind_what", usage=USAGE["remind"])
    if error.code == "too_long":
        return UserError("error.title_too_long", limit=500, length=500)
    return UserError("error.remind_when", usage=USAGE["remind"])


def list_(req: Request, cmd: m.RemindersList) -> Reply:
    scope = req.scope
    if cmd.channel is not None:
        channel = req.channel(cmd.channel)
        listed = service.listing(scope, channel=channel)
        head = req.t("reminder.list_channel", channel=channel.name, count=len(listed))
    else:
        listed = service.listing(scope, member=scope.member)
        head = req.t("reminder.list_mine", count=len(listed))
    if not listed:
        return req.say("reminder.list_empty")
    return Reply(message=listing_message(head, listed, scope.reader))


def _answer(req: Request, key: str, **params: object) -> Reply:
    """A press redraws the message it came from; a typed command gets a line."""
    reply = req.say(key, **params)
    if req.invocation.press is None:
        return reply
    return reply.model_copy(update={"replace_source": True})


def complete(req: Request, cmd: m.ReminderComplete) -> Reply:
    reminder = service.complete(req.scope, cmd.reminder)
    return _answer(req, "reminder.completed", what=reminder.what)


def snooze(req: Request, cmd: m.ReminderSnooze) -> Reply:
    until = snooze_until(cmd.choice, req.scope.now, req.tz)
    if until is None:
        raise UserError("error.bad_button")
    reminder = service.snooze(req.scope, cmd.reminder, until)
    return _answer(
        req, "reminder.snoozed", what=reminder.what, when=local_time(until, req.tz, req.scope.lang)
    )


def delete(req: Request, cmd: m.ReminderDelete) -> Reply:
    reminder = service.delete(req.scope, cmd.reminder)
    return _answer(req, "reminder.deleted", what=reminder.what)


def go_off(scope: Scope, job: ScheduledJob) -> None:
    """A reminder's time has come: a direct message to its person, or a post in its channel.
    Later than the grace window, a one-off reminder still goes out, saying it is late."""
    reminder = service.fire(scope, job)
    if reminder is None:
        return
    facts: dict[str, object] = {"reminder": reminder.id, "occurrence": reminder.fired}
    if not job.recurrence and is_late(job.due_at, scope.now):
        facts["late"] = job.due_at.isoformat()
    draft = Draft(view=VIEW, facts=facts)
    if reminder.channel is not None:
        outbox.post(scope, reminder.channel.channel_id, draft)
    elif reminder.member is not None:
        outbox.direct(scope, reminder.member.user_id, draft)
