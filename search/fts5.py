"""SQLite's full-text search (FTS5) for the site search: the tables, and the SQL that reads them.

On SQLite — the database ``make run`` gives every newcomer — the searched text of
debates, segments, paragraphs and statements is indexed in FTS5
tables, so that the search there stems words and reads the same query syntax as
PostgreSQL's ``websearch_to_tsquery`` does in production.  On PostgreSQL none of
this exists: the stored ``search_vector`` fields serve the search there.

Each table is an external-content table (https://sqlite.org/fts5.html#external_content_tables):
it keeps only the index, and reads the text from the model's own table.  Its
columns are those the model's ``search_vector`` declares
(:class:`debates.models.WeightedSearchVector`), in that order (a document is found by
its symbol alone, on either database: search/queries.py).  The tokenizer is
:data:`TOKENIZER`: case and diacritics folded, then Porter's English stemmer
("protecting" finds "protection"), the nearest FTS5 has to PostgreSQL's
``english`` configuration.  Punctuation separates words, so ``A/RES/64/291`` is
indexed as the four words ``a res 64 291`` (one-letter words are kept) and a
query for it is the phrase of those four.

Triggers on the model's table keep each index in step with every write, whether
it comes from ``save()``, ``QuerySet.update()`` or ``delete()``, ``bulk_create``,
a cascade, fixtures or raw SQL.  SQLite drops a table's triggers with the table,
and Django's SQLite schema editor alters a table by copying it into a new one
and dropping the old: after a migration that alters an indexed model, the
triggers are gone.  :func:`ensure_triggers` puts them back and rebuilds the
indexes that went without them, as a ``post_migrate`` receiver (connected in
``SearchConfig.ready()``, as :func:`caching.triggers.install_triggers` is in caching's).

The migration ``search/migrations/0001_sqlite_fts5`` creates the tables by
calling :func:`create_tables` (and :func:`drop_tables` backwards), so a change
to :data:`INDEXES` needs a migration that drops and creates them again.

**Translations** (:data:`TRANSLATION_INDEXES`, created by ``search/migrations/0002_translations``
through :func:`create_translation_tables`): the texts of paragraphs and statements in other
languages, all languages in one table each, tokenized by ``unicode61`` without a stemmer (FTS5 has
Porter's English one only).  A query in a language with a Snowball stemmer is matched by the
*prefixes* its words share with their stems (:func:`stemmed_phrase`): "sécurités" is ``secur*``,
which finds "sécurité" and "sécurités" as PostgreSQL's ``french`` configuration does, and also
"sécuriser", which it does not.  Chinese is not searched through these tables: a Chinese query is
a substring, matched with ``LIKE`` on either database (search/queries.py).

The API for the search (search/queries.py):

* :data:`TABLES` — the FTS5 table of each kind of result (and :data:`TRANSLATION_INDEXES` of the translations);
* :func:`match_expression` — a parsed query as an FTS5 ``MATCH`` expression in
  which no user input is syntax;
* :func:`matching_ids_sql`, :func:`distance_sql` — SQL for ``RawSQL``: the matching ids, and a
  distance for each row;
* :func:`indexed_terms` — the words of the paragraphs, for "did you mean" (search/suggest.py).

The distance is ``bm25``, smaller is better (as a RUM distance is), with a weight per column.  ``bm25``
needs, besides the row, how many rows contain each term; FTS5 counts them once
per query, and a correlated subquery is a new query for every outer row.  On
20,000 generated paragraphs (SQLite 3.40, a file database), the 200 best of the
12,000 paragraphs holding a word, through the ORM (``pk__in`` the matching ids,
ordered by the rank), took 4.4 s with a plain correlated ``bm25`` subquery: every
match counted the whole index again.  Over a ``MATERIALIZED`` common table
expression, which SQLite computes once per statement, it took 25 ms (40 ms for a
word in all 20,000, 44 ms for two common words); a join with ``ORDER BY rank LIMIT``
took 10 ms (17 ms, 22 ms), but cannot be a branch of the search's ``UNION``, so
:func:`distance_sql` is the materialized form.
"""

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.db import DEFAULT_DB_ALIAS, connection, connections

from debates.models import Debate
from panels.models import Intervention, InterventionTranslation, Panel, Paragraph, ParagraphTranslation

# Case and diacritics folded, then Porter's English stemmer on each word.
TOKENIZER = "porter unicode61 remove_diacritics 2"
# The same words unstemmed: what "did you mean" can offer (a stem such as "secur" is no word to suggest).
WORDS_TOKENIZER = "unicode61 remove_diacritics 2"


def vector_columns(model):
    """The text columns of ``model``'s ``search_vector``, in its order."""
    return tuple(field for field, _ in model._meta.get_field("search_vector").expression.weighted_fields)


