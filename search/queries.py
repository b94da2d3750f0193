"""Full-text search over the published archive: debates, segments, passages and documents, every match ranked.

What a search asks for is read once (search/syntax.py) into clauses — words, ``"phrases"``,
``-exclusions``, ``or`` — widened by the codebook's variants (``R2P``) and hyphenation; each
database then runs them with its own full-text engine:

- **PostgreSQL**: each searched model stores a weighted ``tsvector`` (``search_vector``), indexed with
  RUM (:class:`debates.models.RankedSearchVectorIndex`).  RUM keeps word positions in the index, so
  ``ORDER BY search_vector <=> query`` reads the matches best first from the index: *every* match
  is ranked, and only the best :data:`RESULT_WINDOW` + 1 of each kind leave the index.  The
  relevance is RUM's distance, a ``ts_rank``-like score of how often the wanted words occur,
  weighted by where (below); smaller is better.
- **SQLite** (``make run``): FTS5 tables with Porter stemming kept by triggers (search/fts5.py), ranked
  by BM25 with the same weights.

**Languages.**  The originals are searched in English (:data:`debates.models.SEARCH_CONFIG`), on
every page.  A search on a page in another language (:attr:`Search.language`, the active language)
also searches the passages translated into it (:data:`TRANSLATIONS`, ``ParagraphTranslation`` rows
of that language), the query read again in that language:

- French, Spanish, Russian, Arabic: PostgreSQL's configuration of the language
  (:data:`debates.models.SEARCH_CONFIGS`; "sécurités" is ``'secur'``) against the translation's
  stored vector; on SQLite, FTS5 tables without a stemmer, each word looked for by the prefix it
  shares with its Snowball stem (:func:`search.fts5.stemmed_phrase`).
- Chinese (:data:`search.syntax.SUBSTRING_LANGUAGES`): no configuration splits it into words, so
  each word or phrase is a substring, ``ILIKE '%人的安全%'`` (:class:`Contains`), which a ``pg_trgm``
  GIN index on the Chinese rows serves on PostgreSQL and a scan does on SQLite; ranked by how often
  the substrings occur (:func:`_occurrence_distance`).

A passage found through its translation is one result (:func:`_one_per_passage`), shown in the
page's language: its snippet is the translation's, with the statements whose translations match
marked, and it says whose translation it is.  The English page runs the originals' branches alone.

====================  ======  ==========================================
text                  weight  why
====================  ======  ==========================================
debate, segment title A       a title names what the whole thing is about
document symbol       A       a symbol names one document exactly
statement text        B       the archive's unit of citation
paragraph text,       C       the passage itself
abstract, summary
====================  ======  ==========================================

**One hit per passage.**  A statement is word for word a part of its paragraph, so the paragraph is
the result — a *passage* — and the statements of it that match are marked inside its snippet,
the link going to the first of them.  Debates and segments are results of their own; a document
symbol (``A/RES/64/291``) also finds the document, and the debates listing it among their documents.

**Order.**  By relevance (at equal relevance the most recent debate first, then reading order), or
by date, newest or oldest first.  **Filters**: a debate, a range of years, a kind of debate, a
theme and a topic (for a theme or topic: the debates, segments and passages having statements
filed under it; documents are not filed under themes, so they are left out).

The best :data:`RESULT_WINDOW` results are paged; their number is exact up to that, and "more
than" beyond.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import OperationalError, connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Greatest, Length, Replace, Upper
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from debates.models import (
    SEARCH_CONFIG,
    SEARCH_CONFIGS,
    Debate,
    DebateDocument,
    Document,
    LanguageSearchVector,
    TextOrigin,
    TextStatus,
    Theme,
    Topic,
)
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    anchor,
    panel_anchor,
    panel_heading,
    public_documents,
)

from . import fts5
from .highlight import snippet
from .syntax import SUBSTRING_LANGUAGES, Term, expand, parse_query, positive_words, substring, symbols

WEIGHT_VALUES = {"A": 1.0, "B": 0.4, "C": 0.2}
# The language the originals are searched in (their vectors' configuration, SEARCH_CONFIG): a page in it
# searches them alone; a page in another language searches its translations too.
ORIGINAL_LANGUAGE = "en"
# The most results a search pages through, and the candidates of each kind it takes from the index.
RESULT_WINDOW = 200
SEARCH_WORK_MEM = "64MB"
# The orders of the search page's results, by their query value; each label is one option of its "Order" list.
SORTS = {
    # Translators: an order of search results: the best matches first.
    "relevance": _("Relevance"),
    "newest": _("Newest first"),
    "oldest": _("Oldest first"),
}
# What a search result is, as the result says above its title.
KIND_LABELS = {
    # Translators: the kind of a search result: a UN document.
    "document": pgettext_lazy("kind of search result", "Document"),
    # Translators: the kind of a search result: a whole debate.
    "debate": pgettext_lazy("kind of search result", "Debate"),
    # Translators: the kind of a search result: a segment of a debate (a panel, the opening…).
    "panel": pgettext_lazy("kind of search result", "Segment"),
    # Translators: the kind of a search result: a paragraph of a debate's summary.
    "paragraph": pgettext_lazy("kind of search result", "Passage"),
}
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
    "fts5: syntax error",
)


class QueryTooComplex(ValueError):
    """The database cannot run this query: it exceeds one of SQLite's limits."""


