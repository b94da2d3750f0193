"""Full-text search over the published archive: debates, panels, paragraphs and attributed statements.

On PostgreSQL the text of debates, panels, paragraphs and statements is
indexed in the stored, generated ``search_vector`` field each of those models
declares, with a GIN index (:class:`debates.models.WeightedSearchVector`, whose
arguments are the weights below).  Queries use ``websearch_to_tsquery`` syntax — ``"a
phrase"``, ``-excluded``, ``this or that`` — and are ranked by cover density
(``ts_rank_cd``: how often, and how close together, the wanted words occur)
on weighted vectors:

====================  ======  ==========================================
text                  weight  why
====================  ======  ==========================================
debate, panel title   A       a title names what the whole thing is about
statement text        B       the archive's unit of citation
paragraph text,       C       context: a statement outranks the paragraph
abstract, summary             that quotes it
====================  ======  ==========================================

At equal rank the most recent debate comes first, then reading order.

The work per query is bounded, whatever the words: a common word matches most
of a million statements, and ranking them all takes seconds.  Of each kind only
the first :data:`RESULT_WINDOW` + 1 matches the database finds are candidates
(a ``LIMIT`` without ``ORDER BY``: through the GIN index they come in storage
order, roughly oldest first), so PostgreSQL stops reading rows as soon as it
has them, however wrong its estimate of the number of matches (phrases and
words that occur together are underestimated a hundredfold).  The candidates
are ranked, and the best :data:`RESULT_WINDOW` are the pages; their number is
exact when no kind has more matches than that, and is shown as "more than" it
otherwise.  A rare word still finds every match.  The window and its count are
one query, the page's details (with ``ts_headline`` snippets) a second.

Both are built by the ORM, on either database.  That costs Python time: about
2 ms to compile the window and 3 ms a page's details (PostgreSQL 15, 100,000
statements), where the written-out SQL they replaced took 0.1 ms to build and
both queries ran in 2–7 ms.  The search's p95 at a million statements was
54 ms with the written-out SQL and 63 ms with the ORM (bench/RESULTS.md),
against a target of 100 ms, and PostgreSQL's plans are the same (only ``ts_rank_cd`` moves inside each
kind's ``LIMIT``, over the same rows), so no hand-written SQL is left.

On SQLite (development), where the stored vectors are NULL, a simpler fallback
reads the same syntax: every word or phrase must occur (case-insensitive
substring), ``-`` excludes, ``or`` joins alternatives, and the rank adds the
weights of the fields a word occurs in.  Snippets are then cut and highlighted
in Python.  SQLite's parser and expression tree have fixed limits, so the
fallback keeps its SQL flat (a word repeated counts once; the rank is one flat
sum), and a query that still exceeds a limit raises :class:`QueryTooComplex`,
which the search page answers with a 400 naming ``q``: it is the query's fault,
not a database outage.

Either way the snippets are escaped HTML in which only ``<mark>`` is markup.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import OperationalError, connection
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe

from debates.models import SEARCH_CONFIG, Debate
from panels.models import Intervention, Panel, Paragraph, anchor, panel_anchor, panel_label

MAX_QUERY_LENGTH = 200
WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2}
# Private-use characters mark the highlighted words inside ts_headline's output until it is escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = {"start_sel": MARK_START, "stop_sel": MARK_STOP, "max_words": 40, "min_words": 20}
MARKED = re.compile(f"{MARK_START}(.*?){MARK_STOP}", flags=re.S)
SNIPPET_CHARACTERS = 240
# The most results a search pages through, and the candidates of each kind it ranks (see above).
RESULT_WINDOW = 200
# Words too common to search for on their own (the fallback drops them; PostgreSQL's English configuration too).
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "with",
    ]
)
KIND_LABELS = {"debate": "Debate", "panel": "Segment", "statement": "Statement", "paragraph": "Paragraph"}
# How SQLite says that a statement is beyond its limits (its depth, size or number of terms), as opposed to
# being unable to reach its file: the first is the query's fault, the second an outage.
SQLITE_LIMIT_ERRORS = (
    "parser stack overflow",
    "expression tree is too large",
    "too many sql variables",
    "too many terms in compound select",
    "too many arguments on function",
    "like or glob pattern too complex",
    "tables in a join",
)


class QueryTooComplex(ValueError):
    """The SQLite fallback cannot run this query: it exceeds one of SQLite's limits."""