@dataclass(frozen=True)
class Index:
    """An external-content FTS5 table over some text columns of a model's table, kept in step by triggers.

    ``options`` are further FTS5 options, such as ``detail=none`` for an index that answers which
    rows hold a word but not where in them.
    """

    name: str
    model: type
    columns: tuple
    tokenizer: str = TOKENIZER
    options: tuple = ()

    @property
    def content_table(self):
        return self.model._meta.db_table

    @property
    def triggers(self):
        """The names of its three triggers, by the operation each follows."""
        return {operation: f"{self.name}_{operation}" for operation in ("insert", "delete", "update")}

    def create_sql(self):
        """Create the table, index every row the model's table holds, and create the triggers."""
        content, tokenizer = f"content='{self.content_table}'", f"tokenize='{self.tokenizer}'"
        arguments = ", ".join([*self.columns, content, "content_rowid='id'", tokenizer, *self.options])
        return [
            f'CREATE VIRTUAL TABLE "{self.name}" USING fts5({arguments})',
            self.rebuild_sql(),
            *self.trigger_sql(),
        ]

    def rebuild_sql(self):
        table = f'"{self.name}"'
        return f"INSERT INTO {table}({table}) VALUES ('rebuild')"

    def trigger_sql(self):
        """The triggers of the FTS5 documentation's external-content pattern (``'delete'`` takes the old values).

        An update re-indexes the row only when an indexed column changed: ``save()`` writes every
        column, and a debate's status changes more often than its title.
        """
        columns = ", ".join(self.columns)
        new = ", ".join(f"new.{column}" for column in ("id", *self.columns))
        old = ", ".join(f"old.{column}" for column in ("id", *self.columns))
        index, table, names = f'"{self.name}"', f'"{self.content_table}"', self.triggers
        insert = f"INSERT INTO {index}(rowid, {columns}) VALUES ({new});"
        delete = f"INSERT INTO {index}({index}, rowid, {columns}) VALUES ('delete', {old});"
        changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in ("id", *self.columns))
        return [
            f'CREATE TRIGGER "{names["insert"]}" AFTER INSERT ON {table} BEGIN {insert} END',
            f'CREATE TRIGGER "{names["delete"]}" AFTER DELETE ON {table} BEGIN {delete} END',
            f'CREATE TRIGGER "{names["update"]}" AFTER UPDATE OF id, {columns} ON {table} '
            f"WHEN {changed} BEGIN {delete} {insert} END",
        ]

    def drop_sql(self):
        triggers = [f'DROP TRIGGER IF EXISTS "{name}"' for name in self.triggers.values()]
        return [*triggers, f'DROP TABLE IF EXISTS "{self.name}"']


# The index of each kind of text searched (search/queries.py; documents are found by their symbol alone).
INDEXES = {
    "debate": Index("search_fts_debate", Debate, vector_columns(Debate)),
    "panel": Index("search_fts_panel", Panel, vector_columns(Panel)),
    "paragraph": Index("search_fts_paragraph", Paragraph, vector_columns(Paragraph)),
    "statement": Index("search_fts_statement", Intervention, vector_columns(Intervention)),
}
# The translations' texts, every language in one table each, words unstemmed (see the module docstring).
TRANSLATION_INDEXES = {
    "translation": Index("search_fts_paragraph_translation", ParagraphTranslation, ("text",), WORDS_TOKENIZER),
    "statement-translation": Index(
        "search_fts_statement_translation", InterventionTranslation, ("text",), WORDS_TOKENIZER
    ),
}
TABLES = {kind: index.name for kind, index in INDEXES.items()}
ALL_INDEXES = {**INDEXES, **TRANSLATION_INDEXES}
# The paragraphs' words unstemmed, listed with their document counts by an fts5vocab table over it.
# detail=none and columnsize=0: which paragraphs hold a word is all the vocabulary needs to know.
WORDS = Index("search_fts_words", Paragraph, ("text",), WORDS_TOKENIZER, options=("detail=none", "columnsize=0"))
VOCABULARY = "search_fts_words_vocab"


def create_tables(schema_editor):
    """Create every index (filled from the rows already there) and the vocabulary table (SQLite only)."""
    for index in [*INDEXES.values(), WORDS]:
        for statement in index.create_sql():
            schema_editor.execute(statement)
    schema_editor.execute(f"CREATE VIRTUAL TABLE \"{VOCABULARY}\" USING fts5vocab('{WORDS.name}', 'row')")


def drop_tables(schema_editor):
    """Drop the vocabulary table, every index and its triggers (their shadow tables go with them)."""
    schema_editor.execute(f'DROP TABLE IF EXISTS "{VOCABULARY}"')
    for index in [*INDEXES.values(), WORDS]:
        for statement in index.drop_sql():
            schema_editor.execute(statement)


