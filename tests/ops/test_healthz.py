"""``/healthz`` answers load balancers: 200 with every database reachable, never cached."""

from http import HTTPStatus

import pytest


@pytest.mark.django_db
def test_healthz_reports_ok(client):
    response = client.get("/healthz")

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_is_never_cached(client):
    response = client.get("/healthz")

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-cache", "no-store", "must-revalidate"} <= cache_control


@pytest.mark.django_db
def test_healthz_answers_head_and_refuses_writes(client):
    assert client.head("/healthz").status_code == HTTPStatus.OK
    assert client.post("/healthz").status_code == HTTPStatus.METHOD_NOT_ALLOWED


@pytest.mark.django_db
def test_healthz_is_not_redirected_to_https(client, settings):
    """Load balancers probe over plain HTTP; every other page is redirected when the redirect is on."""
    settings.SECURE_SSL_REDIRECT = True  # read when the client builds its middleware, at its first request

    assert client.get("/healthz").status_code == HTTPStatus.OK
    assert client.get("/debates/").status_code == HTTPStatus.MOVED_PERMANENTLY
