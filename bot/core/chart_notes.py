"""What stands in a message for a chart that cannot go there as an image.

A chart reaches people as a PNG file, which only a post or a direct message can carry; an
ephemeral answer, a response URL, a redrawn message or a home page names the chart and says
how to have it posted instead of leaving it out without a word.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.catalog import text
from bot.core.message import Chart, Message
from bot.core.platform import Image

_OBJECTIVE_CHART = re.compile(r"^okr-(O-\d+)$")
"""The file name of an objective's chart (`okr-O-2`), which `/baton okr chart O-2` posts."""


def chart_command(chart: Chart) -> str | None:
    """The command that posts `chart` again, when its name says which objective it shows."""
    match = _OBJECTIVE_CHART.match(chart.name)
    return f"/baton okr chart {match[1]}" if match else None


def chart_note(chart: Chart, lang: str) -> str:
    """One line naming `chart` where no image can be shown, with the command that posts it."""
    command = chart_command(chart)
    if command is None:
        return text("chart.not_here_plain", lang, title=chart.title)
    return text("chart.not_here", lang, title=chart.title, command=command)


def images_for(message: Message, images: Sequence[Image]) -> tuple[Image, ...]:
    """`images` when there is one for each chart of `message`; none otherwise (each chart is
    then named in text: an image beside the wrong chart would mislead)."""
    return tuple(images) if len(images) == len(message.charts) else ()
