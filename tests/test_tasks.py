"""Tasks as people use them: create, find, change, complete, with the buttons."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import ButtonPress, Invocation
from bot.core.clock import SimulatedClock
from bot.handlers.console.platform import Posted
from storage.models import Task, TaskEvent
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
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
    chat.say("/baton task delete T-5 confirm")  # a task nobody waits on any more

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
    assert "Thu 26 Nov 2026 15:00" in created, "the channel's card is in the channel's zone"
    assert "Thu 26 Nov 2026 09:00" in chat.say("/baton task show T-1", user="dora")
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
    assert "Deleted T-1: Book the booth" in chat.say("/baton task delete T-1 confirm")
    assert "T-1 was deleted by @bob" in chat.say("/baton task show T-1")
    assert "There is no task T-2 here" in chat.say("/baton task show T-2")


def test_lists_by_person_channel_and_done(chat: Chat) -> None:
    chat.say("/baton task add Book the booth @anna", channel="fair")
    chat.say("/baton task add Print flyers @carl", channel="fair")
    chat.say("/baton task add Renew certificate @anna", channel="ops")
    assert "2 tasks" in chat.say("/baton task list @anna")
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


def test_a_press_on_an_out_of_date_card_changes_nothing_and_shows_the_task(
    chat: Chat, baton: Baton
) -> None:
    chat.say("/baton task add Book the booth due 2026-11-27 10:00")
    old = chat.last_with_buttons().message.buttons
    chat.say("/baton task due T-1 2026-12-01 10:00")  # the card drawn before is now out of date
    for label in ("Snooze 1d", "Assign to me"):
        button = next(b for b in old if b.label == label)
        press = ButtonPress(action=button.action, value=button.value, message_ref="an-old-copy")
        answer = chat.run(Invocation(actor=chat.actor("carl", "general"), press=press))
        assert "That card of T-1 was out of date, so nothing changed" in answer
        assert "Due: Tue 01 Dec 2026 10:00" in answer, "the task as it is now"
    shown = chat.say("/baton task show T-1")
    assert "Assignee: nobody" in shown
    assert "Due: Tue 01 Dec 2026 10:00" in shown
    complete = next(b for b in old if b.label == "Complete")
    chat.say("/baton task done T-1")
    press = ButtonPress(action=complete.action, value=complete.value, message_ref="an-old-copy")
    answer = chat.run(Invocation(actor=chat.actor("carl", "general"), press=press))
    assert "T-1 is already done." in answer, "Complete on a completed task answers as before"


def test_done_work_waits_for_nothing_and_unblocking_sets_a_task_free(chat: Chat) -> None:
    chat.say("/baton task add Confirm payment @anna")
    chat.say("/baton task add Send the papers @carl")
    chat.say("/baton task add Book the van @carl")
    chat.say("/baton task done T-2", user="carl")
    refused = chat.say("/baton task block T-2 on T-1")
    assert "T-2 is no longer open, so it waits for nothing" in refused
    assert "Blocked by" not in chat.say("/baton task show T-2")

    chat.say("/baton task block T-3 on T-1")
    chat.say("/baton task block T-3 on T-2")  # done: refused, T-2 blocks nothing
    assert "waits no more for T-1" in chat.say("/baton task unblock T-3 from T-1")
    assert "Blocked by" not in chat.say("/baton task show T-3")
    assert "T-3 waits for no other task." in chat.say("/baton task unblock T-3")
    assert "does not wait for T-1" in chat.say("/baton task unblock T-3 from T-1")
    chat.say("/baton task block T-3 on T-1")
    chat.say("/baton task done T-3", user="carl")  # refused: blocked
    chat.say("/baton task done T-1", user="anna")
    chat.say("/baton task done T-3", user="carl")
    chat.say("/baton task reopen T-1", user="anna")
    assert "Blocked by" not in chat.say("/baton task show T-3"), "done work is not blocked again"
    history = chat.say("/baton task show T-3")
    assert "no longer waits for T-1" in history


def test_answers_say_what_was_understood_and_lists_page_on(chat: Chat) -> None:
    chat.say("/baton task add Book the booth @anna")
    assert "T-1 is now due Fri 27 Nov 2026 15:00" in chat.say("/baton task due T-1 friday 15:00")
    assert "T-1 is now due Fri 27 Nov 2026" in chat.say("/baton task due T-1 after-tomorrow")
    told = len(chat.dms("anna"))
    assert "T-1 is already @anna's." in chat.say("/baton task assign T-1 @anna")
    chat.say("/baton task done T-1", user="anna")
    chat.say("/baton task assign T-1 @carl")
    chat.say("/baton task assign T-1 @anna")
    assert len(chat.dms("anna")) == told, "no 'assigned you' for the owner or for done work"
    assert "Nothing is overdue." in chat.say("/baton task list overdue")
    assert "@dora has no open tasks." in chat.say("/baton task list @dora")
    for n in range(25):
        chat.say(f"/baton task add Unique errand number {n} for {n * 7919}")
    first = chat.say("/baton task list all")
    assert "…and 5 more: `/baton task list all page 2`" in first
    second = chat.say("/baton task list all page 2")
    assert "page 2" in second
    assert "T-26" in second
    assert "There is no page 9: this list has 2 page(s)." in chat.say("/baton task list all page 9")


def test_deleting_asks_first_can_be_undone_and_is_for_the_people_of_the_task(
    chat: Chat, platform: FakePlatform
) -> None:
    chat.say("/baton task add Book the booth @anna")
    asked = chat.say("/baton task delete T-1")
    assert "Delete T-1 “Book the booth”?" in asked
    assert "[1: Delete] [2: Keep it]" in asked
    assert "T-1 was not deleted." in chat.click("Keep it")
    assert "Status: Open" in chat.say("/baton task show T-1")
    chat.say("/baton task delete T-1")
    assert "Deleted T-1: Book the booth" in chat.click("Delete")
    gone = chat.say("/baton task show T-1", user="carl")
    assert "T-1 was deleted by @bob on Wed 25 Nov 2026" in gone
    assert "`/baton task restore T-1` brings it back" in gone
    assert "T-1 is back: Book the booth" in chat.say("/baton task restore T-1", user="anna")
    assert "T-1 is not deleted." in chat.say("/baton task restore T-1")

    chat.say("/baton settings admins @dora")  # from now on, only named admins are admins
    refused = chat.say("/baton task delete T-1 confirm", user="carl")
    assert "Only the person who created T-1, its assignee or an admin can delete it" in refused
    assert "Deleted T-1" in chat.say("/baton task delete T-1 confirm", user="dora")
    history = chat.say("/baton task show T-1 history", user="dora")  # deleted: not shown
    assert "was deleted by @dora" in history


def test_handing_over_someone_elses_work_is_for_them_and_admins(chat: Chat) -> None:
    chat.say("/baton task add Book the booth @anna")
    assert "Admins named in Baton: @dora" in chat.say("/baton settings admins @dora")
    refused = chat.say("/baton handover @anna to @carl", user="bob")
    assert "Only @anna or an admin can hand over @anna's work." in refused
    assert "Handed 1 open task of @anna over to @carl" in chat.say(
        "/baton handover @anna to @carl", user="anna"
    )
    assert "Only an admin can name admins." in chat.say("/baton settings admins @bob", user="bob")


def test_the_whole_history_of_a_task(chat: Chat) -> None:
    chat.say("/baton task add Book the booth")
    for n in range(12):
        chat.say(f"/baton task comment T-1 note {n}")
        chat.say(f"/baton task due T-1 in {n + 2} days")
    assert "created" not in chat.say("/baton task show T-1").split("Activity")[-1]
    assert "@bob created" in chat.say("/baton task show T-1 history")


def test_a_task_is_edited_by_command_and_by_its_form(chat: Chat, platform: FakePlatform) -> None:
    chat.say("/baton task add Book the booth @anna due friday")
    assert "T-1 is now called “Book booth 12”." in chat.say("/baton task rename T-1 Book booth 12")
    assert "T-1 is now nobody's." in chat.say("/baton task assign T-1 nobody")
    assert "T-1 is nobody's already." in chat.say("/baton task assign T-1 nobody")
    assert "T-1 has no due date now." in chat.say("/baton task due T-1 none")
    assert "T-1 has no due date to clear." in chat.say("/baton task due T-1 none")
    assert "The notes of T-1 are saved." in chat.say("/baton task notes T-1 Hall 4, near the exit")
    shown = chat.say("/baton task show T-1 history")
    for line in ("Hall 4, near the exit", "Assignee: nobody", "Due: no due date"):
        assert line in shown
    assert "renamed it (was “Book the booth”)" in shown

    asked = chat.click("Edit")  # on the card: the form opens, filled in
    assert "(form) Edit T-1" in asked
    _trigger, form = platform.forms[-1]
    assert {f.name: f.initial for f in form.fields}["title"] == "Book booth 12"
    values = {
        "title": "Book booth 14",
        "assignee": "UCARL",
        "due_date": "2026-12-04",
        "due_time": "",
    }
    values["notes"] = "Hall 4, near the exit"
    assert "T-1 is saved." in chat.submit("task.edit", values, context="1")
    shown = chat.say("/baton task show T-1")
    assert "Book booth 14" in shown
    assert "Assignee: @carl" in shown
    assert "Due: Fri 04 Dec 2026" in shown
    assert any("assigned you T-1" in line for line in chat.dms("carl"))


def test_presses_are_told_apart_by_button_and_value_and_a_repeat_changes_nothing(
    chat: Chat, baton: Baton
) -> None:
    chat.say("/baton task add Book the booth")
    first = chat.last_with_buttons()
    chat.say("/baton task add Print the flyers")
    second = chat.last_with_buttons()

    def press(posted: Posted, label: str) -> str:
        button = next(b for b in posted.message.buttons if b.label == label)
        pressed = ButtonPress(action=button.action, value=button.value, message_ref=posted.ref)
        return chat.run(Invocation(actor=chat.actor("carl", "general"), press=pressed))

    press(first, "Assign to me")
    press(first, "Snooze 1d")  # the card was redrawn in place: a new rendering
    shown = chat.say("/baton task show T-1")
    assert "Assignee: @carl" in shown
    assert "Due: Thu 26 Nov 2026" in shown, "another button on one card is not a repeat"
    complete_2 = next(b for b in second.message.buttons if b.label == "Complete")
    press(first, "Complete")
    press(second, "Complete")
    assert "Status: Done" in chat.say("/baton task show T-1")
    assert "Status: Done" in chat.say("/baton task show T-2"), "the same button of another task"
    with baton.db.transaction() as session:
        version = session.scalars(select(Task.version).where(Task.number == 2)).one()
    again = ButtonPress(action=complete_2.action, value=complete_2.value, message_ref=second.ref)
    assert chat.run(Invocation(actor=chat.actor("carl", "general"), press=again)) == ""
    with baton.db.transaction() as session:
        assert session.scalars(select(Task.version).where(Task.number == 2)).one() == version
