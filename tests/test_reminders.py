"""Reminders as people set them: once or recurring, for themselves, someone else or a channel."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import Baton
from bot.commands.invocation import ButtonPress, Invocation
from bot.core.catalog import text
from bot.core.clock import SimulatedClock
from storage.models import Reminder, ScheduledJob
from tests.support.chat import Chat
from tests.support.queries import count
from tests.support.time_travel import advance


def went_off(chat: Chat, user: str = "bob") -> list[str]:
    return [line for line in chat.dms(user) if "⏰" in line]


def test_remind_me_at_3pm_repeats_the_time_and_goes_off_by_direct_message(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    reply = chat.say("/baton remind me to call the registration agent at 3pm")
    assert "I will remind you “call the registration agent” on Wed 25 Nov 2026 15:00" in reply
    assert "Europe/Berlin" in reply
    advance(baton, clock, timedelta(hours=4, minutes=59))
    assert chat.dms("bob") == []
    advance(baton, clock, timedelta(minutes=1))
    [reminder] = chat.dms("bob")
    assert "⏰ Reminder: call the registration agent" in reminder
    labels = [b.label for b in chat.last_with_buttons().message.buttons]
    assert labels == [
        "Mark complete",
        "20 min",
        "1 hour",
        "3 hours",
        "Tomorrow 9:00",
        "Next week",
        "Delete",
    ]


def test_a_channel_reminder_every_weekday_is_repeated_back_and_posted_on_workdays(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton agenda", channel="delivery")
    reply = chat.say("/baton remind #delivery to update the tracker every weekday at 9am")
    assert (
        "I will remind #delivery “update the tracker” every weekday at 09:00 Europe/Berlin, "
        "next Thu 26 Nov 2026." in reply
    )
    clock.advance(timedelta(days=6))  # to Tuesday 1 December: missed ones are not made up
    baton.tick()
    posts = [line for line in chat.lines if line.startswith("[#delivery] ⏰ Reminder")]
    assert len(posts) == 1
    clock.set(clock.now().replace(hour=8, minute=0) + timedelta(days=1))  # Wed 09:00 Berlin
    baton.tick()
    posts = [line for line in chat.lines if line.startswith("[#delivery] ⏰ Reminder")]
    assert len(posts) == 2
    assert "Set by @bob · every weekday at 09:00" in "\n".join(chat.lines[-4:])


def test_reminding_someone_else_tells_them_who_set_it(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    assert "I will remind @anna “the client meeting”" in chat.say(
        "/baton remind @anna about the client meeting in 2 hours"
    )
    advance(baton, clock, timedelta(hours=2))
    [told] = chat.dms("anna")
    assert "@bob asked me to remind you: the client meeting" in told


def test_snooze_then_mark_complete_then_nothing_more(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton remind me to stretch in 10 minutes")
    advance(baton, clock, timedelta(minutes=10))
    posted = chat.last_with_buttons()
    [twenty] = [b for b in posted.message.buttons if b.label == "20 min"]
    press = ButtonPress(action=twenty.action, value=twenty.value, message_ref=posted.ref)
    pressed = Invocation(actor=chat.actor("bob", "general"), press=press)
    assert "Snoozed until Wed 25 Nov 2026 10:30" in chat.run(pressed)
    assert chat.run(pressed) == "", "a second press on the same message changes nothing"
    advance(baton, clock, timedelta(minutes=20))
    assert len(went_off(chat)) == 2
    assert "Marked complete: stretch" in chat.click("Mark complete")
    advance(baton, clock, timedelta(days=1))
    assert len(went_off(chat)) == 2
    assert "No reminders" in chat.say("/baton reminders")


def test_reminders_lists_mine_and_a_channels_with_delete_buttons(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    chat.say("/baton agenda", channel="delivery")
    chat.say("/baton remind me to pay rent every month on the 1st")
    chat.say("/baton remind me to water the plants every other wednesday")
    chat.say("/baton remind #delivery to report every monday, tuesday and friday at 11:00")
    mine = chat.say("/baton reminders")
    assert "every month on the 1st at 09:00 · next Tue 01 Dec 2026 09:00" in mine
    assert "every other Wednesday at 09:00 · next Wed 02 Dec 2026 09:00" in mine
    channel = chat.say("/baton reminders #delivery")
    assert "every Monday, Tuesday and Friday at 11:00 · next Fri 27 Nov 2026 11:00" in channel
    assert "pay rent" not in channel
    assert "Deleted the reminder “report”" in chat.click("Delete")
    assert count(baton, ScheduledJob) == 3
    advance(baton, clock, timedelta(days=2, hours=3))
    assert not any("report" in line for line in chat.lines if line.startswith("[#delivery]"))


def test_bad_reminders_get_a_short_reply_and_write_nothing(chat: Chat, baton: Baton) -> None:
    assert "When? I found no time" in chat.say("/baton remind me to call the agent")
    assert "is in the past" in chat.say("/baton remind me to call the agent on 2020-01-01")
    assert "as a recurrence" in chat.say("/baton remind me to x every blue moon")
    assert "Remind whom?" in chat.say("/baton remind bob to x tomorrow")
    assert "Remind of what?" in chat.say("/baton remind me tomorrow")
    assert "Usage" in chat.say("/baton remind")
    assert count(baton, Reminder) == 0
    assert count(baton, ScheduledJob) == 0


INTERNAL_ERROR = text("error.internal")
WORDS = [
    "me",
    "@anna",
    "#general",
    "to",
    "about",
    "every",
    "other",
    "day",
    "weekday",
    "monday,",
    "and",
    "friday",
    "at",
    "9am",
    "25:00",
    "in",
    "2",
    "hours",
    "tomorrow",
    "demain",
    "9h",
    "morgen",
    "um",
    "month",
    "on",
    "the",
    "1st",
    "31st",
    "noon",
    "call",
    "x",
    "2020-01-01",
]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rest=st.one_of(st.lists(st.sampled_from(WORDS), max_size=10).map(" ".join), st.text()))
def test_any_remind_phrase_gets_a_reply_never_an_error(chat: Chat, rest: str) -> None:
    invocation = Invocation(actor=chat.actor("bob", "general"), text=f"remind me {rest}")
    reply = chat.baton.dispatcher.dispatch(invocation)
    assert reply.message is not None
    assert reply.message.summary != INTERNAL_ERROR
