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
from debates.models import Debate, Participant, Theme, Topic
from panels.attribution import ActorKind
from panels.models import Intervention

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
    participants: dict  # participant pk -> positions
    labels: dict  # "debate" -> {pk: (slug, title, start date)}, "participant" -> {pk: (slug, name)}
    vocabulary: dict  # "theme", "topic" -> [(pk, slug, name)] in the vocabulary's order
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
    def build(cls, token):
        rows = (
            Intervention.objects.published()
            .in_reading_order()
            .annotate(year=Cast(ExtractYear("debate__start_date"), IntegerField()))
            .values_list("pk", "debate_id", "year", "actor_kinds", "extent", "stance", "scope", "participant_id")
        )
        ids = array("q")
        positions = {
            name: defaultdict(lambda: array("l")) for name in ("actor", "extent", "stance", "scope", "theme", "topic")
        }
        actor, extent_of, stance_of, scope_of = (
            positions["actor"],
            positions["extent"],
            positions["stance"],
            positions["scope"],
        )
        kinds_of = {}  # actor_kinds bit set -> the kinds in it
        debates, years, participants = [], [], defaultdict(lambda: array("l"))
        last_debate = last_year = None
        for position, (pk, debate, year, actor_kinds, extent, stance, scope, participant) in enumerate(_raw_rows(rows)):
            ids.append(pk)
            if debate != last_debate:
                debates.append([debate, position, position])
                last_debate = debate
            if year != last_year:
                years.append((year, position))
                last_year = year
            kinds = kinds_of.get(actor_kinds)
            if kinds is None:
                kinds = kinds_of[actor_kinds] = [kind.value for kind in ActorKind.decompose(actor_kinds)]
            for kind in kinds:
                actor[kind].append(position)
            extent_of[extent].append(position)
            stance_of[stance].append(position)
            scope_of[scope].append(position)
            if participant is not None:
                participants[participant].append(position)
        for index, (debate, start, _) in enumerate(debates):
            debates[index] = (debate, start, debates[index + 1][1] if index + 1 < len(debates) else len(ids))
        position_of = array("q", [-1]) * (max(ids, default=0) + 1)
        for position, pk in enumerate(ids):
            position_of[pk] = position
        for name, relation in (("theme", Intervention.themes.through), ("topic", Intervention.topics.through)):
            values = positions[name]
            pairs = relation.objects.order_by().values_list("intervention_id", f"{name}_id")
            for statement, value in _raw_rows(pairs):
                position = position_of[statement] if statement < len(position_of) else -1
                if position >= 0:  # else a statement of a debate that is not published
                    values[value].append(position)
        # A participant's statements are those they speak and those that name them as taking the position.
        named = Intervention.named_participants.through.objects.order_by().values_list(
            "intervention_id", "participant_id"
        )
        for statement, participant in _raw_rows(named):
            position = position_of[statement] if statement < len(position_of) else -1
            if position >= 0:
                participants[participant].append(position)
        participants = {pk: array("l", sorted(set(found))) for pk, found in participants.items()}
        size = len(ids)
        labels = {
            "debate": {
                pk: (slug, title, start)
                for pk, slug, title, start in Debate.objects.published().values_list(
                    "pk", "slug", "title", "start_date"
                )
            },
            "participant": {
                pk: (slug, name)
                for pk, slug, name in Participant.objects.filter(pk__in=participants).values_list("pk", "slug", "name")
            },
        }
        vocabulary = {
            "theme": list(Theme.objects.values_list("pk", "slug", "name")),
            "topic": list(Topic.objects.values_list("pk", "slug", "name")),
        }
        return cls(
            token=token,
            ids=ids,
            values={
                name: {value: _bits(found, size) for value, found in by_value.items()}
                for name, by_value in positions.items()
            },
            debates=debates,
            debate_ranges={debate: (start, end) for debate, start, end in debates},
            years=years,
            participants=participants,
            labels=labels,
            vocabulary=vocabulary,
            position_of=position_of,
        )

    # The sets a filter selects ------------------------------------------------------------------

    def value(self, name, value):
        return self.values[name].get(value, 0)

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

    def participant(self, pk):
        return _bits(self.participants.get(pk, ()), self.size)

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

    def counts_per_participant(self, selected):
        """``{participant pk: count}`` of the statements of ``selected`` by each named participant."""
        return self._remembered("participant", selected, self._count_per_participant)

    def _count_per_debate(self, selected):
        data = selected.to_bytes((self.size + 7) // 8, "little")
        counts = {}
        for debate, start, end in self.debates:
            chunk = int.from_bytes(data[start >> 3 : (end + 7) >> 3], "little") >> (start & 7)
            count = (chunk & ((1 << (end - start)) - 1)).bit_count()
            if count:
                counts[debate] = count
        return counts

    def _count_per_participant(self, selected):
        data = selected.to_bytes((self.size + 7) // 8, "little")
        counts = {}
        for participant, positions in self.participants.items():
            count = sum((data[position >> 3] >> (position & 7)) & 1 for position in positions)
            if count:
                counts[participant] = count
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
                index = _current = FacetIndex.build(token)
    return index


def forget():
    """Drop this process's index (tests whose databases are rolled back to an earlier state call it)."""
    global _current
    _current = None