def create_translation_tables(schema_editor):
    """Create the translations' indexes, filled from the rows already there (SQLite only)."""
    for index in TRANSLATION_INDEXES.values():
        for statement in index.create_sql():
            schema_editor.execute(statement)


def drop_translation_tables(schema_editor):
    for index in TRANSLATION_INDEXES.values():
        for statement in index.drop_sql():
            schema_editor.execute(statement)


def ensure_triggers(using=DEFAULT_DB_ALIAS, **kwargs):
    """Create the triggers an index lacks, and rebuild that index; return the names of the rebuilt ones.

    A ``post_migrate`` receiver: a migration that alters an indexed model's table on SQLite copies it
    into a new table and drops the old one, and its triggers with it.  Until the triggers are back,
    writes miss the index, so an index that lacked any is rebuilt from its table.  Does nothing on
    other databases, or before the migration has created the tables.

    Connect it without a sender: Django sends ``post_migrate`` only for apps with a models module,
    and the search app has none.
    """
    database = connections[using]
    if database.vendor != "sqlite":
        return []
    with database.cursor() as cursor:
        cursor.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        existing = set(cursor.fetchall())
        rebuilt = []
        for index in [*ALL_INDEXES.values(), WORDS]:
            if ("table", index.name) not in existing:
                continue
            if all(("trigger", name) in existing for name in index.triggers.values()):
                continue
            for name in index.triggers.values():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
            for statement in [index.rebuild_sql(), *index.trigger_sql()]:
                cursor.execute(statement)
            rebuilt.append(index.name)
    return rebuilt


def has_words(text):
    """Whether FTS5's tokenizer finds a word in ``text``: a letter or a digit (anything else separates words).

    Close to ``unicode61``, which also counts private-use characters as letters; a term made of
    those alone is dropped here, where FTS5 would look for it.
    """
    return any(character.isalnum() for character in text)


def fts5_string(text):
    """``text`` as an FTS5 string: inside double quotes nothing is syntax, and FTS5 reads the words as a phrase.

    A double quote is doubled; a NUL character, which would end the string early, becomes a space.
    """
    return '"' + text.replace("\x00", " ").replace('"', '""') + '"'


def _any_of(items):
    return items[0] if len(items) == 1 else f"({' OR '.join(items)})"


def _all_of(items):
    return items[0] if len(items) == 1 else f"({' AND '.join(items)})"


def match_expression(clauses, phrase=fts5_string):
    """The FTS5 ``MATCH`` expression of ``clauses``, or ``None`` when nothing positive is left to match.

    ``clauses`` is :func:`search.queries.parse_query`'s reading of a query: clauses that must all
    hold, each a list of alternative terms (``text``, ``negated``).  Every term becomes an FTS5
    string (:func:`fts5_string`), so quotes, brackets, ``*``, ``^``, ``NEAR``, ``AND``, ``NOT`` and
    column filters such as ``text:`` in a query are words or nothing, never syntax; a word with
    punctuation inside (``A/RES/64/291``, ``people-centred``) becomes a phrase of its parts.  A term
    with no word in it at all (``///``) is dropped, as PostgreSQL drops it.

    FTS5's ``NOT`` is binary (``a NOT b``), so exclusions are subtracted from the conjunction of the
    clauses that want something: ``"human security" -index fear or want`` is
    ``("human security" AND ("fear" OR "want")) NOT "index"``.  A clause that mixes wanted and
    excluded alternatives holds exactly when its excluded terms all occur and none of its wanted ones
    does not, so it is subtracted too: ``fear or -want`` (fear, or no want) subtracts
    ``("want" NOT "fear")``, and ``-fear or -want`` subtracts ``("fear" AND "want")``.  This is the
    same condition PostgreSQL and the substring fallback apply.  Only when no clause wants a word
    without alternatives that exclude (``-index`` alone, ``fear or -want`` alone) is there nothing
    to subtract from: that is ``None``, and the caller decides (no results, or the fallback).

    ``phrase`` writes one term as FTS5 syntax: :func:`fts5_string` by default, or a
    :func:`stemmed_phrase` for a translation's language.
    """
    wanted_clauses, excluded = [], []
    for clause in clauses:
        wanted = [phrase(term.text) for term in clause if not term.negated and has_words(term.text)]
        unwanted = [phrase(term.text) for term in clause if term.negated and has_words(term.text)]
        if wanted and not unwanted:
            wanted_clauses.append(_any_of(wanted))
        elif unwanted and not wanted:
            excluded.append(_all_of(unwanted))
        elif wanted and unwanted:
            excluded.append(f"({_all_of(unwanted)} NOT {_any_of(wanted)})")
    if not wanted_clauses:
        return None
    expression = _all_of(wanted_clauses)
    return f"{expression} NOT {_any_of(excluded)}" if excluded else expression