def full_text_available():
    """Whether the database is PostgreSQL (RUM-ranked vectors) rather than SQLite (FTS5)."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Filters:
    """What a search is narrowed to; each ``None`` when not given."""

    debate: Debate | None = None
    year_from: int | None = None
    year_to: int | None = None
    kind: str | None = None
    theme: Theme | None = None
    topic: Topic | None = None

    def __bool__(self):
        return any(value is not None for value in vars(self).values())


def codebook_variants():
    """The themes' and topics' names with their search variants: groups a search treats as one."""
    groups = []
    for model in (Theme, Topic):
        for term in model.objects.exclude(search_variants=""):
            groups.append(term.names)
    return groups


@dataclass(frozen=True)
class Search:
    """A query read and expanded, with its filters and order: what :func:`site_search` runs."""

    q: str
    filters: Filters = field(default_factory=Filters)
    sort: str = "relevance"
    language: str = ORIGINAL_LANGUAGE  # the page's: its translations are searched too

    @cached_property
    def clauses(self):
        return expand(parse_query(self.q), codebook_variants())

    @cached_property
    def words(self):
        """The words and phrases to mark in snippets."""
        return positive_words(self.q, self.clauses)

    @cached_property
    def symbols(self):
        return symbols(self.clauses)

    @cached_property
    def key(self):
        """What the search asks, as text: equal for equal searches (to keep their results under)."""
        filters = {name: getattr(value, "pk", value) for name, value in vars(self.filters).items() if value}
        clauses = [[(term.text.lower(), term.negated) for term in clause] for clause in self.clauses]
        return repr((clauses, sorted(filters.items()), self.sort, self.language))

    @cached_property
    def has_phrase(self):
        """Whether a term to find is a phrase (several words: hyphenated, quoted, or a variant's name)."""
        return any(
            len(term.text.split()) > 1 or "-" in term.text.strip("-")
            for clause in self.clauses
            for term in clause
            if not term.negated and not term.is_symbol
        )

    @property
    def empty(self):
        return not any(not term.negated for clause in self.clauses for term in clause)

    @property
    def translated(self):
        """Whether the translations of the page's language are searched too (besides the originals)."""
        return self.language != ORIGINAL_LANGUAGE and self.language in SEARCH_CONFIGS

    @property
    def by_substring(self):
        """Whether the translations are matched as substrings of their text (Chinese), not by words."""
        return self.language in SUBSTRING_LANGUAGES

    # PostgreSQL -----------------------------------------------------------------------------------

    @cached_property
    def tsquery(self):
        """The clauses as one ``tsquery`` of the originals' configuration (:data:`SEARCH_CONFIG`)."""
        return self._tsquery(SEARCH_CONFIG)

    @cached_property
    def translation_tsquery(self):
        """The clauses as one ``tsquery`` of the page's language's configuration: "sécurités" is ``'secur'``."""
        return self._tsquery(SEARCH_CONFIGS[self.language])

    def _tsquery(self, config):
        """The clauses as one ``tsquery``: alternatives ``||``, clauses ``&&``, exclusions ``!!``."""

        def term_query(term):
            query = SearchQuery(term.text, search_type="phrase", config=config)
            return ~query if term.negated else query

        combined = None
        for clause in self.clauses:
            alternatives = None
            for term in clause:
                alternatives = term_query(term) if alternatives is None else alternatives | term_query(term)
            combined = alternatives if combined is None else combined & alternatives
        return combined

    # SQLite ---------------------------------------------------------------------------------------

    @cached_property
    def fts5_positive(self):
        """The FTS5 expression of the clauses with a term to find (exclusions are applied apart)."""
        return fts5.match_expression([clause for clause in self.clauses if not _excluding(clause)])

    @cached_property
    def fts5_negative(self):
        """The FTS5 expression of what is excluded: any of the excluded terms."""
        excluded = [[Term(term.text) for clause in self.clauses if _excluding(clause) for term in clause]]
        return fts5.match_expression(excluded) if excluded[0] else None

    @cached_property
    def fts5_translation_positive(self):
        """:attr:`fts5_positive` for the translations: each word by the prefix of its stem in the page's language."""
        phrase = fts5.stemmed_phrase(self.language)
        return fts5.match_expression([clause for clause in self.clauses if not _excluding(clause)], phrase)

    @cached_property
    def fts5_translation_negative(self):
        phrase = fts5.stemmed_phrase(self.language)
        excluded = [[Term(term.text) for clause in self.clauses if _excluding(clause) for term in clause]]
        return fts5.match_expression(excluded, phrase) if excluded[0] else None

    # Substrings (Chinese) -------------------------------------------------------------------------

    @cached_property
    def substrings(self):
        """The clauses as ``[[(substring, negated), …], …]``: a phrase of CJK characters is one run of them."""
        return [[(substring(term.text), term.negated) for term in clause] for clause in self.clauses]


def _excluding(clause):
    return all(term.negated for term in clause)


class Contains(Func):
    """``text ILIKE '%…%'`` (``LIKE`` on SQLite, which folds ASCII case only): whether ``text`` holds a substring.

    ``ILIKE`` is what PostgreSQL's trigram index (``gin_trgm_ops``, search/migrations/0002) reads; Django's
    ``icontains`` writes ``UPPER(text) LIKE UPPER(…)``, which that index cannot serve.
    """

    output_field = BooleanField()
    template = "(%(expressions)s)"
    arg_joiner = " ILIKE "

    def __init__(self, expression, substring):
        escaped = substring.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        super().__init__(expression, Value(f"%{escaped}%"))

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, arg_joiner=" LIKE ", template="(%(expressions)s ESCAPE '\\')")


