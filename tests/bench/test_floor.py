"""The benchmark's framework-floor view: one raw query, the stored bytes, and no URL unless asked for."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory

from bench.views import FLOOR_TABLE, floor_page


@pytest.mark.django_db
def test_the_floor_url_does_not_exist_in_a_normal_deployment(client, settings):
    assert not settings.ARCHIVE_BENCH_FLOOR
    assert client.get("/bench/floor/debate/").status_code == HTTPStatus.NOT_FOUND


@pytest.mark.django_db
def test_the_floor_returns_the_stored_bytes_from_one_query(django_assert_num_queries):
    body = "<!DOCTYPE html><p>Le débat — stored once.</p>".encode()
    blob = "bytea" if connection.vendor == "postgresql" else "blob"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE {FLOOR_TABLE} (slug text PRIMARY KEY, body {blob} NOT NULL)")
        cursor.execute(f"INSERT INTO {FLOOR_TABLE} (slug, body) VALUES (%s, %s)", ["debate", body])
    request = RequestFactory().get("/bench/floor/debate/")
    with django_assert_num_queries(1):
        response = floor_page(request, "debate")
    assert response.status_code == HTTPStatus.OK
    assert response.content == body
    assert response["Content-Type"] == "text/html; charset=utf-8"
    with pytest.raises(Http404):
        floor_page(request, "missing")
