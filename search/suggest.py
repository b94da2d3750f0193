"""What the search page offers when nothing matches: a spelling close to words of the archive, and fewer filters.

A spelling is suggested for each word of the query that the archive does not contain, from the
words of the published debates (their titles, abstracts, segments and paragraphs), by
:func:`difflib.get_close_matches`; the corrected search is offered only when it finds something.
The words are counted by the database (PostgreSQL's ``ts_stat`` over an unstemmed ``simple``
vector; on SQLite, in Python over the text) and kept in the process for
:data:`VOCABULARY_SECONDS`: a suggestion does not need the last minute's words, and a no-result
search is not worth a count of the archive's words each time.  Filters that exclude everything are
offered for removal, all at once (with how many results that gives) and one at a time.
"""

import difflib
import re
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace

from django.db import connection

from debates.models import Debate
from panels.models import Panel, Paragraph

from .syntax import STOP_WORDS, parse_query

VOCABULARY_SECONDS = 3600
WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_lock = threading.Lock()
_vocabulary = {"words": None, "at": 0.0}


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


def _count_words_python():
    counts = Counter()
    published = Debate.Status.PUBLISHED
    sources = [
        Debate.objects.published().values_list("title", "abstract"),
        Panel.objects.filter(debate__status=published).values_list("title", "summary"),
        Paragraph.objects.filter(debate__status=published).values_list("text"),
    ]
    for rows in sources:
        for row in rows.iterator(chunk_size=2000):
            counts.update({word.lower() for text in row for word in WORD.findall(text or "")})
    return dict(counts)


def vocabulary():
    """``{word: number of texts having it}`` of the published archive, at most an hour old."""
    with _lock:
        if _vocabulary["words"] is None or time.monotonic() - _vocabulary["at"] > VOCABULARY_SECONDS:
            count = _count_words_postgresql if connection.vendor == "postgresql" else _count_words_python
            _vocabulary.update(words=count(), at=time.monotonic())
        return _vocabulary["words"]


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


FILTER_LABELS = {
    "debate": "the debate",
    "year_from": "the first year",
    "year_to": "the last year",
    "kind": "the kind of debate",
    "theme": "the theme",
    "topic": "the topic",
}


def suggestions(search, params):
    """:class:`Suggestions` for ``search`` (a :class:`search.queries.Search` that found nothing); ``params``:
    the page's query string, from which the suggested addresses are made."""
    from .queries import Filters, site_search

    found = Suggestions()
    words = vocabulary()
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
