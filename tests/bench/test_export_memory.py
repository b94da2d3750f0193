"""The CSV and JSON exports stream in constant memory: three times the rows, not three times the memory.

Memory is what Python holds while the response is read (``tracemalloc``,
sampled every hundred rows after a garbage collection), on data from
``generate_synthetic``; no time is measured.  Holding every row would take
about three times as much for the larger export.
"""

import gc
import tracemalloc

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.db.models.functions import ExtractYear

from panels.models import Intervention

STATEMENTS = 3_000
SAMPLE_EVERY = 100  # rows
# What begins each row of each export: the JSON has no line breaks, so rows are counted by their first field.
ROW_MARKERS = {"export.csv": b"\n", "export.json": b'{"permalink": '}


def streamed_memory(client, url, row_marker):
    """Rows in the export at ``url``, and the most memory Python held (garbage collected) while reading it."""
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    tracemalloc.start()
    try:
        rows, held, next_sample = 0, 0, 0
        for chunk in response.streaming_content:
            rows += chunk.count(row_marker)
            if rows >= next_sample:
                gc.collect()
                held = max(held, tracemalloc.get_traced_memory()[0])
                next_sample = rows + SAMPLE_EVERY
    finally:
        tracemalloc.stop()
    return rows, held


def first_years_with(rows):
    """The last year of the shortest run of years, from the first, holding at least ``rows`` statements."""
    per_year = (
        Intervention.objects.annotate(year=ExtractYear("debate__start_date"))
        .values("year")
        .annotate(n=Count("id"))
        .order_by("year")
    )
    total = 0
    for entry in per_year:
        total += entry["n"]
        if total >= rows:
            return entry["year"]
    raise AssertionError("not enough statements")


@pytest.mark.django_db
def test_exports_stream_in_constant_memory(client):
    call_command("generate_synthetic", interventions=STATEMENTS, seed=4, verbosity=0)
    last_year = first_years_with(STATEMENTS // 3)
    for export, row_marker in ROW_MARKERS.items():
        client.get(f"/interventions/{export}?year_from=2100")  # load the code before measuring anything
        small_rows, small_held = streamed_memory(client, f"/interventions/{export}?year_to={last_year}", row_marker)
        large_rows, large_held = streamed_memory(client, f"/interventions/{export}", row_marker)
        assert small_rows >= 1000 and large_rows >= 2.5 * small_rows, (export, small_rows, large_rows)
        assert large_held < 1.3 * small_held, f"{export}: {large_held:,} bytes held against {small_held:,}"
