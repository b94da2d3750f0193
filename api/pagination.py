"""Cursor pagination: ``next`` and ``previous`` links holding a signed cursor, in an order that never changes.

:class:`ArchiveCursorPagination` is DRF's ``CursorPagination`` with two changes:
its cursors are signed (``django.core.signing``, salted with the endpoint's
name), so a cursor the API did not give is a ``400`` naming ``cursor`` rather
than a query on whatever it holds; and the page size is the request's
``page_size`` (checked beforehand, api/parameters.py).

The statements (:class:`StatementPagination`) are paged in reading order
(debates oldest first, then paragraph and statement number) through the
explorer's in-memory index (public/facet_index.py), as the explorer pages them:
a page is the n-th to m-th statements of the selection, whatever its size.  Their
cursor holds the reading-order key of the statement a page ends (or starts)
with: the debate's date and id, the paragraph and statement numbers.  The next
page starts right after that key in the archive as it is then, so a statement
published or withdrawn meanwhile neither shifts nor repeats the pages.
"""

import datetime
from bisect import bisect_left
from collections import namedtuple

from django.core import signing
from django.db.models import Q
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.utils.urls import replace_query_param

from debates.models import Debate
from panels.models import Intervention

DEFAULT_PAGE_SIZE = 25
INVALID_CURSOR = (
    "This cursor was not given by this endpoint, or no longer can be read: "
    "start again without it, and follow the next and previous links."
)


class ArchiveCursorPagination(CursorPagination):
    """DRF's cursor pagination with signed cursors and the checked ``page_size``; ``ordering`` set per endpoint."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    template = None

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        return int(value) if value else self.page_size

    def salt(self):
        return f"api.cursor.{self.request.resolver_match.view_name}"

    def encode_cursor(self, cursor):
        token = signing.dumps([cursor.offset, int(cursor.reverse), cursor.position], salt=self.salt())
        return replace_query_param(self.base_url, self.cursor_query_param, token)

    def decode_cursor(self, request):
        self.request = request
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        try:
            offset, reverse, position = signing.loads(token, salt=self.salt())
            valid = (
                isinstance(offset, int)
                and offset >= 0
                and reverse in (0, 1)
                and (position is None or isinstance(position, str))
            )
        except (signing.BadSignature, ValueError, TypeError):
            valid = False
        if not valid:
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]})
        return Cursor(offset=min(offset, self.offset_cutoff), reverse=bool(reverse), position=position)


# The reading-order key of a statement: its debate's start date and id, its paragraph and statement numbers.
Key = namedtuple("Key", "date debate paragraph statement")
StatementCursor = namedtuple("StatementCursor", "reverse inclusive key")


class StatementPagination(ArchiveCursorPagination):
    """Pages of the explorer's selection (a bit set of a FacetIndex), in reading order.

    :meth:`page_ids` gives the ids of the page from the cursor; the view reads their rows, and
    :meth:`links` makes the ``next`` and ``previous`` links from the first and last rows.
    """

    # Statements of one debate read to find where a cursor's key falls in it, should the index have changed.
    KEY_CANDIDATES = 200

    def page_ids(self, request, index, selected):
        """The ids of the statements of ``selected`` on the page the request's cursor names, in reading order."""
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        self.index = index
        self.cursor = self.decode_statement_cursor(request)
        size = self.page_size
        if self.cursor is None or not self.cursor.reverse:
            start = 0 if self.cursor is None else self.position(self.cursor.key, strict=not self.cursor.inclusive)
            ids = index.page((selected >> start) << start, 0, size + 1)
            self.has_next = len(ids) > size
            self.has_previous = bool(selected & ((1 << start) - 1))
            return ids[:size]
        end = self.position(self.cursor.key, strict=self.cursor.inclusive)
        before = selected & ((1 << end) - 1)
        total = before.bit_count()
        self.has_previous = total > size
        self.has_next = bool(selected >> end)
        return index.page(before, max(0, total - size), total)

    def links(self, rows):
        """``(next, previous)`` links for the page of ``rows`` (dicts with the exports' fields); None where none."""
        if rows:
            following = StatementCursor(False, False, self.key_of(rows[-1]))
            preceding = StatementCursor(True, False, self.key_of(rows[0]))
        elif self.cursor:
            # An empty page: the other side of the cursor's own key (what it excluded is then included).
            following = StatementCursor(False, not self.cursor.inclusive, self.cursor.key)
            preceding = StatementCursor(True, not self.cursor.inclusive, self.cursor.key)
        else:
            return None, None
        next_link = self.statement_link(following) if self.has_next else None
        previous_link = self.statement_link(preceding) if self.has_previous else None
        return next_link, previous_link

    def statement_link(self, cursor):
        date, debate, paragraph, statement = cursor.key
        payload = [int(cursor.reverse), int(cursor.inclusive), date.isoformat(), debate, paragraph, statement]
        return replace_query_param(self.base_url, self.cursor_query_param, signing.dumps(payload, salt=self.salt()))

    def decode_statement_cursor(self, request):
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        try:
            reverse, inclusive, date, debate, paragraph, statement = signing.loads(token, salt=self.salt())
            key = Key(datetime.date.fromisoformat(date), int(debate), int(paragraph), int(statement))
            if reverse not in (0, 1) or inclusive not in (0, 1):
                raise ValueError(reverse, inclusive)
        except (signing.BadSignature, ValueError, TypeError):
            raise ValidationError({self.cursor_query_param: [INVALID_CURSOR]}) from None
        return StatementCursor(bool(reverse), bool(inclusive), key)

    def key_of(self, row):
        """The reading-order key of a statement's row (the exports' fields)."""
        debate = debate_ids(self.index).get(row["debate"])
        if debate is None:  # published since the index was built: read it
            debate = Debate.objects.filter(slug=row["debate"]).values_list("pk", flat=True).first() or 0
        return Key(datetime.date.fromisoformat(row["debate_date"]), debate, row["paragraph"], row["statement"])

    def position(self, key, *, strict):
        """The first position of the index whose statement's key is after ``key`` (``strict``) or not before it."""
        index = self.index
        labels = index.labels_of_debates
        at = bisect_left(index.debates, (key.date, key.debate), key=lambda entry: (labels[entry[0]][2], entry[0]))
        if at == len(index.debates):
            return index.size
        debate, start, end = index.debates[at]
        if debate != key.debate:
            return start
        number, order = key.paragraph, key.statement
        after = Q(paragraph__number__gt=number) | Q(paragraph__number=number, order__gt=order)
        if not strict:
            after |= Q(paragraph__number=number, order=order)
        candidates = (
            Intervention.objects.filter(debate_id=debate)
            .filter(after)
            .order_by("paragraph__number", "order")
            .values_list("pk", flat=True)[: self.KEY_CANDIDATES]
        )
        known = len(index.position_of)
        for pk in candidates:
            position = index.position_of[pk] if pk < known else -1
            if start <= position < end:
                return position
        return end


_debate_ids = (None, {})


def debate_ids(index):
    """``{slug: pk}`` of the published debates of ``index``, made once per index."""
    global _debate_ids
    token, found = _debate_ids
    if token != index.token:
        found = {slug: pk for pk, (slug, _, _) in index.labels_of_debates.items()}
        _debate_ids = (index.token, found)
    return found