def full_text_available():
    """Whether the database has PostgreSQL's full-text search (on SQLite the stored vectors are NULL)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Term:
    """A word or quoted phrase of a query; ``negated`` when it is to be excluded."""

    text: str
    negated: bool = False


TOKEN = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')


def parse_query(q):
    """Read websearch syntax into clauses that must all hold, each a list of alternative terms.

    ``'"human security" -index fear or want'`` →
    ``[[Term("human security")], [Term("index", negated=True)], [Term("fear"), Term("want")]]``.
    """
    clauses, join_next = [], False
    for match in TOKEN.finditer(q):
        if match["word"] is not None:
            word = match["word"]
            if word.lower() == "or":
                join_next = bool(clauses)
                continue
            negated = word.startswith("-")
            text = word.lstrip("-")
            if text.lower() in STOP_WORDS:
                continue
        else:
            negated, text = bool(match["minus"]), " ".join(match["phrase"].split())
        if not text:
            continue
        term = Term(text, negated)
        if join_next:
            clauses[-1].append(term)
        else:
            clauses.append([term])
        join_next = False
    return _distinct(clauses)


def _distinct(clauses):
    """``clauses`` without repeats (``ab ab ab`` asks no more than ``ab``), in their order; case is ignored."""
    seen, distinct = set(), []
    for clause in clauses:
        key = frozenset((term.text.lower(), term.negated) for term in clause)
        if key not in seen:
            seen.add(key)
            distinct.append(clause)
    return distinct


def positive_words(q):
    """The words and phrases of ``q`` a snippet should highlight (not the excluded ones, nor stop words), once each."""
    words = {}
    for clause in parse_query(q):
        for term in clause:
            if not term.negated and term.text.lower() not in STOP_WORDS:
                words.setdefault(term.text.lower(), term.text)
    return list(words.values())


def fallback_condition(q, fields):
    """A ``Q`` that holds when the text in ``fields`` satisfies ``q`` (the SQLite fallback)."""

    def occurs(text):
        return reduce(or_, (Q(**{f"{field}__icontains": text}) for field in fields))

    clauses = parse_query(q)
    if not clauses:
        return Q(pk__in=[])
    return reduce(
        and_, (reduce(or_, (~occurs(t.text) if t.negated else occurs(t.text) for t in clause)) for clause in clauses)
    )


def fallback_rank(q, weighted_fields):
    """Sum of the weights of the fields each wanted word occurs in (the SQLite fallback).

    One flat ``(a + b + c …)``: adding expressions one by one would nest a pair of brackets per
    term, and SQLite's parser overflows at about a hundred.
    """
    parts = [
        Case(When(**{f"{field}__icontains": word}, then=Value(WEIGHT_VALUES[weight])), default=Value(0.0))
        for word in positive_words(q)
        for field, weight in weighted_fields
    ]
    if not parts:
        return Value(0.0, output_field=FloatField())
    return Func(*parts, template="(%(expressions)s)", arg_joiner=" + ", output_field=FloatField())


def search_query(q):
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def filter_interventions(queryset, q):
    """The statements of ``queryset`` that match ``q``: the explorer's ``q`` filter."""
    if full_text_available():
        return queryset.filter(search_vector=search_query(q))
    return queryset.filter(fallback_condition(q, ["text"]))


@dataclass(frozen=True)
class Source:
    """One kind of search result: its rows, and the paths from a row to what a result shows.

    ``debate``, ``panel``, ``paragraph`` and ``statement`` prefix the lookups of the debate, segment,
    paragraph and statement a row belongs to (``""`` when the row is that thing itself, ``None`` when
    it has none); ``snippet_field`` is the text a snippet is cut from.
    """

    kind: str
    order: int
    rows: object
    snippet_field: str
    debate: str
    panel: str | None = None
    paragraph: str | None = None
    statement: str | None = None

    @property
    def weighted_fields(self):
        """The text fields searched, with their weights, as the model's stored vector declares them."""
        return self.rows.model._meta.get_field("search_vector").expression.weighted_fields

    @property
    def fields(self):
        return [field for field, _ in self.weighted_fields]


def sources():
    """What the site search covers, published debates only."""
    published = Debate.Status.PUBLISHED
    return [
        Source("debate", 1, Debate.objects.published(), "abstract", debate=""),
        Source("panel", 2, Panel.objects.filter(debate__status=published), "summary", debate="debate__", panel=""),
        Source(
            "statement",
            3,
            Intervention.objects.published(),
            "text",
            debate="debate__",
            panel="paragraph__panel__",
            paragraph="paragraph__",
            statement="",
        ),
        Source(
            "paragraph",
            4,
            Paragraph.objects.filter(debate__status=published),
            "text",
            debate="debate__",
            panel="panel__",
            paragraph="",
        ),
    ]


