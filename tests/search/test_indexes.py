"""The site search finds rare words through the GIN indexes of the stored vectors, whatever the kind."""

import pytest
from django.db import connection

from search.queries import matching, search_query, sources
from tests.factories import build_debate

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the indexes and the full-text search they serve are PostgreSQL's"
)


def plan_of(queryset):
    """The plan for ``queryset`` when PostgreSQL may only find rows through an index condition (bitmap scans).

    Sequential and plain index scans, which can read every row and filter them,
    are off: the plan then uses an index that matches the condition, or else
    falls back to a disabled sequential scan (and names no index).
    """
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for method in ("seqscan", "indexscan", "indexonlyscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "index"),
    [
        ("debate", "debate_search_vector_idx"),
        ("panel", "panel_search_vector_idx"),
        ("statement", "intervention_search_vector_idx"),
        ("paragraph", "paragraph_search_vector_idx"),
    ],
)
def test_each_kind_is_searched_through_the_gin_index_of_its_stored_vector(kind, index):
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
    source = next(source for source in sources() if source.kind == kind)
    assert matching(source, "tsunami").exists(), "the search finds the row"
    # The search's own vector and query, without the status filter whose index would compete.
    vector_match = source.rows.model.objects.filter(search_vector=search_query("tsunami"))
    assert index in plan_of(vector_match)
