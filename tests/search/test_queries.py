"""The search machinery: query syntax, the SQLite fallback's matching, and safe, highlighted snippets."""

import pytest
from django.db import connection

from debates.models import Debate
from search.queries import (
    QueryTooComplex,
    Term,
    highlight_words,
    parse_query,
    positive_words,
    search_results,
    site_search,
)
from tests.factories import build_debate


def test_parse_query_reads_words_phrases_exclusions_and_or():
    assert parse_query('"human security" -index fear or want') == [
        [Term("human security")],
        [Term("index", negated=True)],
        [Term("fear"), Term("want")],
    ]
    assert parse_query("the responsibility to protect") == [[Term("responsibility")], [Term("protect")]]
    assert parse_query('-"use of force"') == [[Term("use of force", negated=True)]]
    assert parse_query('or "unclosed phrase') == [[Term("unclosed phrase")]]
    assert parse_query('" " - or') == []


def test_a_repeated_word_or_clause_is_asked_for_once():
    assert parse_query("ab " * 50) == [[Term("ab")]]
    assert parse_query("fear AB ab -want Fear -WANT ab") == [[Term("fear")], [Term("AB")], [Term("want", negated=True)]]
    assert parse_query("fear or want want or fear") == [[Term("fear"), Term("want")]]
    assert positive_words("Fear fear or want FEAR") == ["Fear", "want"]


def test_highlight_escapes_the_text_and_marks_only_whole_words_beginning_with_the_terms():
    html = highlight_words('Protection <script>alert("x")</script> & protectors; unprotected', ["protect"])
    assert html == (
        "<mark>Protection</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>protectors</mark>; "
        "unprotected"
    )


def searchable_archive():
    spec = {
        "debate": {"slug": "search-test", "title": "Alpha debate", "abstract": "An abstract about omega."},
        "panels": [
            {
                "title": "Gamma panel",
                "paragraphs": [
                    {
                        "text": "Alpha beta statement. Beta gamma <b>bold</b> & delta statement.",
                        "statements": [
                            {"text": "Alpha beta statement."},
                            {"text": "Beta gamma <b>bold</b> & delta statement."},
                        ],
                    }
                ],
            }
        ],
        "conclusion": [{"text": "Kappa concludes with alpha.", "statements": []}],
    }
    build_debate(spec)
    build_debate(
        {
            "debate": {"slug": "draft-search", "title": "Alpha draft", "status": Debate.Status.DRAFT},
            "introduction": [{"text": "Alpha beta in a draft.", "statements": [{"text": "Alpha beta in a draft."}]}],
        }
    )


def search(q):
    rows = list(site_search(q))
    return search_results(rows, q)


@pytest.mark.django_db
def test_site_search_covers_debates_segments_paragraphs_and_statements_of_published_debates_only():
    searchable_archive()
    results = search("alpha")
    kinds = {(r.kind, r.url) for r in results}
    assert ("debate", "/debates/search-test/") in kinds
    assert ("statement", "/debates/search-test/#p1-s1") in kinds
    assert ("paragraph", "/debates/search-test/#p1") in kinds
    assert ("paragraph", "/debates/search-test/#p2") in kinds  # the conclusion
    assert all("draft" not in r.url for r in results)
    assert {r.kind for r in search("gamma")} >= {"panel", "statement", "paragraph"}
    assert [r.url for r in search("omega")] == ["/debates/search-test/"]


@pytest.mark.django_db
def test_every_word_must_occur_exclusions_and_alternatives():
    searchable_archive()
    statements = {r.url for r in search("beta delta") if r.kind == "statement"}
    assert statements == {"/debates/search-test/#p1-s2"}
    statements = {r.url for r in search("beta -delta") if r.kind == "statement"}
    assert statements == {"/debates/search-test/#p1-s1"}
    statements = {r.url for r in search("kappa or delta") if r.kind in {"statement", "paragraph"}}
    assert statements == {"/debates/search-test/#p1-s2", "/debates/search-test/#p1", "/debates/search-test/#p2"}
    assert search("zeta") == []


@pytest.mark.django_db
def test_a_statement_outranks_the_paragraph_that_quotes_it():
    searchable_archive()
    urls = [r.url for r in search("delta")]
    assert urls.index("/debates/search-test/#p1-s2") < urls.index("/debates/search-test/#p1")


@pytest.mark.django_db
def test_snippets_escape_stored_text_and_mark_the_words():
    searchable_archive()
    result = next(r for r in search("delta") if r.kind == "statement")
    # PostgreSQL's headline drops what looks like a tag; the fallback escapes it. Neither lets it through.
    assert "&amp; <mark>delta</mark>" in result.snippet
    assert "<b>" not in result.snippet
    if connection.vendor != "postgresql":
        assert "&lt;b&gt;bold&lt;/b&gt;" in result.snippet


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search: stemming")
@pytest.mark.django_db
def test_postgresql_matches_other_forms_of_a_word():
    build_debate(
        {
            "introduction": [
                {"text": "Panelists protected people.", "statements": [{"text": "Panelists protected people."}]}
            ]
        }
    )
    results = [r for r in search("protection") if r.kind == "statement"]
    assert len(results) == 1
    assert "<mark>protected</mark>" in results[0].snippet


def longest(terms, joiner=" "):
    """As many of ``terms`` as a query of at most 200 characters holds."""
    query = ""
    for term in terms:
        longer = f"{query}{joiner}{term}" if query else term
        if len(longer) > 200:
            break
        query = longer
    return query


LONG_QUERIES = [
    " ".join(["ab"] * 50),  # 149 characters: SQLite's parser overflowed on the rank's nested brackets
    longest(f"w{number}" for number in range(100)),
    longest((f"x{number}" for number in range(100)), joiner=" or "),
    longest(f"-y{number}" for number in range(100)),
    longest(f'"z{number} z{number + 1}"' for number in range(100)),
]


@pytest.mark.django_db
@pytest.mark.parametrize("q", LONG_QUERIES, ids=["repeated", "distinct", "alternatives", "exclusions", "phrases"])
def test_the_longest_queries_run(q):
    searchable_archive()
    assert len(q) <= 200

    search(q)  # no error: both PostgreSQL and the fallback run it


@pytest.mark.django_db
def test_many_words_still_find_and_rank_what_has_them_all():
    searchable_archive()
    q = " ".join(["alpha", "beta", "statement"] * 20)
    urls = [r.url for r in search(q)]
    assert urls[:2] == ["/debates/search-test/#p1-s1", "/debates/search-test/#p1"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's expression depth limit")
@pytest.mark.django_db
def test_a_query_beyond_sqlites_limits_is_the_querys_fault_not_an_outage():
    import sqlite3

    searchable_archive()
    connection.ensure_connection()
    raw = connection.connection
    depth = raw.getlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH)
    raw.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, 12)
    try:
        with pytest.raises(QueryTooComplex):
            site_search("alpha beta gamma delta kappa omega")
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_EXPR_DEPTH, depth)
