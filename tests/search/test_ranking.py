"""Every match is ranked: the best passage is found wherever it is stored, and a page equals an exhaustive ranking."""

import pytest
from django.core.management import call_command
from django.db import connection

from search import queries
from search.queries import RESULT_WINDOW, SOURCES, Search, _candidates, exhaustive_ranking, search_results, site_search
from tests.factories import build_debate

WINDOW = 4


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(queries, "RESULT_WINDOW", WINDOW)


def keys(rows):
    return [(row["result_kind"], row["object_id"]) for row in rows]


@pytest.mark.django_db
def test_the_best_passage_is_found_though_stored_after_more_matches_than_the_window(small_window):
    """Until every match was ranked, only the first matches stored were candidates: this passage was never shown."""
    plain = [f"Water supply number {n} was discussed." for n in range(3 * WINDOW)]
    build_debate({"introduction": [{"text": text, "statements": [{"text": text}]} for text in plain]})
    best = "Water, water and water again: water is life, and water is peace."
    build_debate({"debate": {"slug": "last"}, "introduction": [{"text": best, "statements": [{"text": best}]}]})

    rows = site_search("water")
    assert len(rows) == WINDOW + 1  # more matches than the window: "more than"
    first = search_results(rows[:1], "water")[0]
    assert (first.kind, first.debate_slug, first.paragraph_number) == ("paragraph", "last", 1)


@pytest.mark.django_db
def test_one_hit_per_passage_with_its_matching_statement_marked_inside():
    text = "Participants discussed finance. One panelist urged a tsunami warning system. Others disagreed."
    build_debate(
        {
            "debate": {"slug": "passages"},
            "introduction": [
                {
                    "text": text,
                    "statements": [
                        {"text": "Participants discussed finance."},
                        {"text": "One panelist urged a tsunami warning system."},
                        {"text": "Others disagreed."},
                    ],
                }
            ],
        }
    )
    results = search_results(site_search("tsunami"), "tsunami")
    assert [(r.kind, r.url) for r in results] == [("paragraph", "/debates/passages/#p1-s2")]
    (passage,) = results
    assert passage.statement_orders == (2,)
    assert passage.location == "Introduction, paragraph 1, statement 2"
    assert '<span class="statement-hit">One panelist urged a <mark>tsunami</mark> warning system.</span>' in str(
        passage.snippet
    )
    assert str(passage.snippet).startswith("Participants discussed finance. ")  # the passage around it


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generated data and RUM ordering: PostgreSQL")
@pytest.mark.django_db
def test_the_first_page_of_a_common_word_equals_an_exhaustive_ranking_of_every_match():
    call_command("generate_synthetic", interventions=3000, seed=7, verbosity=0)
    for q in ["security", "human security", "development or rights", '"early warning"', '"human rights"']:
        search = Search(q)
        everything = exhaustive_ranking(search, limit=100_000)
        if q in {"security", "human security"}:
            assert len(everything) > RESULT_WINDOW, "a common word: more matches than the window"
        assert keys(site_search(search)[:20]) == keys(everything[:20]), q
        for sort in ("newest", "oldest"):
            dated = Search(q, sort=sort)
            assert keys(site_search(dated)[:20]) == keys(exhaustive_ranking(dated, limit=20)), (q, sort)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="generated data and RUM ordering: PostgreSQL")
@pytest.mark.django_db
def test_a_phrases_passages_are_ranked_by_their_distance_not_by_the_rum_indexs_own_order():
    """RUM orders a phrase's matches by a score of its own: the window must not take that order."""
    call_command("generate_synthetic", interventions=10_000, seed=1, verbosity=0)  # RUM kept order below
    passages = next(source for source in SOURCES if source.kind == "paragraph")
    for q in ['"human rights"', '"early warning"', "people-centred"]:
        window = [row["distance"] for row in _candidates(passages, Search(q))]
        assert window, q
        assert window == sorted(window), q
