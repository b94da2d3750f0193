"""The benchmark's API line (bench/run.py), run at a tiny scale: its address answers as the explorer does.

``make bench`` times ``choose_endpoints()["api_filters"]`` at 10,000 and 1,000,000 statements (a 20-minute
run); this checks on a few hundred generated statements that the address is valid, selects statements,
selects the explorer's, and stays within the benchmark's bound of queries per request.
"""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.run import SERVER_ENV, choose_endpoints

N = 600


@pytest.mark.django_db
def test_the_benchmark_s_api_address_selects_the_explorer_s_statements(client):
    call_command("generate_synthetic", interventions=N, seed=1, verbosity=0)
    path = choose_endpoints(N)["api_filters"]
    assert path.startswith("/api/v1/statements/?")
    requests, per = SERVER_ENV["ARCHIVE_API_RATE"].split("/")
    assert int(requests) >= 100_000 and per == "s"  # far above what wrk sends: the limit never answers 429

    client.get(path)  # the process's index is built on the first request, as the benchmark warms up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == HTTPStatus.OK
    answer = response.json()
    explorer = client.get(path.replace("/api/v1/statements/", "/interventions/"))
    assert answer["count"] == explorer.context["page_obj"].paginator.count > 0
    assert len(answer["results"]) == min(25, answer["count"])
    assert len(queries) <= 12  # the benchmark's bound of SQL queries per request
