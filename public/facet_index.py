"""An in-memory index of the published statements, for exact facet counts and pages at any size.

Counting facets in SQL reads every statement of the selection, and of each facet's selection
without its own parameter: at a million statements a broad filter costs seconds. This index
keeps, for every value of every facet, the set of published statements that have it, as a bit
set (a Python ``int``, one bit per statement, bits in reading order). A count is then one AND
and one popcount over 125 KB, whatever the selection; a year or a debate is a range of bits;
a page of the explorer is the n-th to m-th set bits, fetched from the database by primary key.

The index is built in each process from a few queries, on first use and again after any change
to the archive: it is kept under the archive's change stamp (``caching/``), which database
triggers move on every write, so it is never stale. At 1,000,000 statements it takes a few
seconds to build and about 20 MB of memory. Search words are looked up in the database, and
the statements they match are kept in a small per-process cache under the same stamp.
What the index reads for each facet, and how, is declared in the facet registry (public/registry.py).
"""

import threading
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field

from cachetools import LRUCache
from django.db import connections
from django.db.models import IntegerField
from django.db.models.functions import Cast, ExtractYear

from caching.stamp import current_stamp
from debates.models import Debate
from panels.models import Intervention

from .registry import FACETS

BLOCK_BYTES = 4096  # pages are found by popcounts of blocks of this many bytes
WORDS_CACHE_SIZE = 64  # word searches whose matching statements each process keeps
COUNTS_CACHE_SIZE = 16  # selections whose counts per debate and per participant each process keeps
HTML_CACHE_SIZE = 5_000  # rendered statements each process keeps (about 1.5 KB each)


class Recent:
    """The latest ``size`` values kept by key; the least recently used is dropped first.

    A cachetools ``LRUCache`` under a lock: gunicorn's threads and Django's share one index per process.
    The value is computed outside the lock (a count can take milliseconds); two threads that miss the
    same key at once both compute it, and the second stores the same value again.
    """

    def __init__(self, size):
        self.size = size
        self.entries = LRUCache(maxsize=size)
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            return self.entries.get(key)

    def put(self, key, value):
        with self.lock:
            self.entries[key] = value
        return value

    def get_or_compute(self, key, compute):
        found = self.get(key)
        return found if found is not None else self.put(key, compute())


def _bits(positions, size):
    """A bit set with ``positions`` set."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _raw_rows(queryset):
    """The rows of a ``values_list`` queryset straight from the database cursor (no per-value converters)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].chunked_cursor() as cursor:  # server-side on PostgreSQL: constant memory
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(50_000):
            yield from chunk


def _range(start, end):
    """A bit set with bits ``start`` to ``end - 1`` set."""
    return ((1 << (end - start)) - 1) << start if end > start else 0