def _substring_condition(search, field_name="text"):
    """The rows whose ``field_name`` holds the wanted substrings of ``search`` and none of the excluded ones."""
    condition = Q()
    for clause in search.substrings:
        alternatives = Q(pk__in=[])
        for text, negated in clause:
            holds = Q(Contains(F(field_name), text))
            alternatives |= ~holds if negated else holds
        condition &= alternatives
    return condition


def _occurrence_distance(search, weight):
    """A distance for a substring match, smaller is better: fewer occurrences of the wanted substrings, further.

    ``1 / (weight × occurrences)``, in the spirit of RUM's distance (``1 / ts_rank``), but on a scale of its
    own: on a Chinese page the passages found by substrings are ranked among themselves.
    """
    wanted = {text for clause in search.substrings for text, negated in clause if not negated and text}
    occurrences = Value(0)
    for text in sorted(wanted):
        count = (Length("text") - Length(Replace("text", Value(text), Value("")))) / len(text)
        occurrences = occurrences + count
    found = Greatest(Cast(occurrences, FloatField()), Value(1.0))
    return Value(1.0) / (Value(WEIGHT_VALUES[weight]) * found)


class RumDistance(Func):
    """``search_vector <=> query``: RUM's distance, smaller is more relevant; what a RUM index orders by."""

    arg_joiner = " <=> "
    template = "(%(expressions)s)"
    output_field = FloatField()


@dataclass(frozen=True)
class Source:
    """One kind of search result: its rows, and the paths from a row to what a result shows.

    ``debate``, ``panel`` and ``paragraph`` prefix the lookups of the debate, segment and paragraph a row
    belongs to (``""`` when the row is that thing itself, ``None`` when it has none).
    """

    kind: str
    order: int
    debate: str | None
    panel: str | None = None
    paragraph: str | None = None
    many: bool = False  # as many as the statements: the window is read in the RUM index's order (see below)
    identity: str = "pk"  # what a result is: a translation's is its paragraph's, so that a passage is one result

    @property
    def model(self):
        models = {
            "document": Document,
            "debate": Debate,
            "panel": Panel,
            "paragraph": Paragraph,
            "translation": ParagraphTranslation,
            "statement-translation": InterventionTranslation,
        }
        return models.get(self.kind, Intervention)

    def rows(self):
        published = Debate.Status.PUBLISHED
        if self.kind == "document":
            return public_documents().annotate(symbol_upper=Upper("symbol"))
        if self.kind == "debate":
            return Debate.objects.published()
        return self.model.objects.filter(**{f"{self.debate}status": published})

    @property
    def weighted_fields(self):
        """The text fields searched, with their weights, as the model's stored vector declares them."""
        if self.kind == "document":
            return (("symbol", "A"),)  # by the symbol alone, and exactly
        vector = self.model._meta.get_field("search_vector").expression
        if isinstance(vector, LanguageSearchVector):
            return ((vector.text_field, vector.weight),)
        return vector.weighted_fields

    @property
    def table(self):
        return connection.ops.quote_name(self.model._meta.db_table)


