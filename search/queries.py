"""Full-text search over the published archive: debates, panels, paragraphs and attributed statements.

On PostgreSQL the text of paragraphs and statements is indexed in stored,
generated ``search_vector`` columns with GIN indexes (see this app's
migrations); debates and panels, a few rows each, are vectorised as they are
queried.  Queries use ``websearch_to_tsquery`` syntax — ``"a phrase"``,
``-excluded``, ``this or that`` — and are ranked by cover density
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

On SQLite (development) a simpler fallback reads the same syntax: every word
or phrase must occur (case-insensitive substring), ``-`` excludes, ``or``
joins alternatives, and the rank adds the weights of the fields a word occurs
in.  Snippets are then cut and highlighted in Python.

Either way the snippets are escaped HTML in which only ``<mark>`` is markup.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import Case, CharField, Expression, F, FloatField, IntegerField, Q, Value, When
from django.db.models.expressions import Col
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from debates.models import Debate
from panels.models import Intervention, Panel, Paragraph

SEARCH_CONFIG = "english"
VECTOR_COLUMN = "search_vector"
MAX_QUERY_LENGTH = 200
WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2}
# Private-use characters mark the highlighted words inside ts_headline's output until it is escaped.
MARK_START, MARK_STOP = "\ue000", "\ue001"
SNIPPET_CHARACTERS = 240
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


def full_text_available():
    """Whether the database has PostgreSQL's full-text search (and this app's stored vectors)."""
    return connection.vendor == "postgresql"


class StoredSearchVector(Expression):
    """The generated ``search_vector`` column of the queryset's own table (PostgreSQL only).

    The column is created by this app's migrations, not by a model field, so the expression
    resolves to a column of the query's base table; Django relabels it like any other column
    when the queryset is nested in a subquery.
    """

    output_field = SearchVectorField()

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        field = SearchVectorField()
        field.set_attributes_from_name(VECTOR_COLUMN)
        field.model = query.model
        return Col(query.get_initial_alias(), field)


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
    return clauses


def positive_words(q):
    """The words and phrases of ``q`` a snippet should highlight (not the excluded ones, nor stop words)."""
    return [
        term.text
        for clause in parse_query(q)
        for term in clause
        if not term.negated and term.text.lower() not in STOP_WORDS
    ]


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
    """Sum of the weights of the fields each wanted word occurs in (the SQLite fallback)."""
    parts = [
        Case(When(**{f"{field}__icontains": word}, then=Value(WEIGHT_VALUES[weight])), default=Value(0.0))
        for word in positive_words(q)
        for field, weight in weighted_fields
    ]
    return reduce(lambda a, b: a + b, parts, Value(0.0, output_field=FloatField()))


def search_query(q):
    return SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)


def filter_interventions(queryset, q):
    """The statements of ``queryset`` that match ``q``: the explorer's ``q`` filter."""
    if full_text_available():
        return queryset.alias(search_vector=StoredSearchVector()).filter(search_vector=search_query(q))
    return queryset.filter(fallback_condition(q, ["text"]))


@dataclass(frozen=True)
class Source:
    """One kind of search result: the rows it comes from and the text fields it is searched in."""

    kind: str
    order: int
    weighted_fields: tuple
    rows: object
    date_path: str

    def vector(self):
        if self.stored_vector:
            return StoredSearchVector()
        return reduce(
            lambda a, b: a + b,
            (SearchVector(field, weight=weight, config=SEARCH_CONFIG) for field, weight in self.weighted_fields),
        )

    @property
    def stored_vector(self):
        return self.kind in {"statement", "paragraph"}

    @property
    def fields(self):
        return [field for field, _ in self.weighted_fields]


def sources():
    """What the site search covers, published debates only."""
    published = Debate.Status.PUBLISHED
    return [
        Source(
            "debate",
            1,
            (("title", "A"), ("abstract", "C")),
            Debate.objects.published(),
            "start_date",
        ),
        Source(
            "panel",
            2,
            (("title", "A"), ("summary", "C")),
            Panel.objects.filter(debate__status=published),
            "debate__start_date",
        ),
        Source("statement", 3, (("text", "B"),), Intervention.objects.published(), "debate__start_date"),
        Source(
            "paragraph",
            4,
            (("text", "C"),),
            Paragraph.objects.filter(debate__status=published),
            "debate__start_date",
        ),
    ]


def matching(source, q):
    """The rows of ``source`` matching ``q``, annotated with ``rank``."""
    if full_text_available():
        query = search_query(q)
        return (
            source.rows.alias(search_vector=source.vector())
            .filter(search_vector=query)
            .annotate(rank=Cast(SearchRank(F("search_vector"), query, cover_density=True), FloatField()))
        )
    return source.rows.filter(fallback_condition(q, source.fields)).annotate(
        rank=fallback_rank(q, source.weighted_fields)
    )


