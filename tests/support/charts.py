"""Charts for the tests and the bench: key results with weekly check-ins, and posts that carry
them queued in the outbox as a feature would queue them."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta

from PIL import Image as PILImage
from sqlalchemy import select

from bot.app import Baton
from bot.commands.drawing import MESSAGE
from bot.core import outbox
from bot.core.message import Actions, Button, Chart, ChartLine, Message, Section
from bot.core.outbox import Draft
from bot.core.scope import Scope
from storage.models import Workspace

QUARTER_START = datetime(2026, 10, 1, tzinfo=UTC)
QUARTER_END = datetime(2026, 12, 31, 23, 59, tzinfo=UTC)


def key_result(number: int, weeks: int = 13) -> ChartLine:
    """A key result going from 20·n to 100·n, checked in weekly a little behind the ideal."""
    start, target = 20.0 * number, 100.0 * number
    step = (target - start) / 13
    points = tuple(
        (QUARTER_START + timedelta(weeks=week), start + step * week * (0.8 + 0.02 * (week % 3)))
        for week in range(weeks)
    )
    return ChartLine(
        label=f"K-{number} Signed customers",
        unit="customers",
        start=start,
        target=target,
        starts=QUARTER_START,
        ends=QUARTER_END,
        points=points,
    )


def objective_chart(lines: int = 3, weeks: int = 13, objective: str = "O-2") -> Chart:
    return Chart(
        title=f"{objective} Win the enterprise market",
        lines=tuple(key_result(n + 1, weeks) for n in range(lines)),
        name=f"okr-{objective}",
    )


def chart_message(chart: Chart, *, buttons: bool = False, lang: str = "en") -> Message:
    """A weekly summary carrying `chart`, with a button when asked."""
    blocks: list[Section | Chart | Actions] = [
        Section(text=("Weekly check-in summary for O-2",)),
        chart,
    ]
    if buttons:
        blocks.append(Actions(buttons=(Button(label="Check in", action="okr.checkin", value="5"),)))
    return Message(summary="Weekly check-in summary for O-2", blocks=tuple(blocks), lang=lang)


def queue(baton: Baton, team: str, message: Message, *, channel: str = "", user: str = "") -> None:
    """Queues `message` as a post to `channel` or, with `user`, as a direct message."""
    draft = Draft(view=MESSAGE, facts={"message": message.model_dump(mode="json")})
    with baton.db.transaction() as session:
        workspace = session.scalars(select(Workspace).where(Workspace.team_id == team)).one()
        platform = baton.platforms.for_workspace(workspace.platform, team)
        scope = Scope(session, workspace, baton.clock.now(), platform)
        if user:
            outbox.direct(scope, user, draft)
        else:
            outbox.post(scope, channel, draft)


def decoded(png: bytes) -> PILImage.Image:
    """The PNG decoded, after checking it is one."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = PILImage.open(io.BytesIO(png))
    image.load()
    return image.convert("RGB")


def looks_drawn(image: PILImage.Image) -> bool:
    """Not blank: many colours (lines, text, anti-aliasing) and pixels far from the mean."""
    colours = image.getcolors(maxcolors=1_000_000) or []
    grey = image.convert("L")
    histogram = grey.histogram()
    count = sum(histogram)
    mean = sum(i * n for i, n in enumerate(histogram)) / count
    variance = sum(n * (i - mean) ** 2 for i, n in enumerate(histogram)) / count
    return len(colours) > 50 and variance > 100