SOURCES = [
    Source("document", 0, debate=None),
    Source("debate", 1, debate=""),
    Source("panel", 2, debate="debate__", panel=""),
    Source("paragraph", 3, debate="debate__", panel="panel__", paragraph="", many=True),
]
# The passages in the page's language: a paragraph's translation into it, a result as its paragraph is.
TRANSLATIONS = Source(
    "translation",
    3,
    debate="paragraph__debate__",
    panel="paragraph__panel__",
    paragraph="paragraph__",
    many=True,
    identity="paragraph_id",
)


def _sources(search):
    """The kinds of rows ``search`` looks in: the originals', and on a page in another language its translations."""
    return [*SOURCES, TRANSLATIONS] if search.translated else SOURCES


def _statements_filed(source, theme=None, topic=None):
    """An ``Exists`` of a published statement of the row filed under ``theme`` or ``topic``."""
    within = {"debate": "debate", "panel": "paragraph__panel", "paragraph": "paragraph", "translation": "paragraph"}
    statements = Intervention.objects.published().filter(**{within[source.kind]: OuterRef(source.identity)})
    if theme is not None:
        statements = statements.filter(themes=theme)
    if topic is not None:
        statements = statements.filter(topics=topic)
    return Exists(statements)


def _filtered(source, rows, filters):
    if not filters:
        return rows
    if source.kind == "document":
        if filters.theme or filters.topic:
            return rows.none()
        debates = Debate.objects.published()
        if filters.debate:
            debates = debates.filter(pk=filters.debate.pk)
        if filters.year_from:
            debates = debates.filter(start_date__year__gte=filters.year_from)
        if filters.year_to:
            debates = debates.filter(start_date__year__lte=filters.year_to)
        if filters.kind:
            debates = debates.filter(kind=filters.kind)
        return rows.filter(Exists(DebateDocument.objects.filter(document=OuterRef("pk"), debate__in=debates)))
    prefix = source.debate
    if filters.debate:
        rows = rows.filter(**{f"{prefix}pk": filters.debate.pk})
    if filters.year_from:
        rows = rows.filter(**{f"{prefix}start_date__year__gte": filters.year_from})
    if filters.year_to:
        rows = rows.filter(**{f"{prefix}start_date__year__lte": filters.year_to})
    if filters.kind:
        rows = rows.filter(**{f"{prefix}kind": filters.kind})
    if filters.theme or filters.topic:
        rows = rows.filter(_statements_filed(source, filters.theme, filters.topic))
    return rows


def _symbol_condition(source, search):
    """Rows found by a document symbol of the query: the document itself, and the debates listing it."""
    if not search.symbols:
        return None
    if source.kind == "document":
        return Q(symbol_upper__in=search.symbols)
    if source.kind == "debate":
        listed = DebateDocument.objects.annotate(symbol_upper=Upper("document__symbol")).filter(
            debate=OuterRef("pk"), symbol_upper__in=search.symbols
        )
        return Q(Exists(listed))
    return None


def matching(source, search):
    """The rows of ``source`` matching ``search``, and their relevance as a distance (smaller is better).

    A document is found by its symbol alone (a search for its title's words finds the passages and
    debates about them instead), and comes first, as do the debates listing it.
    """
    rows = _filtered(source, source.rows(), search.filters)
    by_symbol = _symbol_condition(source, search)
    found = Value(0.0, output_field=FloatField())
    if source.kind == "document":
        return rows.filter(by_symbol) if by_symbol is not None else rows.none(), found
    if source.kind == "translation":
        return _matching_translations(source, rows, search)
    if full_text_available():
        text = Q(search_vector=search.tsquery)
        distance = RumDistance(F("search_vector"), search.tsquery)
    else:
        text = _fts5_condition(source, search.fts5_positive, search.fts5_negative)
        sql, params = fts5.distance_sql(source.kind, search.fts5_positive or "", _weights(source), source.table)
        distance = RawSQL(sql, params, output_field=FloatField()) if search.fts5_positive else Value(0.0)
    if by_symbol is None:
        return rows.filter(text), distance
    return rows.filter(text | by_symbol), Case(When(by_symbol, then=found), default=distance, output_field=FloatField())


