"""The site search reads each kind's matches best first from its RUM index; the explorer's words filter uses GIN."""

import pytest
from django.db import connection

from panels.models import Intervention
from search.queries import SOURCES, Search, _candidates, filter_interventions
from tests.factories import build_debate

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes and the full-text search they serve are PostgreSQL's"
)


def plan_of(queryset, *, off=("seqscan",)):
    """The plan for ``queryset`` with the methods ``off`` disabled, so that an index must serve it if one can."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for method in off:
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.fixture
def tsunamis():
    build_debate(
        {
            "debate": {"title": "Early warning of tsunamis", "abstract": "Tsunami warning."},
            "panels": [
                {
                    "title": "Tsunami preparedness",
                    "paragraphs": [{"text": "A tsunami.", "statements": [{"text": "A tsunami."}]}],
                }
            ],
        }
    )


@pytest.mark.django_db
def test_passages_are_read_best_first_from_the_rum_index(tsunamis):
    source = next(source for source in SOURCES if source.kind == "paragraph")
    window = _candidates(source, Search("tsunami"))
    assert list(window), "the search finds the row"
    # Without a sequential scan or a sort, only an index that orders by relevance can give the window.
    plan = plan_of(window, off=("seqscan", "sort", "bitmapscan"))
    assert "Index Scan using paragraph_search_rum_idx" in plan
    assert "Order By: (search_vector <=>" in plan


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "index"), [("debate", "debate_search_rum_idx"), ("panel", "panel_search_rum_idx")])
def test_debates_and_segments_are_found_through_their_rum_index(tsunamis, kind, index):
    """They are few, and their whole order is kept (search/queries.py): the index finds them, a sort orders them."""
    source = next(source for source in SOURCES if source.kind == kind)
    assert list(_candidates(source, Search("tsunami"))), "the search finds the row"
    # The search's own condition, without the status filter whose index would compete; only a bitmap scan
    # left: through an index whose condition is the words (or a disabled scan naming none).
    matching = source.model.objects.filter(search_vector=Search("tsunami").tsquery)
    assert index in plan_of(matching, off=("seqscan", "indexscan", "indexonlyscan"))


@pytest.mark.django_db
def test_the_explorers_words_filter_uses_the_gin_index_of_the_statements(tsunamis):
    statements = filter_interventions(Intervention.objects.all(), "tsunami")
    assert statements.exists()
    assert "intervention_search_vector_idx" in plan_of(statements, off=("seqscan", "indexscan", "indexonlyscan"))
