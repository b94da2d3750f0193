"""The bounded result window of /search/: a capped count, bounded pages, and rare words and phrases found exactly.

``RESULT_WINDOW`` is patched down to a handful of rows so that a small archive
shows what a million statements do.
"""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from debates.models import Debate
from search import queries
from tests.factories import build_debate

WINDOW = 4  # smaller than the nine "water" statements and paragraphs each


@pytest.fixture
def small_window(monkeypatch):
    monkeypatch.setattr(queries, "RESULT_WINDOW", WINDOW)
    monkeypatch.setattr("public.search_views.RESULT_WINDOW", WINDOW)


@pytest.fixture
def archive():
    """One published debate with nine statements on water (one of them on a water hazard), and a draft."""
    texts = [f"Water supply number {n} was discussed." for n in range(8)] + ["A rare water hazard was noted."]
    build_debate(
        {
            "debate": {"slug": "water", "title": "Oceans debate", "abstract": "Seas."},
            "introduction": [{"text": text, "statements": [{"text": text}]} for text in texts],
        }
    )
    build_debate(
        {
            "debate": {"slug": "draft", "title": "Draft debate", "status": Debate.Status.DRAFT},
            "introduction": [
                {"text": f"Draft hazard {n}.", "statements": [{"text": f"Draft hazard {n}."}]} for n in range(9)
            ],
        }
    )


def search(client, q, page=None):
    params = {"q": q} if page is None else {"q": q, "page": page}
    return client.get("/search/", params)


@pytest.mark.django_db
def test_more_matches_than_the_window_are_counted_as_more_than_the_window(client, small_window, archive):
    response = search(client, "water")
    assert response.status_code == HTTPStatus.OK
    assert response.context["page_obj"].paginator.capped
    assert f"More than {WINDOW} results for" in response.content.decode()
    assert len(response.context["results"]) == WINDOW


@pytest.mark.django_db
def test_fewer_matches_than_the_window_are_counted_exactly(client, small_window, archive):
    response = search(client, "hazard")
    paginator = response.context["page_obj"].paginator
    assert not paginator.capped
    # The passage (the statement is part of it); the draft's nine hazards are never counted.
    assert paginator.count == 1
    assert "1 result for" in response.content.decode()
    assert all("draft" not in result.url for result in response.context["results"])


@pytest.mark.django_db
def test_a_rare_word_finds_every_match_even_when_a_common_one_is_capped(client, small_window, archive):
    build_debate(
        {
            "debate": {"slug": "hazards", "title": "Risks debate", "abstract": "Dangers."},
            "introduction": [{"text": "Another hazard.", "statements": [{"text": "Another hazard."}]}],
        }
    )
    urls = {result.url for result in search(client, "hazard").context["results"]}
    assert urls == {"/debates/water/#p9-s1", "/debates/hazards/#p1-s1"}


@pytest.mark.django_db
def test_a_page_past_a_capped_window_is_refused_naming_the_page(client, small_window, archive, settings):
    settings.DEBUG = False
    response = search(client, "water", page=2)
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "page" in response.context["errors"]


@pytest.mark.django_db
def test_a_page_past_an_uncapped_list_is_not_found(client, small_window, archive):
    assert search(client, "hazard", page=2).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_a_quoted_phrase_stays_an_exact_phrase(client, small_window, archive):
    urls = {result.url for result in search(client, '"water hazard"').context["results"]}
    assert urls == {"/debates/water/#p9-s1"}
    assert search(client, '"hazard water"').context["page_obj"].paginator.count == 0


@pytest.mark.django_db
def test_the_window_and_its_count_are_one_query_and_a_page_costs_the_same_sql_whatever_the_words(
    client, small_window, archive
):
    counts = []
    for q in ["water", "hazard", '"water hazard"']:
        with CaptureQueriesContext(connection) as captured:
            search(client, q)
        counts.append(len(captured.captured_queries))
        window_queries = [query for query in captured.captured_queries if "LIMIT" in query["sql"].upper()]
        assert window_queries, "the window is fetched with a LIMIT"
    assert len(set(counts)) == 1
    assert counts[0] <= 12


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_sequential_scans_start_at_the_first_block_so_a_window_is_the_same_on_every_page(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronize_seqscans")
        assert cursor.fetchone()[0] == "off"