def _matching_translations(source, rows, search):
    """:func:`matching` for the translations into the page's language: its configuration, or its substrings."""
    rows = rows.filter(language=search.language)
    if search.by_substring:
        return rows.filter(_substring_condition(search)), _occurrence_distance(search, source.weighted_fields[0][1])
    if full_text_available():
        query = search.translation_tsquery
        return rows.filter(search_vector=query), RumDistance(F("search_vector"), query)
    positive = search.fts5_translation_positive
    rows = rows.filter(_fts5_condition(source, positive, search.fts5_translation_negative))
    if not positive:
        return rows, Value(0.0)
    sql, params = fts5.distance_sql(source.kind, positive, _weights(source), source.table)
    return rows, RawSQL(sql, params, output_field=FloatField())


def _weights(source):
    return [WEIGHT_VALUES[weight] for _, weight in source.weighted_fields]


STATEMENTS = Source("statement", 4, debate="debate__", panel="paragraph__panel__", paragraph="paragraph__")


def filter_interventions(queryset, q):
    """The statements of ``queryset`` that match ``q``: the explorer's ``q`` filter."""
    search = q if isinstance(q, Search) else Search(q)
    if not search.clauses:
        return queryset.none()
    if full_text_available():
        return queryset.filter(search_vector=search.tsquery)
    return queryset.filter(_fts5_condition(STATEMENTS, search.fts5_positive, search.fts5_negative))


def _fts5_condition(source, positive, negative):
    """The rows of ``source`` matching the FTS5 expression ``positive`` and not ``negative`` (each may be None)."""
    condition = Q()
    if positive:
        sql, params = fts5.matching_ids_sql(source.kind, positive)
        condition &= Q(pk__in=RawSQL(sql, params))
    if negative:
        sql, params = fts5.matching_ids_sql(source.kind, negative)
        condition &= ~Q(pk__in=RawSQL(sql, params))
    return condition


WINDOW_COLUMNS = ("result_kind", "object_id", "distance", "result_date", "reading", "kind_order")


def _order(sort):
    """The window's order for ``sort``; a document's date is its latest debate's, and without one it goes last."""
    oldest = F("result_date").asc(nulls_last=True)
    newest = F("result_date").desc(nulls_last=True)
    rest = ("kind_order", "reading", "object_id")
    if sort == "newest":
        return (newest, *rest)
    if sort == "oldest":
        return (oldest, *rest)
    return ("distance", newest, *rest)


def _annotated(source, search):
    """The matches of ``source`` with the :data:`WINDOW_COLUMNS` a window is ordered by."""
    rows, distance = matching(source, search)
    reading = F(f"{source.paragraph}number") if source.paragraph is not None else Value(0)
    return rows.annotate(
        result_kind=Value(source.kind, output_field=CharField()),
        object_id=F(source.identity),
        distance=distance,  # as it is: a cast would hide from PostgreSQL that the RUM index gives this order
        result_date=F(f"{source.debate}start_date") if source.debate is not None else _document_date(),
        reading=Cast(reading, IntegerField()),
        kind_order=Value(source.order, output_field=IntegerField()),
    )


def _candidates(source, search):
    """The best :data:`RESULT_WINDOW` + 1 rows of ``source`` for ``search``, in its order.

    By relevance on PostgreSQL the ``ORDER BY`` is the RUM distance itself, so the index yields the
    rows best first and PostgreSQL stops after the window.
    """
    # Passages by relevance: the distance alone.  With the tie-breaking columns after it the index could not
    # give the order, and PostgreSQL would rank every match in a sort (a second at a million statements,
    # measured).  Ties are broken when the kinds are merged, so only passages tied across the window's last
    # place can differ from an exhaustive ranking.  The other kinds are few (a debate has a handful of
    # segments), and many of them tie (titles that say "human security" once): their whole order is kept.
    #
    # Except with a phrase: RUM orders a phrase's matches by a score of its own that is not the distance
    # (measured: "human rights" came out in an order no place of which agreed with the distance), so then
    # every match is ranked in a sort, exactly; a phrase's matches are fewer than a common word's.
    by_index = source.many and search.sort == "relevance" and not search.has_phrase
    order = ("distance",) if by_index else _order(search.sort)
    ordered = _annotated(source, search).order_by(*order).values(*WINDOW_COLUMNS)
    # SQLite allows no LIMIT in a UNION's branches: there the whole matches are merged (make run's archive
    # is small; FTS5 ranks 20,000 matches in about 40 ms, search/fts5.py).
    return ordered[: RESULT_WINDOW + 1] if full_text_available() else ordered.order_by()


