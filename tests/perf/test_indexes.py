"""The PostgreSQL-only indexes of perf/migrations are the ones the site search's own SQL can use."""

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
@pytest.mark.parametrize(("kind", "index"), [("debate", "perf_debate_search_idx"), ("panel", "perf_panel_search_idx")])
def test_the_search_of_debates_and_segments_uses_the_expression_index(kind, index):
    build_debate({"debate": {"title": "Early warning of tsunamis"}, "panels": [{"title": "Tsunami preparedness"}]})
    source = next(source for source in sources() if source.kind == kind)
    assert matching(source, "tsunami").exists(), "the search finds the row"
    # The search's own vector expression and query, without the status filter whose index would compete.
    vector_match = source.rows.model.objects.alias(search_vector=source.vector()).filter(
        search_vector=search_query("tsunami")
    )
    assert index in plan_of(vector_match)
