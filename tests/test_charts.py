"""Charts as images: the PNG itself, and how it reaches people through the outbox (console and
the test platform); notes where no image can go; a retried post that does not go out twice."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build
from bot.config import Settings
from bot.core.chart_notes import chart_note
from bot.core.clock import SimulatedClock
from bot.core.message import Chart, ChartLine, Message
from bot.core.platform import Image, PlatformError
from bot.platforms import PlatformRegistry
from bot.views.charts import DPI, ROW_INCHES, TITLE_INCHES, WIDTH_INCHES, render_chart, tick_date
from scheduler.outbox import backoff
from tests.support.charts import (
    chart_message,
    decoded,
    key_result,
    looks_drawn,
    objective_chart,
    queue,
)
from tests.support.chat import Chat
from tests.support.fake_platform import FakePlatform

ROOT = Path(__file__).resolve().parent.parent
VALUES_BLUE = (0x1F, 0x6F, 0xEB)


def expected_size(lines: int) -> tuple[int, int]:
    return round(WIDTH_INCHES * DPI), round((TITLE_INCHES + ROW_INCHES * lines) * DPI)


@pytest.mark.parametrize("lines", [1, 3, 5])
def test_a_chart_is_a_png_of_one_row_per_key_result_with_something_drawn(lines: int) -> None:
    image = decoded(render_chart(objective_chart(lines), "en"))
    assert image.size == expected_size(lines)
    assert looks_drawn(image)
    colours = {colour for _count, colour in image.getcolors(maxcolors=1_000_000) or []}
    assert VALUES_BLUE in colours, "the check-ins are drawn in their colour"


def test_a_key_result_without_check_ins_still_shows_its_ideal_line_and_target() -> None:
    chart = Chart(title="O-1 New", lines=(key_result(1, weeks=0),), name="okr-O-1")
    image = decoded(render_chart(chart, "de"))
    assert image.size == expected_size(1)
    assert looks_drawn(image)
    colours = {colour for _count, colour in image.getcolors(maxcolors=1_000_000) or []}
    assert VALUES_BLUE not in colours


def test_dates_under_the_chart_are_written_as_each_language_writes_them() -> None:
    first = date(2026, 12, 1)
    assert [tick_date(first, lang) for lang in ("en", "fr", "de")] == [
        "1 Dec",
        "1 déc.",
        "1. Dez.",
    ]


def test_the_language_changes_the_picture() -> None:
    chart = objective_chart(1)
    assert render_chart(chart, "en") != render_chart(chart, "de")


moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)
values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
# Titles and labels never hold control characters: Baton refuses them in what people type.
latin = st.characters(min_codepoint=32, max_codepoint=0x17F).filter(str.isprintable)
labels = st.text(alphabet=latin, max_size=60)


@st.composite
def chart_lines(draw: st.DrawFn) -> ChartLine:
    starts = draw(moments)
    ends = draw(st.one_of(st.just(starts), moments.filter(lambda at: at > starts)))
    return ChartLine(
        label=draw(labels),
        unit=draw(labels),
        start=draw(values),
        target=draw(values),
        starts=starts,
        ends=ends,
        points=tuple(draw(st.lists(st.tuples(moments, values), max_size=14))),
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=labels,
    lines=st.lists(chart_lines(), min_size=1, max_size=3),
    lang=st.sampled_from(["en", "fr", "de", "xx"]),
)
def test_any_chart_renders_as_a_png_of_its_size(
    title: str, lines: list[ChartLine], lang: str
) -> None:
    chart = Chart(title=title, lines=tuple(lines))
    image = decoded(render_chart(chart, lang, tz="America/New_York"))
    assert image.size == expected_size(len(lines))


def test_dollar_signs_in_a_title_a_label_or_a_unit_do_not_break_the_chart() -> None:
    """Matplotlib reads what stands between two `$` as a formula: a unit of `$$` failed."""
    line = key_result(1).model_copy(update={"label": "K-1 ARR $5k to $10k", "unit": "$$"})
    chart = Chart(title="O-1 Revenue from $5k to $10k", lines=(line,))
    image = decoded(render_chart(chart, "en"))
    assert image.size == expected_size(1)
    assert looks_drawn(image)


def test_a_post_with_a_chart_carries_it_as_a_png(chat: Chat, platform: FakePlatform) -> None:
    chat.say("/baton task add Start the quarter")
    queue(chat.baton, "T1", chart_message(objective_chart(3)), channel="okrs")
    assert chat.baton.deliver_outbox() == 1
    posted = platform.messages[-1]
    assert posted.where == "[#okrs]"
    (image,) = posted.images
    assert image.name == "okr-O-2.png"
    assert image.title == "O-2 Win the enterprise market"
    assert decoded(image.png).size == expected_size(3)
    assert "    📈 Chart O-2 Win the enterprise market: okr-O-2.png" in chat.lines


def test_a_direct_message_with_a_chart_carries_it_too(chat: Chat, platform: FakePlatform) -> None:
    chat.say("/baton task add Start the quarter")
    queue(chat.baton, "T1", chart_message(objective_chart(1)), user="UANNA")
    assert chat.baton.deliver_outbox() == 1
    posted = platform.messages[-1]
    assert posted.where == "[DM @anna]"
    assert looks_drawn(decoded(posted.images[0].png))


def test_the_console_writes_the_png_into_its_folder_and_prints_the_path(
    chat: Chat, platform: FakePlatform, tmp_path: Path
) -> None:
    platform.files_dir = tmp_path / "files"
    chat.say("/baton task add Start the quarter")
    queue(chat.baton, "T1", chart_message(objective_chart(2)), channel="okrs")
    chat.baton.deliver_outbox()
    (written,) = (tmp_path / "files").iterdir()
    assert written.name.endswith("-okr-O-2.png")
    assert looks_drawn(decoded(written.read_bytes()))
    assert f"📈 Chart O-2 Win the enterprise market: {written}" in "\n".join(chat.lines)


def test_where_no_file_can_go_the_chart_is_named_with_the_command_that_posts_it(
    chat: Chat, platform: FakePlatform
) -> None:
    chat.say("/baton task add Start the quarter")
    message = chart_message(objective_chart(1), lang="de")
    platform.ephemeral("general", "UBOB", message)
    assert chat.lines[-1] == (
        "    📈 O-2 Win the enterprise market: Diagramme können hier nicht angezeigt werden. "
        "`/baton okr chart O-2` veröffentlicht es im Kanal."
    )
    assert platform.messages[-1].images == ()


def test_a_chart_of_no_objective_is_named_without_a_command() -> None:
    chart = Chart(title="Burn-down", lines=(key_result(1),), name="burn-down")
    assert chart_note(chart, "fr") == (
        "📈 Burn-down : les graphiques ne peuvent pas être affichés ici, seulement dans les "
        "messages d’un canal et les messages directs."
    )


def test_a_redrawn_message_keeps_its_images_and_names_no_new_chart(
    chat: Chat, platform: FakePlatform
) -> None:
    chat.say("/baton task add Start the quarter")
    queue(chat.baton, "T1", chart_message(objective_chart(1)), channel="okrs")
    chat.baton.deliver_outbox()
    posted = platform.messages[-1]
    first = posted.images
    platform.update(posted.ref, chart_message(objective_chart(2)))
    assert posted.images == first


class LosingAnswers(FakePlatform):
    """Loses the answer of the next post once `lose_next` is set: a timeout after the post."""

    lose_next: bool = False

    def post(
        self,
        channel_id: str,
        message: Message,
        *,
        delivery: str = "",
        images: Sequence[Image] = (),
    ) -> str:
        ref = super().post(channel_id, message, delivery=delivery, images=images)
        if self.lose_next:
            self.lose_next = False
            raise PlatformError("timeout", "answered too late", retryable=True)
        return ref


def test_a_post_whose_answer_was_lost_goes_out_once_with_its_chart_once(
    settings: Settings, clock: SimulatedClock
) -> None:
    platform = LosingAnswers(write=lambda _line: None, tz="Europe/Berlin")
    platform.add_person("bob")
    platforms = PlatformRegistry()
    platforms.register("console", lambda _team: platform)
    baton = build(settings, clock=clock, platforms=platforms, migrate=False)
    try:
        chat = Chat(baton, platform)
        chat.say("/baton task add Start the quarter")
        platform.lose_next = True
        queue(baton, "T1", chart_message(objective_chart(2), buttons=True), channel="okrs")
        assert baton.deliver_outbox() == 0, "the answer was lost: tried again later"
        clock.advance(backoff(1))
        assert baton.deliver_outbox() == 1
        (posted,) = [p for p in platform.messages if p.where == "[#okrs]"]
        assert len(posted.images) == 1
        assert "(updated)" in chat.lines[-3], "the earlier post was redrawn, not posted again"
    finally:
        baton.db.dispose()


def test_charts_do_not_load_matplotlib_until_one_is_drawn() -> None:
    code = (
        "import sys, bot.cli, scheduler.outbox, bot.views.charts; "
        "print('matplotlib' in sys.modules)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == "False"


def test_the_shell_wants_a_folder_for_its_charts() -> None:
    shown = subprocess.run(
        [sys.executable, "-m", "bot", "shell", "--files", "README.md"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert shown.returncode == 2
    assert shown.stderr.strip() == ("--files: 'README.md' is a file; name a folder for the charts")
