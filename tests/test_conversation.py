"""Tasks end to end, as a conversation in a chat."""

from __future__ import annotations

from tests.support.chat import Chat


def test_task_created_listed_and_completed_by_button(chat: Chat) -> None:
    reply = chat.say("/baton task add Book the booth @anna due friday")
    assert "T-1 Book the booth" in reply
    assert "Assignee: @anna" in reply
    assert "Fri 27 Nov" in reply
    assert chat.dms("anna"), "anna is told she got a task"

    assert "T-1 Book the booth" in chat.say("/baton task list", user="anna")

    pressed = chat.click("Complete", user="anna")
    assert "(updated) ✅ T-1 Book the booth" in pressed
    assert "Status: Done" in pressed
    mine = chat.say("/baton task list", user="anna")
    assert "You have no open tasks; `/baton task list all`" in mine
