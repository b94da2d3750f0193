"""The 503 page for a lost database, seen from the middleware (the real outage is in test_database_outage)."""

from http import HTTPStatus

import pytest
from django.db.utils import IntegrityError, InterfaceError, OperationalError
from django.views.defaults import server_error

from config.middleware import DatabaseUnavailableMiddleware


@pytest.fixture
def middleware():
    return DatabaseUnavailableMiddleware(lambda request: None)


@pytest.mark.parametrize("error", [OperationalError("server closed the connection"), InterfaceError("closed")])
def test_a_lost_database_gives_a_plain_503_page(rf, middleware, error):
    response = middleware.process_exception(rf.get("/debates/"), error)

    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    body = response.content.decode()
    assert "<h1>The archive is briefly unavailable</h1>" in body
    assert "server closed the connection" not in body and "Traceback" not in body
    assert int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]


def test_other_errors_are_left_to_django(rf, middleware):
    assert middleware.process_exception(rf.get("/"), IntegrityError("duplicate")) is None
    assert middleware.process_exception(rf.get("/"), ValueError("bug")) is None


def test_an_unexpected_error_gives_the_plain_500_page_without_touching_the_database(rf):
    # No database for this test: a query while rendering would raise here.
    response = server_error(rf.get("/debates/"))

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    body = response.content.decode()
    assert "<title>Server error – Human Security Debates Archive</title>" in body
    assert "<h1>Something went wrong on our side</h1>" in body
    assert 'class="site-title" href="/"' in body
