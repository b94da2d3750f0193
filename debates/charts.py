"""Server-rendered charts: the geometry of small SVG pictures, computed from numbers the views already hold.

Templates under ``templates/includes/_chart_*.html`` draw these as inline SVG
with a ``<title>``, a ``<desc>`` and the same numbers in a table, so the
picture needs no script and says the same thing to a screen reader.  Colours
come from the stylesheet (classes), never from inline styles.

All lengths are in the SVG's own units; the ``viewBox`` scales the picture to
the width of the page.
"""

import datetime
import math
from dataclasses import dataclass, field

LABEL_WIDTH = 180
ROW_HEIGHT = 34
COLUMN_WIDTH = 84
HEADER_HEIGHT = 58
MAX_RADIUS = 14
BAR_WIDTH = 240
BAR_HEIGHT = 22
TIMELINE_WIDTH = 460
TIMELINE_MARGIN = 40


def shorten(text, length):
    """``text`` cut at a word boundary to at most ``length`` characters, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:–-") + "…"


def wrap(text, width):
    """``text`` in lines of at most about ``width`` characters, breaking between words."""
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


@dataclass
class Cell:
    x: float
    y: float
    radius: float
    count: int
    title: str
    url: str

    @property
    def value_x(self):
        return self.x + MAX_RADIUS + 4


@dataclass
class Row:
    y: float
    label: str
    full_label: str
    url: str
    counts: list = field(default_factory=list)


@dataclass
class Column:
    x: float
    lines: list
    label: str
    url: str


@dataclass
class CoverageMatrix:
    """Debates (rows) × themes (columns); a circle's area is the number of statements filed under both."""

    width: float
    height: float
    rows: list
    columns: list
    cells: list
    maximum: int

    @property
    def label_x(self):
        return LABEL_WIDTH - 8


def coverage_matrix(debates, themes, counts, cell_url):
    """Build the matrix from ``counts[(debate_id, theme_id)]``; ``cell_url(debate, theme)`` links each cell."""
    maximum = max(counts.values(), default=0)
    columns = [
        Column(LABEL_WIDTH + COLUMN_WIDTH * (i + 0.5), wrap(theme.name, 12), theme.name, theme.get_absolute_url())
        for i, theme in enumerate(themes)
    ]
    rows, cells = [], []
    for j, debate in enumerate(debates):
        y = HEADER_HEIGHT + ROW_HEIGHT * (j + 0.5)
        label = f"{debate.start_date:%Y} {debate.title}"
        row = Row(y, shorten(label, 26), label, debate.get_absolute_url())
        for column, theme in zip(columns, themes, strict=True):
            count = counts.get((debate.pk, theme.pk), 0)
            row.counts.append(count)
            radius = MAX_RADIUS * math.sqrt(count / maximum) if maximum and count else 0
            title = f"{debate.title} ({debate.start_date:%Y}), {theme.name}: {count} statement{'s' * (count != 1)}"
            cells.append(Cell(column.x, y, round(radius, 1), count, title, cell_url(debate, theme)))
        rows.append(row)
    height = HEADER_HEIGHT + ROW_HEIGHT * len(rows) + 8
    return CoverageMatrix(LABEL_WIDTH + COLUMN_WIDTH * len(columns), height, rows, columns, cells, maximum)


@dataclass
class Bar:
    y: float
    length: float
    count: int
    label: str
    full_label: str
    url: str

    @property
    def middle_y(self):
        return self.y + BAR_HEIGHT / 2

    @property
    def value_x(self):
        return LABEL_WIDTH + self.length + 6


@dataclass
class BarChart:
    """One horizontal bar per debate: how many statements the debate has under a theme or topic."""

    width: float
    height: float
    bars: list
    maximum: int
    label_width: int = LABEL_WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def label_x(self):
        return LABEL_WIDTH - 8


def bar_chart(items):
    """``items`` = [(label, count, url)] in display order."""
    maximum = max((count for _, count, _ in items), default=0)
    bars = [
        Bar(
            ROW_HEIGHT * i + 6,
            round(BAR_WIDTH * count / maximum, 1) if maximum else 0,
            count,
            shorten(label, 26),
            label,
            url,
        )
        for i, (label, count, url) in enumerate(items)
    ]
    return BarChart(LABEL_WIDTH + BAR_WIDTH + 50, ROW_HEIGHT * len(bars) + 8, bars, maximum)


@dataclass
class Event:
    x: float
    y: float
    radius: float
    label: str
    full_label: str
    date_label: str
    count: int
    url: str
    anchor_end: bool

    @property
    def label_x(self):
        return self.x - 16 if self.anchor_end else self.x + 16


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    """The debates on a time axis, one row each; a dot's area is the number of attributed statements."""

    width: float
    height: float
    axis_y: float
    events: list
    ticks: list
    axis_start: float
    axis_end: float
    first_year: int = 0
    last_year: int = 0

    @property
    def tick_label_y(self):
        return self.axis_y + 18


def timeline(debates, counts):
    """Place ``debates`` (in time order) on a year axis; ``counts[debate_id]`` sizes the dots."""
    if not debates:
        return Timeline(TIMELINE_WIDTH, 40, 20, [], [], TIMELINE_MARGIN, TIMELINE_WIDTH - TIMELINE_MARGIN)
    first_year = min(debate.start_date.year for debate in debates)
    last_year = max(debate.start_date.year for debate in debates) + 1
    start, end = TIMELINE_MARGIN, TIMELINE_WIDTH - TIMELINE_MARGIN
    span = max(last_year - first_year, 1)

    def x_of(date):
        year_fraction = date.year + (date.timetuple().tm_yday - 1) / 366
        return round(start + (end - start) * (year_fraction - first_year) / span, 1)

    maximum = max(counts.values(), default=0)
    events = []
    for i, debate in enumerate(debates):
        count = counts.get(debate.pk, 0)
        x = x_of(debate.start_date)
        events.append(
            Event(
                x=x,
                y=20 + ROW_HEIGHT * i,
                radius=round(4 + 8 * math.sqrt(count / maximum), 1) if maximum else 4,
                label=shorten(debate.title, 34),
                full_label=debate.title,
                date_label=f"{debate.start_date:%-d %B %Y}",
                count=count,
                url=debate.get_absolute_url(),
                anchor_end=x > (start + end) / 2,
            )
        )
    axis_y = 20 + ROW_HEIGHT * len(debates)
    step = max(1, math.ceil(span / 8))
    ticks = [Tick(x_of_year, str(year)) for year, x_of_year in _year_ticks(first_year, last_year, step, x_of)]
    return Timeline(TIMELINE_WIDTH, axis_y + 30, axis_y, events, ticks, start, end, first_year, last_year - 1)


def _year_ticks(first_year, last_year, step, x_of):
    for year in range(first_year, last_year + 1, step):
        yield year, x_of(datetime.date(year, 1, 1))