@dataclass
class FacetIndex:
    """The published statements in reading order, and for each facet value the bit set of those having it."""

    token: str
    ids: array  # statement ids, by position in reading order
    values: dict  # facet name -> {value: bit set}
    debates: list  # (debate pk, first position, end position), in reading order
    debate_ranges: dict  # debate pk -> (first position, end position)
    years: list  # (year, first position), in reading order
    positions: dict  # facet name -> {key: sorted positions}, for facets with many keys (participants)
    labels: dict  # facet name -> what the facet keeps to label its keys (Facet.index_labels)
    labels_of_debates: dict  # debate pk -> (slug, title, start date)
    position_of: array = field(repr=False)  # statement id -> position, or -1
    # What is worked out from this state of the archive is valid exactly as long as the index.
    words: Recent = field(default_factory=lambda: Recent(WORDS_CACHE_SIZE), repr=False)
    counts: Recent = field(default_factory=lambda: Recent(COUNTS_CACHE_SIZE), repr=False)
    # Statements' HTML: one listed again, on another page or in another filter's list, is not rendered again.
    html: Recent = field(default_factory=lambda: Recent(HTML_CACHE_SIZE), repr=False)
    debate_counts: dict = field(default_factory=dict, repr=False)  # one entry per vocabulary term at most

    @property
    def size(self):
        return len(self.ids)

    @property
    def everything(self):
        return (1 << self.size) - 1

    @classmethod
    def build(cls, token, facets):
        """Read the published statements, and what each facet of ``facets`` (the registry) keeps of them."""
        columns = [facet for facet in facets if facet.column]
        rows = (
            Intervention.objects.published()
            .in_reading_order()
            .annotate(year=Cast(ExtractYear("debate__start_date"), IntegerField()))
            .values_list("pk", "debate_id", "year", *(facet.column for facet in columns))
        )
        ids = array("q")
        positions = {facet.name: defaultdict(lambda: array("l")) for facet in facets}
        by_column = [(positions[facet.name], facet.keys, {}) for facet in columns]
        debates, years = [], []
        last_debate = last_year = None
        for position, (pk, debate, year, *values) in enumerate(_raw_rows(rows)):
            ids.append(pk)
            if debate != last_debate:
                debates.append([debate, position, position])
                last_debate = debate
            if year != last_year:
                years.append((year, position))
                last_year = year
            for (found, keys_of, known), raw in zip(by_column, values, strict=True):
                keys = known.get(raw)
                if keys is None:
                    keys = known[raw] = keys_of(raw)
                for key in keys:
                    found[key].append(position)
        for index, (debate, start, _) in enumerate(debates):
            debates[index] = (debate, start, debates[index + 1][1] if index + 1 < len(debates) else len(ids))
        position_of = array("q", [-1]) * (max(ids, default=0) + 1)
        for position, pk in enumerate(ids):
            position_of[pk] = position
        for facet in facets:
            pairs = facet.pairs()
            if pairs is None:
                continue
            found = positions[facet.name]
            for statement, key in _raw_rows(pairs):
                position = position_of[statement] if statement < len(position_of) else -1
                if position >= 0:  # else a statement of a debate that is not published
                    found[key].append(position)
        size = len(ids)
        values, kept_positions, labels = {}, {}, {}
        for facet in facets:
            found = positions[facet.name]
            if facet.storage == "positions":
                kept_positions[facet.name] = {key: array("l", sorted(set(at))) for key, at in found.items()}
            elif found:
                values[facet.name] = {key: _bits(at, size) for key, at in found.items()}
            labels[facet.name] = facet.index_labels(found.keys())
        labels_of_debates = {
            pk: (slug, title, start)
            for pk, slug, title, start in Debate.objects.published().values_list("pk", "slug", "title", "start_date")
        }
        return cls(
            token=token,
            ids=ids,
            values=values,
            debates=debates,
            debate_ranges={debate: (start, end) for debate, start, end in debates},
            years=years,
            positions=kept_positions,
            labels=labels,
            labels_of_debates=labels_of_debates,
            position_of=position_of,
        )

    # The sets a filter selects ------------------------------------------------------------------

    def value(self, name, key):
        """The bit set of the statements with ``key`` of facet ``name``."""
        return self.values.get(name, {}).get(key, 0)

    def debate(self, pk):
        return _range(*self.debate_ranges.get(pk, (0, 0)))

    def year_range(self, first=None, last=None):
        """Statements of debates that began in the years ``first`` to ``last`` (either may be None)."""
        starts = [year for year, _ in self.years]
        begin = bisect_left(starts, first) if first is not None else 0
        stop = bisect_right(starts, last) if last is not None else len(self.years)
        start = self.years[begin][1] if begin < len(self.years) else self.size
        end = self.years[stop][1] if stop < len(self.years) else self.size
        return _range(start, end)

    def debates_with(self, name, value):
        """How many debates have statements with ``value`` of facet ``name`` (worked out once per index)."""
        key = (name, value)
        if key not in self.debate_counts:
            self.debate_counts[key] = len(self.counts_per_debate(self.value(name, value)))
        return self.debate_counts[key]

    def positions_bits(self, name, key):
        """The bit set of a key kept as positions (see ``Facet.storage``)."""
        return _bits(self.positions[name].get(key, ()), self.size)

    def matching(self, statement_ids):
        """The bit set of the published statements among ``statement_ids``."""
        known = len(self.position_of)
        positions = (self.position_of[pk] for pk in statement_ids if pk < known)
        return _bits((position for position in positions if position >= 0), self.size)

    def words_matching(self, q, statement_ids):
        """The statements matching the words ``q``; ``statement_ids()`` asks the database when not cached."""
        return self.words.get_or_compute(q, lambda: self.matching(statement_ids()))

    # Counting -----------------------------------------------------------------------------------

    def _remembered(self, kind, selected, count):
        """``count(selected)``, kept for the latest selections: a request for the next page of the
        same filters, or for the same filters again, costs a dictionary lookup instead of a pass
        over every debate or named participant (about 10 ms each at a million statements)."""
        return self.counts.get_or_compute((kind, selected), lambda: count(selected))

    def counts_per_debate(self, selected):
        """``{debate pk: count}`` of the statements of ``selected`` in each debate that has some."""
        return self._remembered("debate", selected, self._count_per_debate)

    def debates_by_count(self, selected):
        """The debates with statements of ``selected``, most first (ties in reading order)."""
        counts = self.counts_per_debate(selected)
        return self._remembered("ranked", selected, lambda _: sorted(counts, key=lambda pk: -counts[pk]))

    def counts_per_key(self, name, selected):
        """``{key: count}`` of the statements of ``selected`` for each key of facet ``name`` kept as positions."""
        return self._remembered(name, selected, lambda selected: self._count_per_key(name, selected))

    def _count_per_debate(self, selected):
        data = selected.to_bytes((self.size + 7) // 8, "little")
        counts = {}
        for debate, start, end in self.debates:
            chunk = int.from_bytes(data[start >> 3 : (end + 7) >> 3], "little") >> (start & 7)
            count = (chunk & ((1 << (end - start)) - 1)).bit_count()
            if count:
                counts[debate] = count
        return counts

    def _count_per_key(self, name, selected):
        data = selected.to_bytes((self.size + 7) // 8, "little")
        counts = {}
        for key, positions in self.positions[name].items():
            count = sum((data[position >> 3] >> (position & 7)) & 1 for position in positions)
            if count:
                counts[key] = count
        return counts

    def page(self, selected, start, stop):
        """The ids of the ``start``-th to ``stop``-th (from 0, ``stop`` excluded) statements of ``selected``."""
        data = selected.to_bytes((self.size + 7) // 8, "little")
        found, seen = [], 0
        for offset in range(0, len(data), BLOCK_BYTES):
            block = int.from_bytes(data[offset : offset + BLOCK_BYTES], "little")
            in_block = block.bit_count()
            if seen + in_block <= start:
                seen += in_block
                continue
            while block and seen < stop:
                low = block & -block
                if seen >= start:
                    found.append(self.ids[offset * 8 + low.bit_length() - 1])
                block ^= low
                seen += 1
            if seen >= stop:
                break
        return found


_lock = threading.Lock()
_current = None


def facet_index(stamp=None):
    """The index for the archive as it is now (``stamp``: the change stamp, when already read)."""
    global _current
    token = (stamp or current_stamp()).token
    index = _current
    if index is None or index.token != token:
        with _lock:
            index = _current
            if index is None or index.token != token:
                index = _current = FacetIndex.build(token, FACETS)
    return index


def forget():
    """Drop this process's index (tests whose databases are rolled back to an earlier state call it)."""
    global _current
    _current = None
