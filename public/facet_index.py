"""An in-memory index of the published statements, for exact facet counts and pages at any size.

Counting facets in SQL reads every statement of the selection, and of each facet's selection
without its own parameter: at a million statements a broad filter costs seconds. This index
keeps, for every value of every facet, the set of published statements that have it, as a bit
set (a Python ``int``, one bit per statement, bits in reading order). A count is then one AND
and one popcount over 125 KB, whatever the selection; a year or a debate is a range of bits;
a page of the explorer is the n-th to m-th set bits, fetched from the database by primary key.

The index is built in each process from a few queries, and kept under the archive's change stamp
(``caching/``), which database triggers move on every write. At 1,000,000 statements a build takes
5–15 seconds and about 20 MB of memory, so after a change no request waits for one
(:func:`facet_index`): the request that first sees the new stamp starts a rebuild in a background
thread and is answered at once from the index it had, less the statements of every debate that is
no longer published (:meth:`FacetIndex.narrowed`, one small query). A withdrawn or deleted debate
is thus gone from every count and page at once; a newly published debate, and edits to the labels
of a published one, show when the rebuild swaps in. ``ARCHIVE_FACET_INDEX_REFRESH = "inline"``
rebuilds within the request instead (the tests, whose data a background thread cannot see).

Search words are looked up in the database, and the statements they match are kept in a small
per-process cache under the same stamp. What the index reads for each facet, and how, is declared
in the facet registry (public/registry.py).
"""

import logging
import threading
import time
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate

from cachetools import LRUCache
from django.conf import settings
from django.db import connections
from django.db.models import IntegerField
from django.db.models.functions import Cast, ExtractYear

from caching.stamp import current_stamp, mark_provisional
from debates.models import Debate
from panels.models import Intervention

from .registry import FACETS

BLOCK_BYTES = 4096  # pages are found by popcounts of blocks of this many bytes
WORDS_CACHE_SIZE = 64  # word searches whose matching statements each process keeps
COUNTS_CACHE_SIZE = 16  # selections whose counts per debate and per participant each process keeps
HTML_CACHE_SIZE = 5_000  # rendered statements each process keeps (about 1.5 KB each)
REBUILD_RETRY_SECONDS = 10  # after a rebuild failed, requests start another no sooner than this
REBUILD_AT_THE_LATEST_SECONDS = 60  # however often the archive changes, a rebuild starts this long after the first

logger = logging.getLogger(__name__)


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


class Gaps:
    """Ranges of an index's positions taken out (the statements of debates no longer published), and where
    the positions kept move to: each kept position moves down by the number of positions taken out before it."""

    def __init__(self, ranges, size):
        merged = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            elif end > start:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]
        self.taken = list(accumulate((end - start for start, end in merged), initial=0))  # before each gap
        bounds = [0, *(edge for gap in merged for edge in gap), size]
        self.pieces = [(start, end) for start, end in zip(bounds[::2], bounds[1::2], strict=True) if end > start]

    def __bool__(self):
        return bool(self.starts)

    def kept_before(self, position):
        """How many kept positions come before ``position`` (its new position, when it is kept)."""
        gap = bisect_right(self.starts, position)
        if not gap:
            return position
        return position - self.taken[gap - 1] - (min(position, self.ends[gap - 1]) - self.starts[gap - 1])

    def moved(self, position):
        """The new position of ``position``, or -1 when it is taken out."""
        gap = bisect_right(self.starts, position)
        if gap and position < self.ends[gap - 1]:
            return -1
        return position - self.taken[gap]

    def bits(self, value):
        """The bit set ``value`` without the bits taken out, the others moved down."""
        result, at = 0, 0
        for start, end in self.pieces:
            result |= ((value >> start) & ((1 << (end - start)) - 1)) << at
            at += end - start
        return result

    def array(self, values):
        """The items of ``values`` (one per position) at the kept positions."""
        kept = array(values.typecode)
        for start, end in self.pieces:
            kept.extend(values[start:end])
        return kept

    def positions(self, positions):
        """The kept positions among the sorted ``positions``, moved."""
        kept, at = array(positions.typecode), 0
        for start, end in self.pieces:
            found = positions[bisect_left(positions, start) : bisect_left(positions, end)]
            kept.extend(found if start == at else (position - start + at for position in found))
            at += end - start
        return kept


class MovedPositionOf:
    """``position_of`` (statement id -> position, or -1) of a narrowed index: the original's, moved past ``gaps``.

    Worked out per statement looked up (an array of every id would take a pass over a million in Python).
    """

    def __init__(self, position_of, gaps):
        self.position_of, self.gaps = position_of, gaps

    def __len__(self):
        return len(self.position_of)

    def __getitem__(self, pk):
        position = self.position_of[pk]
        return position if position < 0 else self.gaps.moved(position)


