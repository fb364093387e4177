"""Runs from chat: one ordinary task per item, due dates in the channel's zone, dependencies,
a message in the channel redrawn in place, finishing with a retrospective, cancelling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.app import Baton
from bot.commands.invocation import ButtonPress, Invocation
from bot.core.clock import SimulatedClock
from storage.models import ChannelMessage, Run, RunStatus, Task, TaskDependency, TaskStatus
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform
from tests.support.queries import count

DELIVERY = "/baton run vehicle-delivery for 'Jane Doe' start 2026-12-04 "
PEOPLE = "logistics=@anna finance=@carl sales=@dora"


def tasks_of(baton: Baton) -> dict[str, Task]:
    with baton.db.transaction() as session:
        found = session.scalars(select(Task).order_by(Task.number)).all()
    return {task.run_item or "": task for task in found}


def start_delivery(chat: Chat) -> str:
    chat.say("/baton template import vehicle-delivery")
    chat.say("/baton settings channel tz Europe/Berlin", channel="deliveries")
    return chat.say(DELIVERY + PEOPLE, channel="deliveries")


def test_a_run_makes_one_task_per_item_due_in_the_channels_zone_with_its_dependencies(
    chat: Chat, baton: Baton
) -> None:
    started = start_delivery(chat)
    assert "Started R-1 (vehicle-delivery) for Jane Doe: 6 item(s), the last due Fri 18 Dec" in (
        started
    )
    items = tasks_of(baton)
    assert [t.title for t in items.values()] == [
        "Vehicle received for Jane Doe",
        "Payment confirmed for Jane Doe",
        "Papers to the registration agent",
        "Registration done",
        "Delivery appointment agreed with Jane Doe",
        "Handover to Jane Doe",
    ]
    # Friday 4 December in Berlin; +2 workdays skips the weekend: Tuesday, 17:00 Berlin.
    assert items["received"].due_at == datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert items["payment"].due_at == datetime(2026, 12, 8, 16, 0, tzinfo=UTC)
    assert items["handover"].due_at == datetime(2026, 12, 18, 16, 0, tzinfo=UTC)
    with baton.db.transaction() as session:
        pairs = {(d.task_id, d.blocker_id) for d in session.scalars(select(TaskDependency))}
        run = session.scalars(select(Run)).one()
    assert (items["papers"].id, items["payment"].id) in pairs
    assert len(pairs) == 5
    assert {t.run_id for t in items.values()} == {run.id}
    assert run.start_at == datetime(2026, 12, 3, 23, 0, tzinfo=UTC), "midnight in Berlin"
    assert "[#deliveries] R-1 Vehicle delivery · Jane Doe" in started
    assert "0 of 6 done ░░░░░░░░░░ 0/6" in started
    assert "[1: Complete T-1] [2: Complete T-2]" in started
    assert "Your item(s) (4):" in "\n".join(chat.dms("dora"))


def test_papers_wait_for_payment_and_the_message_is_redrawn_in_place(
    chat: Chat, baton: Baton, platform: FakePlatform
) -> None:
    start_delivery(chat)
    refused = chat.say("/baton task done T-3", user="dora", channel="deliveries")
    assert "T-3 is blocked by T-2. Finish that first." in refused
    posted = chat.last_with_buttons()
    paid = chat.click("Complete T-2", user="carl", channel="deliveries")
    assert "(updated) R-1 Vehicle delivery" in paid
    assert "1 of 6 done" in paid
    assert "T-3 Papers to the registration agent · @dora" in paid
    told = "\n".join(chat.dms("dora"))
    assert 'T-2 is done: your task T-3 "Papers to the registration agent" can go ahead.' in told
    with baton.db.transaction() as session:
        shown = session.scalars(select(ChannelMessage)).one()
    assert (shown.shows, shown.message_ref) == ("run", posted.ref)
    [redrawn] = [p for p in platform.messages if p.ref == posted.ref]
    assert redrawn.message.summary == "R-1 Vehicle delivery · Jane Doe"
    assert [b.label for b in redrawn.message.buttons] == ["Complete T-1", "Complete T-3"]
    assert tasks_of(baton)["payment"].status is TaskStatus.DONE


def test_the_last_item_finishes_the_run_and_its_starter_is_asked_for_a_retro(
    chat: Chat, baton: Baton, clock: SimulatedClock
) -> None:
    start_delivery(chat)
    clock.set(datetime(2026, 12, 14, 10, 0, tzinfo=UTC))
    for number in range(1, 7):
        chat.say(f"/baton task done T-{number}", user="bob", channel="deliveries")
    with baton.db.transaction() as session:
        run = session.scalars(select(Run)).one()
    assert run.status is RunStatus.DONE
    assert run.finished_at == datetime(2026, 12, 14, 10, 0, tzinfo=UTC)
    assert "[DM @bob] R-1 is finished." in chat.dms("bob"), "asked though they did the last item"
    prompt = "\n".join(chat.lines)
    assert "What would you change next time?" in prompt
    assert "[1: Write a retrospective]" in prompt
    assert "✅ R-1 Vehicle delivery · Jane Doe" in "\n".join(chat.lines[-12:])
    assert "(form) Retrospective of R-1" in chat.click("Write a retrospective")
    chat.submit("run.retro", {"retro": " "}, context="1")
    assert chat.last_reply is not None
    assert chat.last_reply.field_errors == {"retro": "Say what you would change next time."}
    kept = chat.submit("run.retro", {"retro": "Book the registration agent earlier"}, context="1")
    assert "the retrospective of R-1 is kept with `vehicle-delivery`" in kept
    shown = chat.say("/baton template show vehicle-delivery")
    assert "Runs: 1 (0 active) · median cycle time 10.5 days" in shown
    assert "R-1 Jane Doe (@bob): “Book the registration agent earlier”" in shown
    again = chat.say("/baton run vehicle-delivery for Max " + PEOPLE, channel="deliveries")
    assert "“Book the registration agent earlier”" in again, "shown when it is next run"
    assert "“Book the registration agent earlier”" in chat.say(
        "/baton template clone vehicle-delivery as delivery-2027"
    )


def test_reopening_an_item_of_a_finished_run_makes_it_active_again(
    chat: Chat, baton: Baton
) -> None:
    start_delivery(chat)
    for number in range(1, 7):
        chat.say(f"/baton task done T-{number}", channel="deliveries")
    chat.say("/baton task reopen T-6", channel="deliveries")
    with baton.db.transaction() as session:
        run = session.scalars(select(Run)).one()
    assert (run.status, run.finished_at) == (RunStatus.ACTIVE, None)
    assert "R-1 is not finished yet" in chat.say("/baton run retro R-1 Too early")


def test_a_role_left_out_is_named_and_nothing_starts(chat: Chat, baton: Baton) -> None:
    chat.say("/baton template import onboarding")
    reply = chat.say("/baton run onboarding for 'Jane Doe' manager=@bob")
    assert "`onboarding` needs someone for new_hire, it, hr. Add `new_hire=@… it=@… hr=@…`" in (
        reply
    )
    assert "nothing was started" in reply
    assert count(baton, Run) == 0
    assert count(baton, Task) == 0


def test_with_forms_a_role_left_out_is_asked_for_with_person_pickers(
    chat: Chat, baton: Baton, platform: FakePlatform
) -> None:
    chat.say("/baton template import vehicle-delivery")
    invocation = Invocation(
        actor=chat.actor("bob", "deliveries"),
        text="run vehicle-delivery for 'Jane Doe' start 2026-12-04 logistics=@anna",
        trigger_id="trigger-7",
    )
    chat.run(invocation)
    trigger, form = platform.forms[-1]
    assert trigger == "trigger-7"
    assert form.form_id == "run.start"
    fields = {field.name: field for field in form.fields}
    assert fields["subject"].initial == "Jane Doe"
    assert fields["start"].initial == "2026-12-04"
    assert fields["role_logistics"].initial == "UANNA"
    assert fields["role_finance"].kind == "user"
    assert fields["role_finance"].hint == "Nobody was named for this role yet."
    assert count(baton, Run) == 0
    half = {"subject": "Jane Doe", "start": "2026-12-04", "role_logistics": "UANNA"}
    chat.submit("run.start", half, context=form.context, channel="deliveries")
    assert chat.last_reply is not None
    assert chat.last_reply.field_errors == {
        "role_finance": "`vehicle-delivery` needs someone for this role."
    }
    whole = half | {"role_finance": "UCARL", "role_sales": "UDORA"}
    started = chat.submit("run.start", whole, context=form.context, channel="deliveries")
    assert "Started R-1 (vehicle-delivery) for Jane Doe" in started
    assert tasks_of(baton)["payment"].assignee_id is not None


def test_run_new_opens_a_form_with_a_picker_per_role(chat: Chat, platform: FakePlatform) -> None:
    chat.say("/baton template import onboarding")
    chat.run(Invocation(actor=chat.actor("bob", "general"), text="run new", trigger_id="t-1"))
    _, form = platform.forms[-1]
    assert form.title == "Start onboarding"
    assert [f.name for f in form.fields] == [
        "subject",
        "start",
        "role_new_hire",
        "role_manager",
        "role_it",
        "role_hr",
    ]
    assert all(f.kind == "user" for f in form.fields[2:])
    chat.say("/baton template import trade-fair")
    chat.run(Invocation(actor=chat.actor("bob", "general"), text="run new", trigger_id="t-2"))
    _, form = platform.forms[-1]
    assert form.fields[0].name == "template"
    assert [o.value for o in form.fields[0].options] == ["onboarding", "trade-fair"]


def test_mistakes_in_a_run_command_get_a_clear_reply_and_start_nothing(
    chat: Chat, baton: Baton
) -> None:
    chat.say("/baton template import vehicle-delivery")
    for command, advice in [
        ("/baton run vehicle for Max", "Did you mean `vehicle-delivery`?"),
        ("/baton run vehicle-delivery for Max driver=@anna " + PEOPLE, "`driver` is neither"),
        ("/baton run vehicle-delivery for Max logistics=anna", "`logistics` needs a person"),
        ("/baton run vehicle-delivery for Max start someday " + PEOPLE, "couldn't read"),
        ("/baton run vehicle-delivery for Max start 2019-01-01 " + PEOPLE, "too far from today"),
        (
            "/baton run vehicle-delivery for Max logistics=@ghost finance=@carl sales=@dora",
            "I can't find `@ghost`",
        ),
        ("/baton run vehicle-delivery " + PEOPLE, "needs a subject: add `for"),
        ("/baton run vehicle-delivery for", "Usage: `/baton run <template>"),
        ("/baton run status R-9", "There is no run R-9 here"),
        ("/baton run status T-9", "is not a run id"),
        ("/baton runs soon", "Usage: `/baton runs [active|done|late]`"),
    ]:
        assert advice in chat.say(command), command
    assert count(baton, Run) == 0
    assert count(baton, Task) == 0


def test_cancelling_closes_open_items_as_cancelled_without_deleting_them(
    chat: Chat, baton: Baton
) -> None:
    start_delivery(chat)
    chat.say("/baton task done T-1", channel="deliveries")
    cancelled = chat.say("/baton run cancel R-1", user="carl", channel="deliveries")
    assert "Cancelled R-1: 5 open item(s) closed as cancelled." in cancelled
    assert "(updated) ⛔ R-1 Vehicle delivery · Jane Doe" in cancelled
    assert "@carl cancelled R-1: your item(s) T-3, T-4, T-5, T-6 are closed." in "\n".join(
        chat.dms("dora")
    )
    statuses = [t.status for t in tasks_of(baton).values()]
    assert statuses == [TaskStatus.DONE] + [TaskStatus.CANCELLED] * 5
    assert count(baton, Task) == 6
    assert "T-2 was cancelled with its run" in chat.say("/baton task done T-2")
    assert "Status: Cancelled" in chat.say("/baton task show T-2")
    assert "R-1 is already cancelled." in chat.say("/baton run cancel R-1")
    assert "No active runs" in chat.say("/baton runs")


def test_runs_are_listed_active_done_and_late(chat: Chat, clock: SimulatedClock) -> None:
    chat.say("/baton template import vehicle-delivery")
    for name in ("Ann", "Ben", "Cy"):
        chat.say(f"/baton run vehicle-delivery for {name} {PEOPLE}", channel="deliveries")
    for number in range(1, 7):
        chat.say(f"/baton task done T-{number}")
    clock.advance(timedelta(days=3))
    chat.say("/baton task done T-7")
    active = chat.say("/baton runs active")
    assert "Active runs (2)" in active
    assert "R-2 vehicle-delivery · Ben · 1/6 · next due" in active
    late = chat.say("/baton runs late")
    assert "Runs with an item past due (2)" in late
    assert "R-2 vehicle-delivery · Ben · 1/6 · next due Fri 27 Nov 2026 · 1 item late" in late
    assert "R-3 vehicle-delivery · Cy · 0/6 · next due Wed 25 Nov 2026 · 2 items late" in late
    done = chat.say("/baton runs done")
    assert "R-1 vehicle-delivery · Ann · 6/6 · finished in 0.0 days" in done


def test_run_status_shows_each_item_by_section_with_who_when_and_what_it_waits_for(
    chat: Chat,
) -> None:
    start_delivery(chat)
    chat.say("/baton task done T-2", user="carl")
    shown = chat.say("/baton run status R-1")
    assert (
        shown.index("Vehicle and payment") < shown.index("Registration") < shown.index("Delivery")
    )
    assert "☐ T-1 Vehicle received for Jane Doe · @anna · Fri 04 Dec 2026" in shown
    assert "✅ T-2 Payment confirmed for Jane Doe · @carl · done by @carl" in shown
    assert "⏳ T-4 Registration done · @dora · Mon 14 Dec 2026 · waits for T-3" in shown
    assert shown == chat.say("/baton run R-1")


def test_run_items_are_ordinary_tasks_and_repeat_without_a_warning(chat: Chat) -> None:
    start_delivery(chat)
    again = chat.say("/baton run vehicle-delivery for 'Jane Doe' " + PEOPLE, channel="deliveries")
    assert "Started R-2" in again, "no similar-title warning between runs"
    mine = chat.say("/baton task list @dora")
    assert "T-3 Papers to the registration agent" in mine
    handed = chat.say("/baton handover @dora to @bob")
    assert "Handed 8 open tasks of @dora over to @bob." in handed
    assert "T-3 Papers to the registration agent · @bob" in chat.say("/baton run status R-1")


def test_a_run_stays_on_the_version_it_started_from(chat: Chat) -> None:
    start_delivery(chat)
    exported = chat.say("/baton template export vehicle-delivery")
    body = "\n".join(
        line.removeprefix("    ") for line in exported.splitlines()[1:] if line.strip() != "```"
    )
    edited = body.replace("title: Registration done", "title: Registered at the office")
    assert "Updated `vehicle-delivery` to v2" in chat.say(
        f"/baton template import ```yaml\n{edited}\n```"
    )
    assert "Registration done" in chat.say("/baton run status R-1")
    chat.say("/baton run vehicle-delivery for Max " + PEOPLE, channel="deliveries")
    assert "Registered at the office" in chat.say("/baton run status R-2")


def test_a_stale_button_on_the_run_message_changes_nothing(
    chat: Chat, baton: Baton, platform: FakePlatform
) -> None:
    start_delivery(chat)
    posted = chat.last_with_buttons()
    old = next(b for b in posted.message.buttons if b.label == "Complete T-1")
    chat.say("/baton task due T-1 friday 9:00", channel="deliveries")  # T-1 changes since
    press = ButtonPress(action=old.action, value=old.value, message_ref=posted.ref)
    answer = chat.run(Invocation(actor=chat.actor("anna", "deliveries"), press=press))
    assert tasks_of(baton)["received"].status is TaskStatus.OPEN
    assert "(updated) R-1 Vehicle delivery" in answer, "redrawn as it is now"
    assert "Fri 27 Nov 2026 09:00" in answer
