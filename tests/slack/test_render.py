"""Block Kit rendering of the neutral message model."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.core.message import (
    Actions,
    Button,
    ButtonStyle,
    Context,
    Divider,
    Fact,
    Fields,
    Link,
    Mention,
    Message,
    Moment,
    Progress,
    Section,
    Strong,
)
from bot.core.reader import Reader
from bot.handlers.slack import render
from tests.slack.blockkit import blocks_problem, view_problem

AT = datetime(2026, 11, 27, 16, 0, tzinfo=UTC)  # 17:00 in Berlin
UTC_EN = Reader("UTC", "en")


def test_moments_are_shown_in_each_viewers_zone_with_a_local_fallback() -> None:
    with_time = render.moment(Moment(at=AT), Reader("Europe/Berlin", "en"))
    assert (
        with_time
        == f"<!date^{int(AT.timestamp())}^{{date_short_pretty}} {{time}}|Fri 27 Nov 2026 17:00>"
    )
    day = render.moment(Moment(at=AT, with_time=False), Reader("America/New_York", "en"))
    assert day == f"<!date^{int(AT.timestamp())}^{{date_short_pretty}}|Fri 27 Nov 2026>"


def test_the_fallback_of_a_moment_is_in_the_readers_language() -> None:
    german = render.moment(Moment(at=AT), Reader("Europe/Berlin", "de"))
    assert german.endswith("|Fr. 27. Nov. 2026, 17:00>")
    french = render.moment(Moment(at=AT), Reader("Europe/Paris", "fr"))
    assert french.endswith("|ven. 27 nov. 2026, 17 h 00>")


def test_user_text_is_escaped_so_it_cannot_ping_or_link() -> None:
    text = (Strong(text="T-1"), " <!channel> & <@U999> ", Mention(user_id="U0ANNA", name="anna"))
    assert render.mrkdwn(text, UTC_EN) == "*T-1* &lt;!channel&gt; &amp; &lt;@U999&gt; <@U0ANNA>"
    link = Link(url="https://x.example/a|b>c", label="<Docs>")
    assert render.inline(link, UTC_EN) == "<https://x.example/a%7Cb%3Ec|&lt;Docs&gt;>"


def test_a_task_card_renders_to_valid_blocks() -> None:
    message = Message(
        summary="T-1 Book the booth",
        tz="Europe/Berlin",
        blocks=(
            Section(text=(Strong(text="T-1"), " Book the booth")),
            Fields(
                fields=(
                    Fact(label="Due", value=(Moment(at=AT),)),
                    Fact(label="Status", value=("Open",)),
                )
            ),
            Context(text=("Created by ", Mention(user_id="U0BOB", name="bob"))),
            Actions(
                buttons=(
                    Button(
                        label="Complete",
                        action="task.complete",
                        value="1:1",
                        style=ButtonStyle.PRIMARY,
                    ),
                    Button(label="Snooze 1d", action="task.snooze", value="1:1"),
                )
            ),
            Progress(label="Onboarding Anna", done=4, total=10),
            Divider(),
        ),
    )
    payload = render.message_payload(message)
    blocks = payload["blocks"]
    assert payload["text"] == "T-1 Book the booth"
    assert blocks_problem(blocks) is None
    assert blocks[1]["fields"][0]["text"].startswith("*Due*\n<!date^")
    assert blocks[2] == {
        "type": "context",
        "elements": [{"type": "mrkdwn", "text": "Created by <@U0BOB>"}],
    }
    complete, snooze = blocks[3]["elements"]
    assert complete == {
        "type": "button",
        "text": {"type": "plain_text", "text": "Complete", "emoji": True},
        "action_id": "task.complete",
        "value": "1:1",
        "style": "primary",
    }
    assert "style" not in snooze
    assert blocks[4]["text"]["text"] == "Onboarding Anna\n`▰▰▰▰▱▱▱▱▱▱ 4/10`"
    assert blocks[5] == {"type": "divider"}


def test_progress_bars() -> None:
    assert render.progress_bar(0, 0) == "▱▱▱▱▱▱▱▱▱▱ 0/0"
    assert render.progress_bar(3, 3) == "▰▰▰▰▰▰▰▰▰▰ 3/3"
    assert render.progress_bar(1, 8, width=8) == "▰▱▱▱▱▱▱▱ 1/8"


def test_long_messages_are_cut_to_slacks_limits_keeping_the_buttons() -> None:
    lines = tuple(Section(text=(f"line {i} " + "x" * 4000,)) for i in range(80))
    buttons = Actions(buttons=(Button(label="Reopen", action="task.reopen", value="1:2"),))
    blocks = render.blocks(Message(summary="long", blocks=(*lines, buttons)))
    assert len(blocks) == render.MESSAGE_BLOCKS
    assert blocks[-1]["type"] == "actions"
    assert len(blocks[0]["text"]["text"]) == 3000
    assert blocks_problem(blocks) is None
    home = render.home_view(Message(summary="home", blocks=(*lines, buttons)))
    assert len(home["blocks"]) == 81
    assert view_problem(home) is None