def _document_date():
    """A document's date for ordering: that of the latest published debate listing it."""
    links = DebateDocument.objects.filter(document=OuterRef("pk"), debate__status=Debate.Status.PUBLISHED)
    return Subquery(links.order_by("-debate__start_date").values("debate__start_date")[:1])


def site_search(q, filters=None, sort="relevance"):
    """The ranked candidates among published documents, debates, segments and passages, best first.

    Returns at most :data:`RESULT_WINDOW` + 1 rows ``{"result_kind", "object_id", "distance",
    "result_date", "reading", "kind_order"}``: :class:`ResultWindowPaginator` pages through them and
    :func:`search_results` fetches what a page shows.  ``q`` may also be a :class:`Search`.
    Raises :class:`QueryTooComplex` when SQLite cannot run it.
    """
    search = q if isinstance(q, Search) else Search(q, filters or Filters(), sort)
    if search.empty:
        return []
    branches = [_candidates(source, search) for source in _sources(search)]
    first, *rest = branches
    ordered = first.union(*rest, all=True).order_by(*_order(search.sort))
    # A passage is in the window at most twice (by its original and by its translation), so twice the
    # window holds the window's worth of passages once each.
    limit = 2 * (RESULT_WINDOW + 1) if search.translated else RESULT_WINDOW + 1
    try:
        with transaction.atomic():
            if full_text_available():
                with connection.cursor() as cursor:
                    # RUM sorts a word's matches by distance in memory: 64 MB keeps a common word's
                    # there (140 ms at a million statements, against 225 ms with the default 4 MB).
                    cursor.execute(f"SET LOCAL work_mem = '{SEARCH_WORK_MEM}'")
            rows = list(ordered[:limit])
        return _one_per_passage(rows)[: RESULT_WINDOW + 1] if search.translated else rows
    except OperationalError as error:
        if connection.vendor == "sqlite" and any(limit in str(error).lower() for limit in SQLITE_LIMIT_ERRORS):
            raise QueryTooComplex(str(error)) from error
        raise


def _one_per_passage(rows):
    """``rows`` (in order) with each passage once: found by its original and by its translation, it is the
    translation (what the page's reader reads) at the better place of the two."""
    translated = {row["object_id"] for row in rows if row["result_kind"] == TRANSLATIONS.kind}
    passages, kept = set(), []
    for row in rows:
        if row["result_kind"] in ("paragraph", TRANSLATIONS.kind):
            if row["object_id"] in passages:
                continue
            passages.add(row["object_id"])
            if row["object_id"] in translated:
                row = {**row, "result_kind": TRANSLATIONS.kind}
        kept.append(row)
    return kept


def exhaustive_ranking(q, limit=10):
    """The best ``limit`` rows of ``q`` in :func:`site_search`'s order, every match ranked without the index.

    What the benchmark and the tests compare :func:`site_search` with: all matches of each kind are
    read (on PostgreSQL with index scans off, so that no RUM index orders them), then sorted in Python
    by the same keys.
    """
    search = q if isinstance(q, Search) else Search(q)
    if search.empty:
        return []
    if full_text_available():
        with connection.cursor() as cursor:
            cursor.execute("SET enable_indexscan = off")
    try:
        rows = [row for source in _sources(search) for row in _annotated(source, search).values(*WINDOW_COLUMNS)]
    finally:
        if full_text_available():
            with connection.cursor() as cursor:
                cursor.execute("RESET enable_indexscan")
    rows.sort(key=_sort_key(search.sort))
    return _one_per_passage(rows)[:limit]


def _sort_key(sort):
    """:func:`_order` as a Python sort key (a debate's date as its ordinal; no date sorts last, as in SQL)."""

    def day(row):
        return row["result_date"].toordinal() if row["result_date"] else None

    def key(row):
        date = day(row)
        first = (date is None, date or 0) if sort == "oldest" else (date is None, -(date or 0))
        rest = (row["kind_order"], row["reading"], row["object_id"])
        return first + rest if sort != "relevance" else (row["distance"], *first, *rest)

    return key


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
    "origin",
    "heading",
    "body",
    "document_slug",
    "document_url",
    "text_status",
    "translation_symbol",
)


