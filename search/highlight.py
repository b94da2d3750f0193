"""Snippets of search results: escaped text in which the words found are ``<mark>``-ed.

Words are compared by their stems (the Snowball stemmer of the text's language — English for the
originals — the algorithm both databases' full-text search uses), so that a search for "protecting"
marks "protection" and "protected" in the snippet, as it found them, and "sécurités" marks
"sécurité" in a French translation.  A document symbol is marked where it occurs whole, and so is
each word or phrase in a Chinese text, which is searched as a substring (search/queries.py).  In a passage,
the statements that matched are wrapped in ``<span class="statement-hit">`` inside their paragraph.
The output is escaped HTML whose only markup is those two elements.
"""

import re
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .fts5 import stemmer
from .syntax import STOP_WORDS, SUBSTRING_LANGUAGES, SYMBOL, substring

SNIPPET_CHARACTERS = 240
# Around a matched statement, at most this much of its paragraph before and after it.
CONTEXT_CHARACTERS = 80
WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=50_000)
def stem(word, language="en"):
    return stemmer(language).stemWord(word.lower())


def _wanted(words, language="en"):
    """What to mark for the query's positive ``words``: stems of single words, phrases (as lists of
    stems, stop words left out, as the full-text search leaves them out), and symbols (anything marked
    where it occurs whole: in a Chinese text, every word and phrase)."""
    stems, phrases, symbols = set(), [], []
    stop_words = STOP_WORDS if language == "en" else frozenset()
    for text in words:
        if SYMBOL.match(text) or language in SUBSTRING_LANGUAGES:
            symbols.append(substring(text))
            continue
        parts = [stem(word, language) for word in WORD.findall(text) if word.lower() not in stop_words]
        if len(parts) == 1:
            stems.add(parts[0])
        elif parts:
            phrases.append(parts)
    return stems, phrases, symbols


def _marks(text, stems, phrases, symbols, language="en"):
    """The ``(start, end)`` spans of ``text`` to mark, in order, not overlapping: each word of a phrase
    where the whole phrase occurs, a single word wherever one of its forms does, a symbol where it is whole."""
    stop_words = STOP_WORDS if language == "en" else frozenset()
    words = [match for match in WORD.finditer(text) if match.group().lower() not in stop_words]
    word_stems = [stem(match.group(), language) for match in words]
    spans = [match.span() for match, found in zip(words, word_stems, strict=True) if found in stems]
    for phrase in phrases:
        for start in range(len(words) - len(phrase) + 1):
            if word_stems[start : start + len(phrase)] == phrase:
                spans.extend(match.span() for match in words[start : start + len(phrase)])
    for symbol in symbols:
        spans.extend(match.span() for match in re.finditer(re.escape(symbol), text, flags=re.IGNORECASE))
    spans.sort()
    kept, end = [], -1
    for start, stop in spans:
        if start >= end:
            kept.append((start, stop))
            end = stop
    return kept


def _html(text, spans, offset=0):
    """``text`` escaped, with ``spans`` (relative to ``offset``) in ``<mark>``."""
    html, position = [], 0
    for start, stop in spans:
        start, stop = start - offset, stop - offset
        if stop <= 0 or start >= len(text):
            continue
        start, stop = max(start, 0), min(stop, len(text))
        html.append(escape(text[position:start]))
        html.append(f"<mark>{escape(text[start:stop])}</mark>")
        position = stop
    html.append(escape(text[position:]))
    return "".join(html)


def _window(text, first, last, size):
    """About ``size`` characters of ``text`` covering ``first``..``last`` where it can, cut at spaces."""
    start = max(0, min(first, len(text)) - max(0, size - (last - first)) // 3)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), max(last, start + size))
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(start, last - 1) else end
    return start, end


def snippet(text, words, statements=(), language="en"):
    """About :data:`SNIPPET_CHARACTERS` of ``text`` around what was found, as safe HTML.

    ``words``: the query's positive words and phrases; ``statements``: texts of the statements of this
    paragraph that matched (each word for word in ``text``), wrapped in ``<span class="statement-hit">``;
    ``language``: the text's, whose stemmer compares the words.
    """
    text = " ".join((text or "").split())
    marks = _marks(text, *_wanted(words, language), language)
    hits = []
    for statement in statements:
        statement = " ".join(statement.split())
        at = text.find(statement) if statement else -1
        if at >= 0:
            hits.append((at, at + len(statement)))
    hits.sort()
    if hits:
        first, last = hits[0][0], hits[0][1]
        size = min(last - first, 2 * SNIPPET_CHARACTERS) + 2 * CONTEXT_CHARACTERS
        if last - first > 2 * SNIPPET_CHARACTERS:  # a long statement: around its first word found
            inside = [start for start, _ in marks if first <= start < last]
            first = inside[0] if inside else first
            last = first
            size = 2 * SNIPPET_CHARACTERS
    else:
        first = marks[0][0] if marks else 0
        last = marks[0][1] if marks else 0
        size = SNIPPET_CHARACTERS
    start, end = _window(text, first, last, size) if len(text) > size else (0, len(text))
    html = ["… " if start else ""]
    position = start
    for hit_start, hit_end in hits:
        hit_start, hit_end = max(hit_start, position), min(hit_end, end)
        if hit_start >= hit_end:
            continue
        html.append(_html(text[position:hit_start], marks, position))
        html.append(f'<span class="statement-hit">{_html(text[hit_start:hit_end], marks, hit_start)}</span>')
        position = hit_end
    html.append(_html(text[position:end], marks, position))
    html.append(" …" if end < len(text) else "")
    return mark_safe("".join(html))  # noqa: S308 (escaped above; only <mark> and the span are markup)