def matching(source, q):
    """The rows of ``source`` matching ``q``."""
    if full_text_available():
        return source.rows.filter(search_vector=search_query(q))
    return source.rows.filter(fallback_condition(q, source.fields))


WINDOW_COLUMNS = ("result_kind", "object_id", "rank", "result_date", "kind_order")


def _candidates(source, q):
    """The window rows of ``source`` for :func:`site_search`: its first :data:`RESULT_WINDOW` + 1 matches, ranked.

    On PostgreSQL a ``LIMIT`` without ``ORDER BY`` on the matches, so that PostgreSQL stops after
    the first ones whatever it estimates: its estimates for phrases and for words that occur
    together are often a hundred times too low, which made a sort of every match look cheap.  The
    rank is computed for the rows the ``LIMIT`` lets through only.  SQLite allows no ``LIMIT``
    inside a ``UNION``'s branches, so there the window is a subquery of the first matches by id.
    """
    if full_text_available():
        rows = matching(source, q).order_by()
        rank = Cast(SearchRank(F("search_vector"), search_query(q), cover_density=True), FloatField())
    else:
        window = matching(source, q).order_by("pk").values("pk")[: RESULT_WINDOW + 1]
        rows = source.rows.filter(pk__in=window)
        rank = fallback_rank(q, source.weighted_fields)
    candidates = (
        rows.annotate(
            result_kind=Value(source.kind, output_field=CharField()),
            object_id=F("pk"),
            rank=rank,
            result_date=F(f"{source.debate}start_date"),
            kind_order=Value(source.order, output_field=IntegerField()),
        )
        .order_by()
        .values(*WINDOW_COLUMNS)
    )
    return candidates[: RESULT_WINDOW + 1] if full_text_available() else candidates


def site_search(q):
    """The ranked candidates among published debates, segments, paragraphs and statements, best first.

    Of each kind the first :data:`RESULT_WINDOW` + 1 matches the database finds
    are candidates (see the module's docstring); of all candidates the best
    :data:`RESULT_WINDOW` + 1 are returned, one query, as a list of
    ``{"result_kind", "object_id", "rank", "result_date", "kind_order"}`` rows:
    :class:`ResultWindowPaginator` pages through them and :func:`search_results`
    fetches what a page shows.  Raises :class:`QueryTooComplex` when the SQLite
    fallback cannot run ``q``.
    """
    first, *rest = (_candidates(source, q) for source in sources())
    ordered = first.union(*rest, all=True).order_by("-rank", "-result_date", "kind_order", "object_id")
    try:
        return list(ordered[: RESULT_WINDOW + 1])
    except OperationalError as error:
        if connection.vendor == "sqlite" and any(limit in str(error).lower() for limit in SQLITE_LIMIT_ERRORS):
            raise QueryTooComplex(str(error)) from error
        raise


class ResultWindowPaginator(Paginator):
    """Pages through at most :data:`RESULT_WINDOW` results of :func:`site_search` (a list).

    ``capped`` says there were more candidates than the window holds, so that
    the page says "more than" instead of a number.
    """

    @cached_property
    def count(self):
        return min(len(self.object_list), RESULT_WINDOW)

    @property
    def capped(self):
        return len(self.object_list) > RESULT_WINDOW


DETAIL_COLUMNS = (
    "result_kind",
    "object_id",
    "debate_slug",
    "debate_title",
    "debate_date",
    "panel_order",
    "panel_kind",
    "panel_title",
    "result_section",
    "paragraph_number",
    "statement_order",
    "snippet",
)


def _details(source, ids, snippet):
    """The rows ``ids`` of ``source`` with :data:`DETAIL_COLUMNS`, the same columns for every kind."""

    def path(prefix, field, output_field):
        return Cast(Value(None), output_field) if prefix is None else F(f"{prefix}{field}")

    return (
        source.rows.filter(pk__in=ids)
        .annotate(
            result_kind=Value(source.kind, output_field=CharField()),
            object_id=F("pk"),
            debate_slug=F(f"{source.debate}slug"),
            debate_title=F(f"{source.debate}title"),
            debate_date=F(f"{source.debate}start_date"),
            panel_order=path(source.panel, "order", IntegerField()),
            panel_kind=path(source.panel, "kind", TextField()),
            panel_title=path(source.panel, "title", TextField()),
            result_section=path(source.paragraph, "section", TextField()),
            paragraph_number=path(source.paragraph, "number", IntegerField()),
            statement_order=path(source.statement, "order", IntegerField()),
            snippet=snippet(source.snippet_field),
        )
        .order_by()
        .values(*DETAIL_COLUMNS)
    )


