"""Tasks as people use them: create, find, change, complete, with the buttons."""

from __future__ import annotations

from datetime import timedelta

from bot.app import Baton
from bot.core.clock import SimulatedClock
from storage.models import Task, TaskEvent
from tests.support.chat import Chat
from tests.support.queries import count


def test_similar_open_task_asks_before_creating(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Order furniture for IAA booth @anna")
    warning = chat.say("/baton task add Book IAA booth furniture")
    assert "looks like work that is already open" in warning
    assert "T-1 Order furniture for IAA booth" in warning
    assert "[1: Create anyway] [2: Open T-1]" in warning
    assert count(baton, Task) == 1

    opened = chat.click("Open T-1")
    assert "T-1 Order furniture for IAA booth" in opened

    created = chat.click("Create anyway")
    assert "T-2 Book IAA booth furniture" in created
    assert count(baton, Task) == 2


def test_create_anyway_pressed_twice_creates_once(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Order furniture for IAA booth")
    chat.say("/baton task add Book IAA booth furniture")
    chat.click("Create anyway")
    again = chat.click("Create anyway")
    assert again == ""
    assert count(baton, Task) == 2


def test_unrelated_titles_do_not_warn(chat: Chat) -> None:
    chat.say("/baton task add Order furniture for IAA booth")
    assert "T-2 Order catering for IAA booth" in chat.say(
        "/baton task add Order catering for IAA booth"
    )


def test_blocked_task_waits_and_its_owner_hears_when_it_can_go(chat: Chat) -> None:
    chat.say("/baton task add Confirm payment @anna")
    chat.say("/baton task add Send papers to the registration agent @carl")
    assert "T-2 now waits for T-1" in chat.say("/baton task block T-2 on T-1")
    assert "T-2 now waits for T-1" in chat.say("/baton task block T-2 on T-1"), "said twice"
    shown = chat.say("/baton task show T-2")
    assert "Blocked by: T-1" in shown
    assert shown.count("@bob blocked on T-1") == 1

    refused = chat.say("/baton task done T-2", user="carl")
    assert "T-2 is blocked by T-1. Finish that first." in refused

    chat.say("/baton task done T-1", user="anna")
    notice = "\n".join(chat.dms("carl"))
    assert 'T-1 is done: your task T-2 "Send papers to the registration agent" can go ahead' in (
        notice
    )
    assert "Blocked by" not in chat.say("/baton task show T-2")
    assert "completed T-2" in chat.say("/baton task done T-2", user="carl")


def test_a_task_waiting_for_two_goes_ahead_only_when_both_are_done(chat: Chat) -> None:
    chat.say("/baton task add Confirm payment @anna")
    chat.say("/baton task add Vehicle received @dora")
    chat.say("/baton task add Send papers to the registration agent @carl after T-1, T-2")
    chat.say("/baton task add Book the delivery slot @bob after T-1")
    chat.say("/baton task add Order the stand party @anna after T-2")
    chat.say("/baton task delete T-5")  # a task nobody waits on any more

    chat.say("/baton task done T-1", user="anna")
    assert not any("can go ahead" in dm for dm in chat.dms("carl")), "T-2 is still open"
    assert "T-1 is done: your task T-4" in "\n".join(chat.dms("bob")), "T-4 waited for T-1 only"
    shown = chat.say("/baton task show T-3")
    assert "Blocked by: T-2" in shown
    assert "T-1, T-2" not in shown
    assert "T-3 is blocked by T-2. Finish that first." in chat.say("/baton task done T-3")

    chat.say("/baton task done T-2", user="dora")
    ahead = [dm for dm in chat.dms("carl") if "can go ahead" in dm]
    assert len(ahead) == 1
    assert 'T-2 is done: your task T-3 "Send papers to the registration agent"' in ahead[0]
    assert len([dm for dm in chat.dms("bob") if "can go ahead" in dm]) == 1, "told once only"
    assert not any("can go ahead" in dm for dm in chat.dms("anna")), "T-5 is deleted"
    assert "Blocked by" not in chat.say("/baton task show T-3")
    assert "completed T-3" in chat.say("/baton task done T-3", user="carl")


def test_blocking_refuses_cycles_self_and_done_blockers(chat: Chat) -> None:
    for title in ("Vehicle received", "Payment confirmed", "Registration done"):
        chat.say(f"/baton task add {title}")
    chat.say("/baton task block T-2 on T-1")
    chat.say("/baton task block T-3 on T-2")
    assert "T-3 already waits for T-1; blocking would make them wait for each other forever" in (
        chat.say("/baton task block T-1 on T-3")
    )
    assert "cannot block itself" in chat.say("/baton task block T-1 on T-1")
    chat.say("/baton task add Handover")
    chat.say("/baton task done T-4")
    assert "T-4 is already done, so it cannot block anything" in chat.say(
        "/baton task block T-3 on T-4"
    )


def test_after_option_blocks_at_creation(chat: Chat) -> None:
    chat.say("/baton task add Vehicle received")
    created = chat.say("/baton task add Delivery appointment after T-1")
    assert "Blocked by: T-1" in created


def test_card_is_updated_in_place_everywhere_it_is_shown(chat: Chat) -> None:
    chat.say("/baton task add Book the booth", channel="fair")
    chat.say("/baton task assign T-1 @anna", channel="other")
    lines = chat.lines
    assert any(line.startswith("[#fair] (updated) T-1 Book the booth") for line in lines)
    assert "Assignee: @anna" in "\n".join(lines[-12:])


def test_buttons_assign_snooze_comment_and_reopen(chat: Chat, clock: SimulatedClock) -> None:
    chat.say("/baton task add Book the booth due 2026-11-27 10:00")
    assert "Assignee: @carl" in chat.click("Assign to me", user="carl")
    snoozed = chat.click("Snooze 1d", user="carl")
    assert "Sat 28 Nov 2026 10:00" in snoozed
    asked = chat.click("Comment", user="carl")
    assert "(form) Comment on T-1" in asked
    chat.submit("task.comment", {"comment": "Booth 4B is free"}, context="1", user="carl")
    assert "Booth 4B is free" in chat.say("/baton task show T-1")
    chat.click("Complete", user="carl")
    reopened = chat.click("Reopen", user="carl")
    assert "Status: Open" in reopened


def test_comment_tells_the_assignee(chat: Chat) -> None:
    chat.say("/baton task add Book the booth @anna")
    chat.say("/baton task comment T-1 Hall 4 please")
    assert any("Hall 4 please" in line for line in chat.lines if line.startswith("[DM @anna]"))


def test_due_date_in_the_viewers_zone_and_overdue(chat: Chat, clock: SimulatedClock) -> None:
    chat.say("/baton settings tz America/New_York", user="dora")
    created = chat.say("/baton task add Call the dealer due tomorrow 9am", user="dora")
    assert "Thu 26 Nov 2026 09:00" in created
    clock.advance(timedelta(days=2))
    assert "(Overdue)" in chat.say("/baton task list overdue", user="dora")


def test_activity_log_records_who_changed_what(chat: Chat, baton: Baton) -> None:
    chat.say("/baton task add Book the booth")
    chat.say("/baton task assign T-1 @anna")
    chat.say("/baton task due T-1 friday")
    chat.say("/baton task done T-1", user="anna")
    shown = chat.say("/baton task show T-1")
    for entry in ("@bob created", "@bob assigned to @anna", "@bob due", "@anna completed"):
        assert entry in shown
    assert count(baton, TaskEvent) == 4


def test_delete_hides_the_task(chat: Chat) -> None:
    chat.say("/baton task add Book the booth")
    assert "Deleted T-1: Book the booth" in chat.say("/baton task delete T-1")
    assert "There is no task T-1 here" in chat.say("/baton task show T-1")


def test_lists_by_person_channel_and_done(chat: Chat) -> None:
    chat.say("/baton task add Book the booth @anna", channel="fair")
    chat.say("/baton task add Print flyers @carl", channel="fair")
    chat.say("/baton task add Renew certificate @anna", channel="ops")
    assert "2 task(s)" in chat.say("/baton task list @anna")
    fair = chat.say("/baton task list #fair")
    assert "Book the booth" in fair
    assert "Print flyers" in fair
    assert "Renew" not in fair
    chat.say("/baton task done T-2")
    assert "Print flyers" in chat.say("/baton task list done")


def test_new_task_form_creates_a_task_and_reports_field_errors(chat: Chat) -> None:
    values = {"title": "", "assignee": "UANNA", "due_date": "2026-12-01", "due_time": "14:30"}
    chat.submit("task.new", values)
    assert chat.last_reply is not None
    assert chat.last_reply.field_errors.keys() == {"title"}

    chat.submit("task.new", values | {"due_date": "2020-01-01", "title": "Book the booth"})
    assert chat.last_reply is not None
    assert "due_date" in chat.last_reply.field_errors

    created = chat.submit("task.new", values | {"title": "Book the booth", "notes": "Hall 4"})
    assert "T-1 Book the booth" in created
    assert "Tue 01 Dec 2026 14:30" in created
    assert "Assignee: @anna" in created


def test_buttons_that_change_nothing_work_every_time(chat: Chat) -> None:
    chat.say("/baton task add Book the booth")
    assert "(form) Comment on T-1" in chat.click("Comment")
    assert "(form) Comment on T-1" in chat.click("Comment")


def test_direct_messages_show_times_in_the_recipients_zone(chat: Chat) -> None:
    chat.say("/baton settings tz America/New_York", user="dora")
    card = chat.say("/baton task add Call the dealer @dora due tomorrow 15:00")  # bob: Berlin
    assert card.startswith("[#general] T-1 Call the dealer")
    assert "Due: Thu 26 Nov 2026 15:00" in card.split("[DM @dora]")[0]
    assert "Due: Thu 26 Nov 2026 09:00" in card.split("[DM @dora]")[1]
