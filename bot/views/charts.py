"""Charts drawn as PNG images: each key result's check-ins against its ideal line and target.

matplotlib is imported on the first chart drawn, not with Baton: starting `baton` and most
tests never pay for it. Only the object API (`Figure` on an Agg canvas) is used, never
pyplot's global state, so charts can be drawn in several threads at once.
"""

from __future__ import annotations

import io
import logging
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from babel.dates import format_skeleton
from babel.numbers import format_decimal

from bot.core.catalog import text
from bot.core.formats import locale_of
from bot.core.message import Chart, ChartLine, Message
from bot.core.platform import Image
from bot.core.reader import zone

if TYPE_CHECKING:
    from matplotlib.axes import Axes

log = logging.getLogger(__name__)

WIDTH_INCHES = 8.0
ROW_INCHES = 2.3
TITLE_INCHES = 0.5
DPI = 100
MAX_TICKS = 6
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
"""matplotlib's epoch for dates (its `date.epoch` setting, unchanged here)."""
VALUES_COLOUR = "#1f6feb"
IDEAL_COLOUR = "#8c959f"
TARGET_COLOUR = "#1a7f37"


def chart_images(message: Message) -> tuple[Image, ...]:
    """Every chart of `message` as an image, in order, drawn for its reader; none when one
    cannot be drawn (the message then names its charts in text rather than not going out)."""
    try:
        return tuple(
            Image(
                name=f"{chart.name}.png",
                title=chart.title,
                png=render_chart(chart, message.lang, tz=message.tz),
            )
            for chart in message.charts
        )
    except Exception:  # a chart that cannot be drawn never will be: no retry would help
        log.exception("the charts of %r could not be drawn", message.summary[:80])
        return ()


def render_chart(chart: Chart, lang: str, *, tz: str = "UTC") -> bytes:
    """`chart` as a PNG: one row per line, dates written as `lang` writes them in zone `tz`."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    rows = max(len(chart.lines), 1)
    figure = Figure(figsize=(WIDTH_INCHES, TITLE_INCHES + ROW_INCHES * rows), dpi=DPI)
    FigureCanvasAgg(figure)
    # People's words are drawn as written: matplotlib would read what stands between two `$`
    # as a formula (`$$` failed the whole chart).
    figure.suptitle(chart.title, fontsize=13, fontweight="bold", parse_math=False)
    grid = figure.subplots(rows, 1, squeeze=False)
    for row, (axes, line) in enumerate(zip(grid[:, 0], chart.lines, strict=False)):
        _draw(axes, line, lang, tz, legend=row == 0)
    top = 1 - TITLE_INCHES / (TITLE_INCHES + ROW_INCHES * rows)
    figure.subplots_adjust(left=0.1, right=0.95, top=top - 0.02, bottom=0.28 / rows, hspace=0.6)
    buffer = io.BytesIO()
    # Less squeezing than zlib's default: a tenth larger, drawn noticeably faster.
    figure.savefig(buffer, format="png", dpi=DPI, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()


def _draw(axes: Axes, line: ChartLine, lang: str, tz: str, *, legend: bool) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator

    local = zone(tz)

    def day(at: datetime) -> float:
        """`at` as matplotlib counts dates: days since its epoch, in the reader's zone."""
        wall = at.astimezone(local).replace(tzinfo=UTC)  # the reader's wall clock
        return (wall - EPOCH).total_seconds() / 86400

    axes.plot(
        [day(line.starts), day(line.ends)],
        [line.start, line.target],
        linestyle="--",
        color=IDEAL_COLOUR,
        label=text("chart.ideal", lang),
    )
    axes.axhline(line.target, linestyle=":", color=TARGET_COLOUR, label=text("chart.target", lang))
    if line.points:
        axes.plot(
            [day(at) for at, _ in line.points],
            [value for _, value in line.points],
            marker="o",
            markersize=4,
            color=VALUES_COLOUR,
            label=text("chart.values", lang),
        )
    # A text rather than a title: a title's place is worked out again at every draw.
    axes.text(
        0, 1.03, line.label, transform=axes.transAxes, fontsize=10, va="bottom", parse_math=False
    )
    axes.set_ylabel(line.unit, parse_math=False)
    if line.ends > line.starts:
        axes.set_xlim(day(line.starts), day(line.ends))
    axes.grid(alpha=0.3)
    # Ticks on chosen days: a date locator works them out again at every draw.
    low, high = axes.get_xlim()
    ticks = tick_days(_day_of(low), _day_of(high))
    axes.xaxis.set_major_locator(FixedLocator([(d - EPOCH.date()).days for d in ticks]))
    with_year = (ticks[-1] - ticks[0]).days > 366 if ticks else False
    axes.xaxis.set_major_formatter(
        FuncFormatter(lambda x, _: tick_date(_day_of(x), lang, with_year=with_year))
    )
    locale = locale_of(lang)
    axes.yaxis.set_major_locator(MaxNLocator(nbins=4))
    axes.yaxis.set_major_formatter(
        FuncFormatter(lambda y, _: format_decimal(y, format="#,##0.##", locale=locale))
    )
    if legend:
        axes.legend(loc="upper left", fontsize=8, frameon=False)


def tick_days(first: date, last: date) -> list[date]:
    """At most about six days to mark under the x axis from `first` to `last`: each day of
    a week, each Monday over two months or less, else the 1st (and 15th) of months."""
    span = (last - first).days
    if span <= 7:
        return [first + timedelta(days=n) for n in range(span + 1)]
    if span <= 62:
        monday = first + timedelta(days=-first.weekday() % 7)
        return [monday + timedelta(weeks=n) for n in range((last - monday).days // 7 + 1)]
    marks = (1, 15) if span <= 190 else (1,)
    days: list[date] = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        days += [date(year, month, d) for d in marks if first <= date(year, month, d) <= last]
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return days[:: -(-len(days) // MAX_TICKS) or 1]


def _day_of(number: float) -> date:
    """The day a matplotlib date number falls on."""
    return (EPOCH + timedelta(days=float(number))).date()


def tick_date(day: date, lang: str, *, with_year: bool = False) -> str:
    """A day under the x axis as `lang` writes it short: `1 Dec`, `1 déc.`, `1. Dez.`; over
    more than a year, the month and year: `Dec 2026`, `déc. 2026`, `Dez. 2026`."""
    return format_skeleton("yMMM" if with_year else "MMMd", day, locale=locale_of(lang))