def search_results(rows, q):
    """The :class:`SearchResult` for a page of :func:`site_search` rows, in the same order, with snippets.

    One query: a ``UNION`` of the kinds the page shows.  On PostgreSQL ``ts_headline`` cuts the snippet.
    """
    rows = list(rows)
    wanted = {}
    for row in rows:
        wanted.setdefault(row["result_kind"], []).append(row["object_id"])
    if not wanted:
        return []
    if full_text_available():
        query = search_query(q)

        def snippet(field):
            return SearchHeadline(field, query, config=SEARCH_CONFIG, **HEADLINE_OPTIONS)

    else:
        snippet = F
    first, *rest = (_details(source, wanted[source.kind], snippet) for source in sources() if source.kind in wanted)
    details = {(row["result_kind"], row["object_id"]): row for row in first.union(*rest, all=True)}
    return [
        SearchResult.from_row(details[key], q)
        for key in ((row["result_kind"], row["object_id"]) for row in rows)
        if key in details
    ]


def highlight(snippet, q):
    """Escape ``snippet`` and mark the words of ``q``: from ts_headline's markers, or else by substring."""
    if full_text_available():
        html = escape(snippet)
        html = MARKED.sub(r"<mark>\1</mark>", html)
        return mark_safe(html.replace(MARK_START, "").replace(MARK_STOP, ""))
    return mark_safe(highlight_words(cut_snippet(snippet, q), positive_words(q)))


def cut_snippet(text, q):
    """About :data:`SNIPPET_CHARACTERS` of ``text`` around the first wanted word."""
    text = " ".join(text.split())
    if len(text) <= SNIPPET_CHARACTERS:
        return text
    lowered = text.lower()
    found = [lowered.find(word.lower()) for word in positive_words(q)]
    first = min((position for position in found if position >= 0), default=0)
    start = max(0, first - SNIPPET_CHARACTERS // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_CHARACTERS)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    return ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")


def highlight_words(text, words):
    """``text`` escaped, with each word beginning with one of ``words`` (case-insensitive) in ``<mark>``."""
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return escape(text)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")\w*", re.IGNORECASE)
    html, position = [], 0
    for match in pattern.finditer(text):
        html.append(escape(text[position : match.start()]))
        html.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    html.append(escape(text[position:]))
    return "".join(html)


@dataclass(frozen=True)
class SearchResult:
    """One search hit as a page shows it: what it is, where it is, and a highlighted snippet.

    ``debate_slug``, ``paragraph_number`` and ``statement_order`` say where it is for those
    who link to it otherwise (the API gives its permanent address).
    """

    kind: str
    debate_title: str
    debate_date: object
    url: str
    location: str
    snippet: str
    debate_slug: str = ""
    paragraph_number: int | None = None
    statement_order: int | None = None

    @classmethod
    def from_row(cls, row, q):
        url = reverse("public:debate-detail", kwargs={"slug": row["debate_slug"]})
        location = ""
        panel = panel_label(row["panel_kind"], row["panel_order"])
        kind = row["result_kind"]
        if kind == "panel":
            url += f"#{panel_anchor(row['panel_order'])}"
            location = f"{panel}: {row['panel_title']}"
        elif kind in {"paragraph", "statement"}:
            url += f"#{anchor(row['paragraph_number'], row['statement_order'] if kind == 'statement' else None)}"
            section = panel if panel else str(Paragraph.Section(row["result_section"]).label)
            location = f"{section}, paragraph {row['paragraph_number']}"
            if kind == "statement":
                location += f", statement {row['statement_order']}"
        return cls(
            kind=kind,
            debate_title=row["debate_title"],
            debate_date=row["debate_date"],
            url=url,
            location=location,
            snippet=highlight(row["snippet"] or "", q),
            debate_slug=row["debate_slug"],
            paragraph_number=row["paragraph_number"],
            statement_order=row["statement_order"],
        )

    @property
    def label(self):
        return KIND_LABELS[self.kind]
