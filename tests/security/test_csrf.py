"""Every form is protected by CSRF: a POST without the token is refused with 403, one with it is not."""

from http import HTTPStatus

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from tests.public_site import example_urls, parse_page

PASSWORD = "a-long-correct-password"
# Exempt by design: the email alerts' form sits on public pages cached for every visitor, so it cannot carry a
# token; a forged request can only have one confirmation sent to an address, which subscribes no one (double
# opt-in), is rate-limited, and is refused when the browser names another origin (alerts/views.py; the tests are
# in tests/alerts/test_views.py). The one-click unsubscribe (RFC 8058) is reached from messages only, not crawled.
CSRF_EXEMPT = {"/alerts/subscribe/"}


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.fixture
def editor(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def test_admin_login_without_token_is_refused(csrf_client, editor):
    csrf_client.get("/admin/login/")  # sets the CSRF cookie, as a browser would have it

    response = csrf_client.post("/admin/login/", {"username": "editor", "password": PASSWORD})

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "_auth_user_id" not in csrf_client.session


def test_admin_login_with_token_is_accepted(csrf_client, editor):
    csrf_client.get("/admin/login/")
    token = csrf_client.cookies[settings.CSRF_COOKIE_NAME].value

    response = csrf_client.post(
        "/admin/login/", {"username": "editor", "password": PASSWORD, "csrfmiddlewaretoken": token}
    )

    assert response.status_code == HTTPStatus.FOUND


def test_admin_changes_without_token_are_refused(csrf_client, editor):
    csrf_client.force_login(editor)

    response = csrf_client.post("/admin/debates/theme/add/", {"slug": "x", "name": "X", "description": "x"})

    assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.fixture
def public_examples(db, client):
    call_command("loaddata", "human-security-2011", verbosity=0)
    return example_urls(client, per_route=1)


def test_a_post_to_any_public_url_without_token_is_refused(csrf_client, public_examples):
    """No public view but the alerts' form is exempt from CSRF: whatever it does with a POST, a tokenless one never
    reaches it."""
    urls = [url for urls in public_examples.values() for url in urls if url.split("?")[0] not in CSRF_EXEMPT]
    assert urls

    refused = {url: csrf_client.post(url, {"q": "x"}).status_code for url in urls}

    assert refused == dict.fromkeys(urls, HTTPStatus.FORBIDDEN)


def test_every_public_post_form_carries_a_token(client, public_examples):
    for urls in public_examples.values():
        for url in urls:
            response = client.get(url)
            if not response.headers.get("Content-Type", "").startswith("text/html"):
                continue
            _, forms = parse_page(response.content.decode())
            for form in forms:
                if form["method"].lower() == "post" and form["action"] not in CSRF_EXEMPT:
                    assert "csrfmiddlewaretoken" in form["fields"], (url, form)
