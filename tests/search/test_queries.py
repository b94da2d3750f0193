"""The search machinery: query syntax, matching on either database, and safe, highlighted snippets."""

import pytest
from django.db import connection

from debates.models import Debate
from search.highlight import snippet
from search.queries import Filters, QueryTooComplex, Search, search_results, site_search
from search.syntax import Term, parse_query, positive_words
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


@pytest.mark.parametrize(
    "quoted", ["«human security»", "« human security »", "“human security”", "„human security“", "「human security」"]
)
def test_a_phrase_may_be_quoted_as_each_language_quotes(quoted):
    assert parse_query(f"{quoted} -index") == [[Term("human security")], [Term("index", negated=True)]]


def test_a_repeated_word_or_clause_is_asked_for_once():
    assert parse_query("ab " * 50) == [[Term("ab")]]
    assert parse_query("fear AB ab -want Fear -WANT ab") == [[Term("fear")], [Term("AB")], [Term("want", negated=True)]]
    assert parse_query("fear or want want or fear") == [[Term("fear"), Term("want")]]
    assert positive_words("Fear fear or want FEAR") == ["Fear", "want"]


def test_highlight_escapes_the_text_and_marks_the_other_forms_of_the_words():
    html = snippet('Protection <script>alert("x")</script> & protected; protectors, unprotected', ["protecting"])
    # Forms with the stem "protect", as the full-text search finds them; "protector" is another stem.
    assert html == (
        "<mark>Protection</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>protected</mark>; "
        "protectors, unprotected"
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
def test_site_search_covers_debates_segments_and_passages_of_published_debates_only():
    searchable_archive()
    results = search("alpha")
    kinds = {(r.kind, r.url) for r in results}
    assert ("debate", "/debates/search-test/") in kinds
    assert ("paragraph", "/debates/search-test/#p1-s1") in kinds  # the passage, at the statement that matched
    assert ("paragraph", "/debates/search-test/#p2") in kinds  # the conclusion: no statement
    assert all("draft" not in r.url for r in results)
    assert {r.kind for r in search("gamma")} >= {"panel", "paragraph"}
    assert [r.url for r in search("omega")] == ["/debates/search-test/"]


@pytest.mark.django_db
def test_a_statement_is_found_once_as_part_of_its_passage():
    """Until issue 15 "alpha" listed the statement and its paragraph as two results."""
    searchable_archive()
    passages = [(r.debate_slug, r.paragraph_number) for r in search("alpha beta") if r.kind == "paragraph"]
    assert passages == [("search-test", 1)]
    assert {r.kind for r in search("alpha")} == {"debate", "paragraph"}


@pytest.mark.django_db
def test_every_word_must_occur_exclusions_and_alternatives():
    searchable_archive()

    def passages(q):
        return {(r.url, r.statement_orders) for r in search(q) if r.kind == "paragraph"}

    assert passages("beta delta") == {("/debates/search-test/#p1-s2", (2,))}
    assert passages("beta -delta") == set()  # the paragraph holds "delta": it is left out
    assert passages("beta statement") == {("/debates/search-test/#p1-s1", (1, 2))}
    assert passages("kappa or delta") == {("/debates/search-test/#p1-s2", (2,)), ("/debates/search-test/#p2", ())}
    assert passages("alpha -kappa") == {("/debates/search-test/#p1-s1", (1,))}
    assert search("zeta") == []


@pytest.mark.django_db
def test_snippets_escape_stored_text_and_mark_the_words_and_the_statement():
    searchable_archive()
    result = next(r for r in search("delta") if r.kind == "paragraph")
    assert str(result.snippet) == (
        "Alpha beta statement. "
        '<span class="statement-hit">Beta gamma &lt;b&gt;bold&lt;/b&gt; &amp; <mark>delta</mark> statement.</span>'
    )


@pytest.mark.django_db
def test_other_forms_of_a_word_are_found_on_either_database():
    build_debate(
        {
            "introduction": [
                {"text": "Panelists protected people.", "statements": [{"text": "Panelists protected people."}]}
            ]
        }
    )
    results = [r for r in search("protection") if r.kind == "paragraph"]
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
    assert urls == ["/debates/search-test/#p1-s1"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's limits")
@pytest.mark.django_db
def test_a_query_beyond_sqlites_limits_is_the_querys_fault_not_an_outage():
    import sqlite3

    searchable_archive()
    connection.ensure_connection()
    raw = connection.connection
    terms = raw.getlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT)
    raw.setlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, 2)  # fewer than the kinds the search merges
    try:
        with pytest.raises(QueryTooComplex):
            # SQLite checks its limits when it prepares a statement, and Python keeps prepared statements:
            # a shape of query (these filters) that no other test prepares on this connection.
            site_search(Search("alpha beta gamma", Filters(year_from=1946, year_to=2099, kind="plenary-meeting")))
    finally:
        raw.setlimit(sqlite3.SQLITE_LIMIT_COMPOUND_SELECT, terms)