def site_search(q):
    """Every published debate, segment, paragraph and statement matching ``q``, best first.

    One query (a UNION) of ``{"result_kind", "object_id", "rank", "result_date", "kind_order"}`` rows, to be paginated;
    :func:`search_results` then fetches what a page shows.
    """
    branches = [
        matching(source, q)
        .annotate(
            result_kind=Value(source.kind, output_field=CharField()),
            object_id=F("pk"),
            result_date=F(source.date_path),
            kind_order=Value(source.order, output_field=IntegerField()),
        )
        .order_by()
        .values("result_kind", "object_id", "rank", "result_date", "kind_order")
        for source in sources()
    ]
    first, *rest = branches
    return first.union(*rest, all=True).order_by("-rank", "-result_date", "kind_order", "object_id")


def _null(field):
    return Cast(Value(None), field)


def _detail_columns(source, q):
    """The same named columns for every kind, so that one UNION fetches a page's details."""
    debate = "" if source.kind == "debate" else "debate__"
    columns = {
        "result_kind": Value(source.kind, output_field=CharField()),
        "object_id": F("pk"),
        "debate_slug": F(f"{debate}slug"),
        "debate_title": F(f"{debate}title"),
        "debate_date": F(f"{debate}start_date"),
        "panel_order": _null(IntegerField()),
        "panel_kind": _null(CharField()),
        "panel_title": _null(CharField()),
        "result_section": _null(CharField()),
        "paragraph_number": _null(IntegerField()),
        "statement_order": _null(IntegerField()),
    }
    if source.kind == "panel":
        columns.update(panel_order=F("order"), panel_kind=F("kind"), panel_title=F("title"))
    elif source.kind == "paragraph":
        columns.update(
            panel_order=F("panel__order"),
            panel_kind=F("panel__kind"),
            panel_title=F("panel__title"),
            result_section=F("section"),
            paragraph_number=F("number"),
        )
    elif source.kind == "statement":
        columns.update(
            panel_order=F("paragraph__panel__order"),
            panel_kind=F("paragraph__panel__kind"),
            panel_title=F("paragraph__panel__title"),
            result_section=F("paragraph__section"),
            paragraph_number=F("paragraph__number"),
            statement_order=F("order"),
        )
    text = source.fields[-1] if source.kind in {"debate", "panel"} else "text"
    if full_text_available():
        columns["snippet"] = SearchHeadline(
            text,
            search_query(q),
            config=SEARCH_CONFIG,
            start_sel=MARK_START,
            stop_sel=MARK_STOP,
            max_words=40,
            min_words=20,
        )
    else:
        columns["snippet"] = F(text)
    return columns


def search_results(rows, q):
    """The :class:`SearchResult` for a page of :func:`site_search` rows, in the same order, with snippets."""
    rows = list(rows)
    wanted = {}
    for row in rows:
        wanted.setdefault(row["result_kind"], []).append(row["object_id"])
    branches = []
    for source in sources():
        if source.kind not in wanted:
            continue
        columns = _detail_columns(source, q)
        branches.append(source.rows.filter(pk__in=wanted[source.kind]).annotate(**columns).order_by().values(*columns))
    if not branches:
        return []
    first, *rest = branches
    details = {(d["result_kind"], d["object_id"]): d for d in first.union(*rest, all=True)}
    return [SearchResult.from_row(details[row["result_kind"], row["object_id"]], q) for row in rows]


def highlight(snippet, q):
    """Escape ``snippet`` and mark the words of ``q``: from ts_headline's markers, or else by substring."""
    if full_text_available():
        html = escape(snippet)
        html = re.sub(f"{MARK_START}(.*?){MARK_STOP}", r"<mark>\1</mark>", html, flags=re.S)
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
    """One search hit as a page shows it: what it is, where it is, and a highlighted snippet."""

    kind: str
    debate_title: str
    debate_date: object
    url: str
    location: str
    snippet: str

    @classmethod
    def from_row(cls, row, q):
        url = reverse("debates:debate-detail", kwargs={"slug": row["debate_slug"]})
        location = ""
        panel = panel_label(row["panel_kind"], row["panel_order"])
        kind = row["result_kind"]
        if kind == "panel":
            url += f"#panel-{row['panel_order']}"
            location = f"{panel}: {row['panel_title']}"
        elif kind in {"paragraph", "statement"}:
            anchor = f"p{row['paragraph_number']}"
            if kind == "statement":
                anchor += f"-s{row['statement_order']}"
            url += f"#{anchor}"
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
        )

    @property
    def label(self):
        return KIND_LABELS[self.kind]


def panel_label(kind, order):
    """How a citation names a segment ('Panel 2', 'Opening'), as :attr:`panels.models.Panel.label`."""
    if kind is None:
        return ""
    return Panel(kind=kind, order=order).label