def _details(source, ids, language):
    """The rows ``ids`` of ``source`` with :data:`DETAIL_COLUMNS`, the same columns for every kind.

    A translation's are its paragraph's, with its own text, status and document symbol.
    """

    def path(prefix, name, output_field):
        return Cast(Value(None), output_field) if prefix is None else F(f"{prefix}{name}")

    def own(name, kinds):
        return F(name) if source.kind in kinds else Cast(Value(None), TextField())

    text_field = {"document": "title", "debate": "abstract", "panel": "summary", "paragraph": "text"}.get(
        source.kind, "text"
    )
    title = {"document": "symbol", "debate": "title", "panel": "title"}.get(source.kind)
    rows = source.model.objects.filter(**{f"{source.identity}__in": ids})
    if source.kind == TRANSLATIONS.kind:
        rows = rows.filter(language=language)
    return (
        rows.annotate(
            result_kind=Value(source.kind, output_field=CharField()),
            object_id=F(source.identity),
            debate_slug=path(source.debate, "slug", TextField()),
            debate_title=path(source.debate, "title", TextField()),
            debate_date=path(source.debate, "start_date", Debate._meta.get_field("start_date")),
            panel_order=path(source.panel, "order", IntegerField()),
            panel_kind=path(source.panel, "kind", TextField()),
            panel_title=path(source.panel, "title", TextField()),
            result_section=path(source.paragraph, "section", TextField()),
            paragraph_number=path(source.paragraph, "number", IntegerField()),
            origin=path(source.paragraph, "text_origin", TextField()),
            heading=Cast(F(title), TextField()) if title else Cast(Value(None), TextField()),
            body=Cast(F(text_field), TextField()),
            document_slug=own("slug", {"document"}),
            document_url=own("url", {"document"}),
            text_status=own("status", {TRANSLATIONS.kind}),
            translation_symbol=own("document_symbol", {TRANSLATIONS.kind}),
        )
        .order_by()
        .values(*DETAIL_COLUMNS)
    )


def matching_statements(paragraph_ids, search):
    """``{paragraph id: [(order, text), …]}``: the statements of those paragraphs that match ``search``."""
    statements = Intervention.objects.filter(paragraph_id__in=paragraph_ids)
    if full_text_available():
        statements = statements.filter(search_vector=search.tsquery)
    else:
        statements = statements.filter(_fts5_condition(STATEMENTS, search.fts5_positive, search.fts5_negative))
    found = {}
    for paragraph, order, text in statements.order_by("paragraph_id", "order").values_list(
        "paragraph_id", "order", "text"
    ):
        found.setdefault(paragraph, []).append((order, text))
    return found


STATEMENT_TRANSLATIONS = Source(
    "statement-translation", 4, debate="intervention__debate__", paragraph="intervention__paragraph__"
)


def matching_translated_statements(paragraph_ids, search):
    """:func:`matching_statements` in the page's language: the statements' translations into it that match."""
    statements = InterventionTranslation.objects.filter(
        intervention__paragraph_id__in=paragraph_ids, language=search.language
    )
    if search.by_substring:
        statements = statements.filter(_substring_condition(search))
    elif full_text_available():
        statements = statements.filter(search_vector=search.translation_tsquery)
    else:
        positive, negative = search.fts5_translation_positive, search.fts5_translation_negative
        statements = statements.filter(_fts5_condition(STATEMENT_TRANSLATIONS, positive, negative))
    found = {}
    rows = statements.order_by("intervention__paragraph_id", "intervention__order").values_list(
        "intervention__paragraph_id", "intervention__order", "text"
    )
    for paragraph, order, text in rows:
        found.setdefault(paragraph, []).append((order, text))
    return found


def search_results(rows, q):
    """The :class:`SearchResult` for a page of :func:`site_search` rows, in the same order, with snippets.

    Two queries: a ``UNION`` of the kinds the page shows, and the matching statements of its passages; on
    a page in another language than the originals', a third: the matching statements of its translations.
    """
    search = q if isinstance(q, Search) else Search(q)
    rows = list(rows)
    wanted = {}
    for row in rows:
        wanted.setdefault(row["result_kind"], []).append(row["object_id"])
    if not wanted:
        return []
    kinds = [source for source in _sources(search) if source.kind in wanted]
    first, *rest = (_details(source, wanted[source.kind], search.language) for source in kinds)
    details = {(row["result_kind"], row["object_id"]): row for row in first.union(*rest, all=True)}
    # Asked even when the page shows no passage (of no paragraph, then): a page costs the same queries
    # whatever kinds it shows, as the query-count tests hold every page to.
    statements = {"paragraph": matching_statements(wanted.get("paragraph", [0]), search)}
    if search.translated:
        statements[TRANSLATIONS.kind] = matching_translated_statements(wanted.get(TRANSLATIONS.kind, [0]), search)
    citing = _citing_debates(wanted.get("document", []))
    results = []
    for kind, object_id in ((row["result_kind"], row["object_id"]) for row in rows):
        if (kind, object_id) in details:
            found = statements[kind].get(object_id, []) if kind in statements else []
            row = details[(kind, object_id)]
            results.append(SearchResult.from_row(row, search, found, citing.get(object_id, [])))
    return results


