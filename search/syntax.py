"""What a search asks for: the query syntax, and the variants a word or phrase is also searched as.

A query is read as PostgreSQL's ``websearch_to_tsquery`` reads it — words that must all occur,
``"a phrase"``, ``-excluded``, ``this or that`` — into clauses (:func:`parse_query`), from which each
database builds its own query: a ``tsquery`` on PostgreSQL, an FTS5 expression on SQLite
(search/fts5.py).  Reading the syntax once, here, is what makes both databases find the same things.

Before that, :func:`expand` widens the clauses:

- a hyphenated word is also a phrase of its parts, so "people-centred" and "people centred" find
  each other (PostgreSQL indexes "people-centred" as the compound and as its two parts, in order);
- a word or phrase the codebook lists as a variant of a theme or topic (``search_variants``:
  "R2P" for the responsibility to protect) is searched as any of that term's names;
- a UN document symbol (``A/RES/64/291``, ``GA/10942``) is kept whole: it is one token to
  PostgreSQL's parser, and a phrase of its parts to FTS5.
"""

import re
from dataclasses import dataclass

MAX_QUERY_LENGTH = 200
# Words too common to search for on their own (dropped here; PostgreSQL's English configuration drops them too).
STOP_WORDS = frozenset(
    "a an and are as at be by for from in is it of on or that the this to with".split()  # noqa: SIM905
)
# A UN document symbol: a series of letters, then parts after slashes ("A/RES/64/291", "A/C.3/64/L.10", "GA/10942").
SYMBOL = re.compile(r"^[A-Za-z]{1,6}(?:/[A-Za-z0-9.()\-]+)+$")


# The languages written without spaces between words (Chinese): their texts are searched for the query's
# words and phrases as substrings, not as words (search/queries.py), and marked so (search/highlight.py).
SUBSTRING_LANGUAGES = frozenset({"zh-hans"})
# A CJK ideograph, kana or CJK punctuation mark.
CJK = "[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]"
CJK_SPACES = re.compile(rf"(?<={CJK})\s+(?={CJK})")


def substring(text):
    """A word or phrase as a Chinese text holds it: no spaces between CJK characters ("人的 安全": "人的安全")."""
    return CJK_SPACES.sub("", text)


@dataclass(frozen=True)
class Term:
    """A word or quoted phrase of a query; ``negated`` when it is to be excluded."""

    text: str
    negated: bool = False

    @property
    def is_symbol(self):
        return bool(SYMBOL.match(self.text))


TOKEN = re.compile(r'(?P<minus>-?)"(?P<phrase>[^"]*)"?|(?P<word>[^\s"]+)')
# A phrase may be quoted as each of the six languages quotes, as its keyboards type it: «…», “…”, „…“, 「…」.
QUOTES = str.maketrans(dict.fromkeys("«»“”„‟「」『』＂", '"'))


def parse_query(q):
    """Read websearch syntax into clauses that must all hold, each a list of alternative terms.

    ``'"human security" -index fear or want'`` →
    ``[[Term("human security")], [Term("index", negated=True)], [Term("fear"), Term("want")]]``.
    """
    clauses, join_next = [], False
    for match in TOKEN.finditer(q.translate(QUOTES)):
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


def normal(text):
    """``text`` as variants are compared: lower case, hyphens as spaces, single spaces."""
    return " ".join(text.lower().replace("-", " ").split())


def expand(clauses, variants=()):
    """``clauses`` with each term's variants as alternatives (see the module's docstring).

    ``variants`` is a list of sets of names that mean the same (compared by :func:`normal`).  An
    excluded term excludes all of its variants: ``-R2P`` is one clause per variant, each excluded.
    """
    groups = [{normal(name) for name in group} for group in variants]

    def variants_of(term):
        if term.is_symbol:
            return [term.text]
        found = [term.text]
        if "-" in term.text.strip("-"):
            found.append(normal(term.text))
        key = normal(term.text)
        for group in groups:
            if key in group:
                found.extend(sorted(group - {key}))
        return _unique(found)

    expanded = []
    for clause in clauses:
        if len(clause) == 1 and clause[0].negated:
            expanded.extend([Term(text, negated=True)] for text in variants_of(clause[0]))
        else:
            expanded.append([Term(text, term.negated) for term in clause for text in variants_of(term)])
    return _distinct(expanded)


def _unique(texts):
    seen, unique = set(), []
    for text in texts:
        if text.lower() not in seen:
            seen.add(text.lower())
            unique.append(text)
    return unique


def positive_words(q, clauses=None):
    """The words and phrases a snippet should highlight (not the excluded ones, nor stop words), once each."""
    words = {}
    for clause in parse_query(q) if clauses is None else clauses:
        for term in clause:
            if not term.negated and term.text.lower() not in STOP_WORDS:
                words.setdefault(term.text.lower(), term.text)
    return list(words.values())


def symbols(clauses):
    """The document symbols a query looks for (not excluded), upper case as symbols are written."""
    return _unique(term.text.upper() for clause in clauses for term in clause if term.is_symbol and not term.negated)
