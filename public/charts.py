"""Server-rendered charts: the geometry of small pictures, computed from numbers the views already hold.

Templates under ``templates/includes/_chart_*.html`` lay each chart out as HTML
rows: every word in it (debate titles, theme names, years, numbers) is page
text that wraps and keeps the page's type size on a phone, and only the marks
(circles, bars, dots and the year rules) are small inline SVGs drawn from
these numbers.  Each chart is one ``role="img"`` element named by its title
and description, with the same numbers in a table, so it needs no script and
says the same thing to a screen reader.  Colours and sizes come from the
stylesheet (classes), never from inline styles.

Labels are never shortened (``full_label``): they wrap.  All lengths are in the SVGs' own units;
CSS scales each SVG to its box.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.utils.translation import gettext, ngettext

from debates.dates import local_date_range

from . import terms, titles

# A coverage circle is drawn in a square of this side; the largest circle nearly fills it.
MARK_SIZE = 28
MAX_RADIUS = 13
# A bar's length at the largest count; the bar's SVG is stretched to its box's width.
BAR_WIDTH = 240
# A timeline row: the time axis across TIMELINE_WIDTH, one dot on it, at most TIMELINE_MAX_RADIUS.
TIMELINE_WIDTH = 460
TIMELINE_ROW_HEIGHT = 28
TIMELINE_MAX_RADIUS = 12
TIMELINE_MIN_RADIUS = 4
# At most this many years are labelled on the time axis.
TIMELINE_MAX_TICKS = 8


def plural_statements(count):
    return ngettext("%(count)s statement", "%(count)s statements", count) % {"count": count}


@dataclass
class Cell:
    """One debate × theme circle: its radius in a MARK_SIZE square and the count it stands for."""

    radius: float
    count: int
    title: str
    url: str

    @property
    def centre(self):
        return MARK_SIZE / 2


@dataclass
class Row:
    full_label: str
    url: str
    cells: list = field(default_factory=list)

    @property
    def counts(self):
        return [cell.count for cell in self.cells]


@dataclass
class Column:
    """A theme's column: ``label`` is a :class:`public.terms.Term` (``{{ column.label.html }}`` marks it when it is
    shown in English for want of a translation)."""

    label: terms.Term
    url: str


@dataclass
class CoverageMatrix:
    """Debates (rows) × themes (columns); a circle's area is the number of statements filed under both."""

    rows: list
    columns: list
    maximum: int
    mark_size: int = MARK_SIZE


def coverage_matrix(debates, themes, counts, cell_url):
    """Build the matrix from ``counts[(debate_id, theme_id)]``; ``cell_url(debate, theme)`` links each cell."""
    maximum = max(counts.values(), default=0)
    names = {theme.pk: terms.record_term(theme) for theme in themes}  # in the page's language
    columns = [Column(names[theme.pk], theme.get_absolute_url()) for theme in themes]
    rows = []
    for debate in debates:
        title = titles.shown_title(debate)[0]  # in the page's language where it has one
        row = Row(f"{debate.start_date:%Y} {title}", debate.get_absolute_url())
        for theme in themes:
            count = counts.get((debate.pk, theme.pk), 0)
            radius = MAX_RADIUS * math.sqrt(count / maximum) if maximum and count else 0
            # Translators: a circle of the coverage chart, read as its title: "Debate title (2010), Freedom from
            # fear: 3 statements".
            cell_title = gettext("%(debate)s (%(year)s), %(theme)s: %(statements)s") % {
                "debate": title,
                "year": f"{debate.start_date:%Y}",
                "theme": str(names[theme.pk]),
                "statements": plural_statements(count),
            }
            row.cells.append(Cell(round(radius, 1), count, cell_title, cell_url(debate, theme)))
        rows.append(row)
    return CoverageMatrix(rows, columns, maximum)


@dataclass
class Bar:
    length: float
    count: int
    full_label: str
    url: str


@dataclass
class BarChart:
    """One horizontal bar per debate: how many statements the debate has under a theme or topic."""

    bars: list
    maximum: int
    width: int = BAR_WIDTH


def bar_chart(items):
    """``items`` = [(label, count, url)] in display order."""
    maximum = max((count for _, count, _ in items), default=0)
    bars = [
        Bar(round(BAR_WIDTH * count / maximum, 1) if maximum else 0, count, label, url) for label, count, url in items
    ]
    return BarChart(bars, maximum)


@dataclass
class Event:
    """A debate on the time axis: where its dot is, how large, and what the row says."""

    x: float
    radius: float
    full_label: str
    date_label: str
    count: int
    url: str


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    """The debates on a time axis, one row each; a dot's area is the number of attributed statements.

    The axis is cut into one equal slot per labelled year, each tick in the middle of its slot, so
    that the years can be written as HTML in equal boxes under the rows and stand under their ticks
    at any width.
    """

    events: list
    ticks: list
    first_year: int = 0
    last_year: int = 0
    width: int = TIMELINE_WIDTH
    row_height: int = TIMELINE_ROW_HEIGHT

    @property
    def middle_y(self):
        return self.row_height / 2


def timeline(debates, counts):
    """Place ``debates`` (in time order) on a year axis; ``counts[debate_id]`` sizes the dots."""
    if not debates:
        return Timeline([], [])
    first_year = min(debate.start_date.year for debate in debates)
    last_year = max(debate.start_date.year for debate in debates)
    # The axis runs to the end of the last debate's year: its last tick is on or after last_year + 1.
    step = max(1, math.ceil((last_year + 1 - first_year) / (TIMELINE_MAX_TICKS - 1)))
    tick_count = math.ceil((last_year + 1 - first_year) / step) + 1
    slot = TIMELINE_WIDTH / tick_count

    def x_of(date):
        year_fraction = date.year + (date.timetuple().tm_yday - 1) / 366
        return round(slot * ((year_fraction - first_year) / step + 0.5), 1)

    maximum = max(counts.values(), default=0)
    events = []
    for debate in debates:
        count = counts.get(debate.pk, 0)
        growth = math.sqrt(count / maximum) if maximum else 0
        events.append(
            Event(
                x=x_of(debate.start_date),
                radius=round(TIMELINE_MIN_RADIUS + (TIMELINE_MAX_RADIUS - TIMELINE_MIN_RADIUS) * growth, 1),
                full_label=titles.shown_title(debate)[0],
                date_label=local_date_range(debate.start_date, debate.end_date),
                count=count,
                url=debate.get_absolute_url(),
            )
        )
    years = [first_year + step * i for i in range(tick_count)]
    ticks = [Tick(x_of(datetime.date(year, 1, 1)), str(year)) for year in years]
    return Timeline(events, ticks, first_year, last_year)