# The Snowball stemmer of each language of the site that has one (Chinese has none).
STEMMERS = {"ar": "arabic", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}
WORD = re.compile(r"\w+")
# Words this short, or stems' prefixes shorter than this, are looked for whole: "a*" would find everything.
SHORTEST_PREFIX = 3


@lru_cache(maxsize=16)
def stemmer(language):
    """The Snowball stemmer of ``language`` (a code of the site's languages); English's for one without."""
    return snowballstemmer.stemmer(STEMMERS.get(language, "english"))


def stem_prefix(word, language):
    """What ``word`` and its other forms in ``language`` begin with: the part of it its Snowball stem keeps.

    The stem itself may differ from the word at its end (French "heureuse" → "heureux"), so the prefix is
    what they share ("heureu"); a short word or prefix is ``None``: look for the word whole.
    """
    word = word.lower()
    if language not in STEMMERS or len(word) <= SHORTEST_PREFIX:
        return None
    prefix = os.path.commonprefix([word, stemmer(language).stemWord(word)])
    return prefix if len(prefix) >= SHORTEST_PREFIX else None


def stemmed_phrase(language):
    """A ``phrase`` for :func:`match_expression` that finds the other forms of the words of ``language``.

    Each word becomes the prefix query of :func:`stem_prefix` (``"secur"*``), or stays whole; the
    words of a phrase are joined by ``+``, FTS5's "followed by", so a phrase stays a phrase.
    """

    def phrase(text):
        parts = []
        for word in WORD.findall(text.replace("\x00", " ")):
            prefix = stem_prefix(word, language)
            parts.append(f"{fts5_string(prefix)}*" if prefix else fts5_string(word))
        return " + ".join(parts) if parts else fts5_string(text)

    return phrase


def _table(kind):
    return f'"{ALL_INDEXES[kind].name}"'


def _bm25(kind, weights):
    """``bm25(<table>, w1, w2…)``: a distance, smaller is more relevant.

    ``weights`` are one per column of ``kind``'s table: ``{column: weight}``, or a sequence in the
    table's column order (:data:`INDEXES`).
    """
    columns = ALL_INDEXES[kind].columns
    if isinstance(weights, Mapping):
        if set(weights) != set(columns):
            named = ", ".join(sorted(weights))
            raise ValueError(f"The {kind} index has the columns {', '.join(columns)}, not {named}.")
        values = [float(weights[column]) for column in columns]
    else:
        values = [float(weight) for weight in weights]
        if len(values) != len(columns):
            raise ValueError(f"The {kind} index has the columns {', '.join(columns)}: {len(columns)} weights.")
    if not all(math.isfinite(value) for value in values):
        raise ValueError(f"Weights must be finite numbers: {weights}")
    return f"bm25({_table(kind)}, {', '.join(repr(value) for value in values)})"


def matching_ids_sql(kind, expression):
    """``(sql, params)`` selecting the ids of the ``kind`` rows matching ``expression``: ``pk__in=RawSQL(…)``."""
    return f"SELECT rowid FROM {_table(kind)} WHERE {_table(kind)} MATCH %s", [expression]


def _per_row_sql(kind, score, expression, outer_table):
    """A scalar subquery of ``score`` for the outer row, the matches scored once per statement (module docstring)."""
    outer_table = outer_table or ALL_INDEXES[kind].content_table
    if not outer_table.startswith('"'):
        outer_table = f'"{outer_table}"'
    sql = (
        f"(WITH scored AS MATERIALIZED (SELECT rowid AS id, {score} AS score "
        f"FROM {_table(kind)} WHERE {_table(kind)} MATCH %s) "
        f'SELECT score FROM scored WHERE scored.id = {outer_table}."id")'
    )
    return sql, [expression]


def distance_sql(kind, expression, weights, outer_table=None):
    """``(sql, params)`` of the outer row's distance to ``expression``, for ``RawSQL(…)``: ``bm25`` with
    ``weights`` (see :func:`_bm25`), smaller is better, as a PostgreSQL RUM distance is; ``NULL`` for a
    row that does not match.  ``outer_table`` is the outer query's table or alias (quoted or not), by
    default the model's table.  Needs SQLite 3.35 or later (``MATERIALIZED``).
    """
    return _per_row_sql(kind, _bm25(kind, weights), expression, outer_table)


def indexed_terms():
    """Every word of the paragraphs, case and diacritics folded, unstemmed, as ``(word, paragraphs)`` by word.

    Drafts' words too: the table knows no status.  Offer a suggestion once a search for it finds results.
    """
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT term, doc FROM "{VOCABULARY}" ORDER BY term')
        return cursor.fetchall()
