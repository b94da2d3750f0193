"""What the search page offers when nothing matches: a spelling close to words of the archive, and fewer filters.

A spelling is suggested for each word of the query that the archive does not contain, from the
words of its paragraphs (and, on PostgreSQL, of the published debates' titles, abstracts and
segments), by :func:`difflib.get_close_matches`; the corrected search is offered only when it finds
something.  The words are listed by the database: on PostgreSQL ``ts_stat`` over an unstemmed
``simple`` vector of the published texts, on SQLite the FTS5 vocabulary of the paragraphs
(search/fts5.py).  They are kept in the process for :data:`VOCABULARY_SECONDS`: a suggestion does
not need the last minute's words.  Listing them reads every paragraph, seconds at a million
statements, so a large archive's list is made in a background thread and no reader waits for it
(until it is ready, only the filters are offered).  Filters that exclude everything are offered for
removal, all at once (with how many results that gives) and one at a time.
"""

import difflib
import logging
import re
import threading
import time
from dataclasses import dataclass, field, replace

from django.db import connection, connections
from django.utils.translation import gettext_lazy as _

from debates.models import Debate
from panels.models import Panel, Paragraph

from . import fts5
from .syntax import STOP_WORDS, parse_query

VOCABULARY_SECONDS = 3600
# Above this many paragraphs (PostgreSQL's estimate) the words are listed in the background.
INLINE_PARAGRAPHS = 50_000
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
logger = logging.getLogger(__name__)
_lock = threading.Lock()
_vocabulary = {"words": None, "at": 0.0, "building": False}


def _count_words_postgresql():
    debate, panel, paragraph = (connection.ops.quote_name(model._meta.db_table) for model in (Debate, Panel, Paragraph))
    published = f"SELECT id FROM {debate} WHERE status = 'published'"  # noqa: S608 (the models' own tables)
    texts = " UNION ALL ".join(
        [
            f"SELECT to_tsvector('simple', title || ' ' || abstract) FROM {debate} WHERE id IN ({published})",
            f"SELECT to_tsvector('simple', title || ' ' || summary) FROM {panel} WHERE debate_id IN ({published})",
            f"SELECT to_tsvector('simple', text) FROM {paragraph} WHERE debate_id IN ({published})",
        ]
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT word, ndoc FROM ts_stat(%s)", [texts])
        return {word: count for word, count in cursor.fetchall() if WORD.fullmatch(word)}


def _count_words_sqlite():
    return {word: count for word, count in fts5.indexed_terms() if WORD.fullmatch(word)}


def _count_words():
    return _count_words_postgresql() if connection.vendor == "postgresql" else _count_words_sqlite()


def _large():
    """Whether listing the words takes long: PostgreSQL's estimate of the paragraphs (no count is run)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [Paragraph._meta.db_table])
        row = cursor.fetchone()
    return bool(row) and row[0] > INLINE_PARAGRAPHS


def _build_in_background():
    def build():
        try:
            words = _count_words()
            with _lock:
                _vocabulary.update(words=words, at=time.monotonic())
        except Exception:
            logger.exception("Listing the archive's words for spelling suggestions failed")
        finally:
            with _lock:
                _vocabulary["building"] = False
            connections.close_all()

    threading.Thread(target=build, name="search-vocabulary", daemon=True).start()


def vocabulary():
    """``{word: number of texts having it}`` of the archive, at most an hour old; None while a large
    archive's list is being made (the old one, if any, is returned meanwhile)."""
    with _lock:
        fresh = _vocabulary["words"] is not None and time.monotonic() - _vocabulary["at"] <= VOCABULARY_SECONDS
        if fresh or _vocabulary["building"]:
            return _vocabulary["words"]
        large = _large()
        if large:
            _vocabulary["building"] = True
    if large:
        _build_in_background()
        return _vocabulary["words"]
    words = _count_words()
    with _lock:
        _vocabulary.update(words=words, at=time.monotonic())
    return words


def forget():
    """Drop the kept words (the tests change the archive under them)."""
    with _lock:
        _vocabulary.update(words=None, at=0.0)


def close_spelling(word, words):
    """The word of ``words`` closest to ``word`` in spelling, the most common among equals; None if none is close."""
    candidates = difflib.get_close_matches(word.lower(), words.keys(), n=5, cutoff=0.75)
    if not candidates:
        return None
    return max(candidates, key=lambda found: (difflib.SequenceMatcher(None, word.lower(), found).ratio(), words[found]))


@dataclass
class Suggestions:
    """What to offer: corrected searches (``[(q, results)]``) and filters to drop (``[(label, params)]``)."""

    spellings: list = field(default_factory=list)
    without_filters: tuple | None = None  # (params, results)
    filters: list = field(default_factory=list)  # (label, params)

    def __bool__(self):
        return bool(self.spellings or self.without_filters or self.filters)


# Each filter a search without results offers to leave out ("Or leave out one filter: the theme, the topic.").
FILTER_LABELS = {
    # Translators: a filter the search page offers to leave out: "Or leave out one filter: the debate, the topic."
    "debate": _("the debate"),
    "year_from": _("the first year"),
    "year_to": _("the last year"),
    "kind": _("the kind of debate"),
    "theme": _("the theme"),
    "topic": _("the topic"),
}


def suggestions(search, params):
    """:class:`Suggestions` for ``search`` (a :class:`search.queries.Search` that found nothing); ``params``:
    the page's query string, from which the suggested addresses are made."""
    from .queries import Filters, site_search

    found = Suggestions()
    words = vocabulary() or {}
    corrected = search.q
    for clause in parse_query(search.q):
        for term in clause:
            for word in WORD.findall(term.text):
                if term.negated or word.lower() in STOP_WORDS or word.lower() in words:
                    continue
                spelling = close_spelling(word, words)
                if spelling:
                    corrected = re.sub(rf"\b{re.escape(word)}\b", spelling, corrected, count=1)
    if corrected != search.q:
        results = len(site_search(replace(search, q=corrected)))
        if results:
            found.spellings.append((_with(params, q=corrected), corrected, results))
    if search.filters:
        results = len(site_search(replace(search, filters=Filters())))
        if results:
            found.without_filters = (_with(params, **dict.fromkeys(FILTER_LABELS)), results)
        for name, label in FILTER_LABELS.items():
            if params.get(name):
                found.filters.append((label, _with(params, **{name: None})))
    return found


def _with(params, **changes):
    """The query string ``params`` with ``changes`` (None removes a parameter) and without ``page``."""
    query = params.copy()
    query.pop("page", None)
    for name, value in changes.items():
        query.pop(name, None)
        if value is not None:
            query[name] = value
    return query.urlencode()