class MovedPositionLists(Mapping):
    """``{key: sorted positions}`` of a narrowed index: each key's list moved past ``gaps`` when first read."""

    def __init__(self, lists, gaps):
        self.lists, self.gaps = lists, gaps
        self.moved = {}  # threads that move the same list at once both store the same value

    def __getitem__(self, key):
        found = self.moved.get(key)
        if found is None:
            found = self.moved[key] = self.gaps.positions(self.lists[key])
        return found

    def __iter__(self):
        return iter(self.lists)

    def __len__(self):
        return len(self.lists)


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
    # False for a narrowed view of an earlier index (see narrowed()): a rebuild is due.
    complete: bool = True
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

    def narrowed(self, token, published):
        """This index without the statements of its debates not in ``published`` (pks), for the state ``token``.

        What an earlier index can say of a later state of the archive while it is rebuilt: the
        debates withdrawn, unpublished or deleted since are taken out, their statements' positions
        closed up, so that every set, range, count, page and label read from it, and ``size``, is
        of the debates still published. The debates published since, and labels edited since, are
        not in it. Nothing is copied when no debate was taken out; it starts its own caches either
        way, since statements' text and HTML may have changed.

        Taking the bits out, rather than keeping the earlier arrays and ANDing a mask of the
        debates still published into every set, keeps every method and every caller as they are:
        ``size`` is read both as the number of statements (the home page, the codebook) and as the
        end of the positions (the API's cursors), and only a closed-up index is right for both.
        It costs a copy of the bit sets and the ids, about 35 ms at a million statements; each
        participant's positions are moved when first read, and statement ids looked up one by one.
        """
        published = {pk for pk in published if pk in self.labels_of_debates}
        gaps = Gaps([(start, end) for pk, start, end in self.debates if pk not in published], self.size)
        debates = [(pk, gaps.kept_before(start), gaps.kept_before(end)) for pk, start, end in self.debates]
        debates = [entry for entry in debates if entry[0] in published]
        return FacetIndex(
            token=token,
            ids=gaps.array(self.ids) if gaps else self.ids,
            values={
                name: {key: gaps.bits(found) for key, found in keys.items()} if gaps else keys
                for name, keys in self.values.items()
            },
            debates=debates,
            debate_ranges={pk: (start, end) for pk, start, end in debates},
            years=[(year, gaps.kept_before(start)) for year, start in self.years],
            positions={
                name: MovedPositionLists(lists, gaps) if gaps else lists for name, lists in self.positions.items()
            },
            labels=self.labels,
            labels_of_debates={pk: labels for pk, labels in self.labels_of_debates.items() if pk in published},
            position_of=MovedPositionOf(self.position_of, gaps) if gaps else self.position_of,
            complete=False,
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


# This process's index, and its rebuild: read without the lock on the way in, changed only under it.
_now = time.monotonic  # the clock of the quiet period (the tests set it)
_lock = threading.Lock()
_current = None  # the index served
_rebuilding = None  # the thread rebuilding it, if any: never two at once
_thread = None  # the latest rebuild's thread, until it has closed its connections too
_again = False  # the archive changed during the rebuild: another follows it
_failed_at = None  # when the latest rebuild failed (time.monotonic()), until one succeeds
_generation = 0  # forget() moves it on: a rebuild started before then is not served
_changed_at = None  # when a request last saw the archive change (time.monotonic())
_stale_since = None  # when the index served first fell behind the archive, until a rebuild catches up
last_rebuild_seconds = None  # how long this process's latest rebuild took (or its first build)


def facet_index(stamp=None):
    """The index for the archive as it is now; the response is marked provisional when it lags the stamp."""
    index = _facet_index(stamp)
    if not index.complete:
        mark_provisional()  # the page-cache middleware will neither store this page nor validate it
    return index


def _facet_index(stamp=None):
    """The index for the archive as it is now (``stamp``: the change stamp, when already read).

    The first index of a process is built within the request: there is nothing else to serve.
    After a change (a new stamp), with ``ARCHIVE_FACET_INDEX_REFRESH = "background"`` (the default),
    no request waits for a rebuild: the first request to see the new stamp narrows the index it
    had to the debates published now (:meth:`FacetIndex.narrowed`: one query of the published
    debates' ids, and about 50 ms in all at a million statements), serves that view from then on,
    and starts a rebuild in a background thread, which swaps in when done (``last_rebuild_seconds``
    says how long it took; :func:`wait_for_rebuild` waits for it). Requests that arrive meanwhile
    wait for nothing but a narrowing under way. A rebuild that fails is logged and the narrowed
    index still served; a request starts another :data:`REBUILD_RETRY_SECONDS` later (at once if
    the archive changes again), so that a lasting failure does not run a full read of the archive
    after every request. With ``"inline"`` the request rebuilds the index itself, as the tests need.
    """
    global _current
    token = (stamp or current_stamp()).token
    index = _current
    if index is not None and index.token == token and (index.complete or not _may_retry()):
        return index
    with _lock:
        index = _current
        if index is None or settings.ARCHIVE_FACET_INDEX_REFRESH == "inline":
            if index is None or index.token != token or not index.complete:
                index = _build(token)
            return index
        if index.token != token:
            # Read after the request's stamp, the stamp now names the state the published debates are read
            # in. A request that read its stamp before a change another request has already narrowed the
            # index for is served that index, rather than narrowing it again under its older stamp.
            now = current_stamp().token
            if now != index.token:
                published = Debate.objects.published().values_list("pk", flat=True)
                index = _current = index.narrowed(now, set(published))
                _saw_change()
                _start_rebuild_when_due()
                return index
        if not index.complete:
            _start_rebuild_when_due()  # once the archive is quiet, or the last rebuild failed and may be retried
        return index


def _saw_change():
    """Note that a request saw the archive change (with ``_lock`` held)."""
    global _changed_at, _stale_since
    _changed_at = _now()
    if _stale_since is None:
        _stale_since = _changed_at


def _start_rebuild_when_due():
    """Start a rebuild once the archive has been quiet for ``ARCHIVE_FACET_INDEX_QUIET_SECONDS``, or has been
    changing for :data:`REBUILD_AT_THE_LATEST_SECONDS` (with ``_lock`` held).

    An editor publishing, withdrawing and correcting in quick succession would otherwise start a full
    rebuild with each change, one after the other, in every process: at a million statements each takes a
    core for 10–15 s, and the readers' requests share what is left (the explorer's p99 went from about
    110 ms to 343 ms with a change every 3 s, bench/RESULTS.md). Withdrawals are served at once anyway
    (the index is narrowed); what waits is the counting of newly published debates and of label edits.
    """
    if not _may_retry():  # one is under way (a change it missed is narrowed for, and rebuilt for, after it)
        return
    moment = _now()
    quiet = _changed_at is None or moment - _changed_at >= settings.ARCHIVE_FACET_INDEX_QUIET_SECONDS
    overdue = _stale_since is not None and moment - _stale_since >= REBUILD_AT_THE_LATEST_SECONDS
    if quiet or overdue:
        _start_rebuild()


def _build(token):
    """Build the index for ``token`` here and now, and serve it (with ``_lock`` held)."""
    global _current, last_rebuild_seconds
    started = time.perf_counter()
    index = _current = FacetIndex.build(token, FACETS)
    last_rebuild_seconds = time.perf_counter() - started
    return index


def _may_retry():
    """Whether no rebuild is under way and none failed in the last :data:`REBUILD_RETRY_SECONDS`."""
    failed_at = _failed_at
    return _rebuilding is None and (failed_at is None or time.monotonic() - failed_at >= REBUILD_RETRY_SECONDS)


def _start_rebuild(*, again=False):
    """Start the background rebuild; or, ``again`` (the archive changed), have the one under way followed by
    another (with ``_lock`` held)."""
    global _rebuilding, _thread, _again
    if _rebuilding is not None:
        _again = _again or again
        return
    _again = False
    _rebuilding = _thread = threading.Thread(
        target=_rebuild, args=(_generation,), name="facet-index-rebuild", daemon=True
    )
    _rebuilding.start()


def _rebuild(generation):
    """The background rebuild: build, swap in, and build again if a request saw the archive change meanwhile
    (a change no request has seen yet is narrowed for, and rebuilt for, by the first request to see it).

    It runs on the thread's own database connections, closed when it ends. A build that fails is
    logged and leaves the narrowed index served (see :func:`facet_index` for when another starts).
    An index swapped in that is older than the state a request reads is narrowed again for it,
    as any other: what a request is served never holds a debate unpublished before it began.
    """
    global _current, _rebuilding, _again, _failed_at, _stale_since, last_rebuild_seconds
    try:
        while True:
            started, started_at = time.perf_counter(), _now()
            index = FacetIndex.build(current_stamp().token, FACETS)  # stamp first: the data is at least as new
            seconds = time.perf_counter() - started
            with _lock:
                if generation != _generation:
                    return
                _current, last_rebuild_seconds, _failed_at = index, seconds, None
                again, _again = _again, False
                if not again:
                    _rebuilding = None
                    if _changed_at is None or _changed_at <= started_at:
                        _stale_since = None  # caught up with every change seen before it began
            logger.info("Rebuilt the facet index of %s statements in %.2f s.", index.size, seconds)
            if not again:
                return
    except Exception:
        logger.exception("The facet index could not be rebuilt; a request will try again.")
        with _lock:
            if generation == _generation:
                _failed_at = time.monotonic()
    finally:
        with _lock:
            if _rebuilding is threading.current_thread():
                _rebuilding = None
        connections.close_all()


def wait_for_rebuild(timeout=None):
    """Wait until no rebuild is under way in this process; False if one still is after ``timeout`` seconds."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while (thread := _thread) is not None:
        thread.join(None if deadline is None else max(0, deadline - time.monotonic()))
        if thread.is_alive():
            return False
        if _thread is thread:  # none started since
            return True
    return True


def forget():
    """Drop this process's index (tests whose databases are rolled back to an earlier state call it).

    A rebuild under way is waited for (a minute at most), so that it reads no later test's data.
    """
    global _current, _rebuilding, _thread, _again, _failed_at, _generation, _changed_at, _stale_since
    wait_for_rebuild(timeout=60)
    with _lock:
        _current, _rebuilding, _thread, _again, _failed_at = None, None, None, False, None
        _changed_at = _stale_since = None
        _generation += 1