def _citing_debates(document_ids):
    """``{document id: [(slug, title), …]}``: the published debates listing each document."""
    if not document_ids:
        return {}
    citing = {}
    rows = (
        Debate.objects.published()
        .filter(document_links__document__in=document_ids)
        .values_list("document_links__document", "slug", "title")
        .order_by("-start_date", "slug")
    )
    for document, slug, title in rows:
        citing.setdefault(document, []).append((slug, title))
    return citing


@dataclass(frozen=True)
class SearchResult:
    """One search hit as a page shows it: what it is, where it is, whose words, and a highlighted snippet.

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
    statement_orders: tuple = ()
    text_origin: str = ""
    text_status: str = ""
    translation_symbol: str = ""
    document_slug: str = ""
    citing: tuple = ()

    @classmethod
    def from_row(cls, row, search, statements=(), citing=()):
        kind = row["result_kind"]
        if kind == "document":
            return cls(
                kind=kind,
                debate_title=row["body"],
                debate_date=None,
                url=row["document_url"] or (reverse("public:debate-detail", args=[citing[0][0]]) if citing else ""),
                location=row["heading"],
                snippet=snippet(": ".join(part for part in (row["heading"], row["body"]) if part), search.words),
                document_slug=row["document_slug"],
                citing=tuple(citing),
            )
        url = reverse("public:debate-detail", kwargs={"slug": row["debate_slug"]})
        location = ""
        panel = panel_heading(row["panel_kind"], row["panel_order"])
        orders = tuple(order for order, _ in statements)
        # A passage found through its translation is a passage: only its text and its status differ.
        translation = kind == TRANSLATIONS.kind
        kind = "paragraph" if translation else kind
        if kind == "panel":
            url += f"#{panel_anchor(row['panel_order'])}"
            location = f"{panel}: {row['panel_title']}"
        elif kind == "paragraph":
            url += f"#{anchor(row['paragraph_number'], orders[0] if orders else None)}"
            section = panel or str(Paragraph.Section(row["result_section"]).label)
            location = _paragraph_location(section, row["paragraph_number"], orders)
        return cls(
            kind=kind,
            debate_title=row["debate_title"],
            debate_date=row["debate_date"],
            url=url,
            location=location,
            snippet=snippet(
                row["body"] or "",
                search.words,
                [text for _, text in statements],
                language=search.language if translation else ORIGINAL_LANGUAGE,
            ),
            debate_slug=row["debate_slug"],
            paragraph_number=row["paragraph_number"],
            statement_order=orders[0] if orders else None,
            statement_orders=orders,
            text_origin=row["origin"] or "",
            text_status=row["text_status"] or "",
            translation_symbol=row["translation_symbol"] or "",
        )

    @property
    def label(self):
        return KIND_LABELS[self.kind]

    @property
    def origin_label(self):
        """Whose words the passage is: the UN's own or the archive's account."""
        return TextOrigin(self.text_origin).label if self.text_origin else ""

    @property
    def status_label(self):
        """For a passage found through its translation, whose translation: the UN's official one or the archive's."""
        return TextStatus(self.text_status).label if self.text_status else ""


def _paragraph_location(section, number, orders):
    """Where a passage is, in words: "Panel 2, paragraph 14, statements 1 and 3"."""
    if not orders:
        # Translators: where a search result is: %(section)s is a part of a debate ("Panel 2", "Introduction").
        return gettext("%(section)s, paragraph %(number)s") % {"section": section, "number": number}
    if len(orders) == 1:
        # Translators: where a search result is: "Panel 2, paragraph 14, statement 3".
        message = gettext("%(section)s, paragraph %(number)s, statement %(statement)s")
        return message % {"section": section, "number": number, "statement": orders[0]}
    # Translators: where a search result is: "Panel 2, paragraph 14, statements 1, 2 and 4"; %(statements)s is
    # the first numbers, separated by commas.
    message = gettext("%(section)s, paragraph %(number)s, statements %(statements)s and %(last)s")
    first = ", ".join(str(order) for order in orders[:-1])
    return message % {"section": section, "number": number, "statements": first, "last": orders[-1]}
