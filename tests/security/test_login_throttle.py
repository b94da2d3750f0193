"""The admin log-in locks a user name after repeated failures, refuses even the right password while
locked, and opens again when the lockout has passed."""

import time
from http import HTTPStatus

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import override_settings

PASSWORD = "a-long-correct-password"
LIMIT = 5


@pytest.fixture
def editor(db, settings):
    # A fast hasher keeps dozens of log-ins quick; the throttle does not depend on the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password, username="editor"):
    return client.post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})


def fail(client, times, username="editor"):
    for _ in range(times):
        response = log_in(client, "wrong-password", username)
        assert response.status_code == HTTPStatus.OK
        assert "Please enter the correct username and password" in response.content.decode()


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_repeated_failures_lock_the_user_name_even_against_the_right_password(client, editor):
    fail(client, LIMIT)

    response = log_in(client, PASSWORD)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "Too many failed log-in attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0
    assert SESSION_KEY not in client.session


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_fewer_failures_than_the_limit_do_not_lock(client, editor):
    fail(client, LIMIT - 1)

    response = log_in(client, PASSWORD)

    assert response.status_code == HTTPStatus.FOUND
    assert client.session[SESSION_KEY] == str(editor.pk)


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_a_successful_log_in_clears_the_count(client, editor):
    fail(client, LIMIT - 1)
    assert log_in(client, PASSWORD).status_code == HTTPStatus.FOUND
    client.logout()
    fail(client, LIMIT - 1)

    assert log_in(client, PASSWORD).status_code == HTTPStatus.FOUND


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_the_lock_is_per_user_name_and_ignores_case(client, editor):
    get_user_model().objects.create_superuser("other", "other@example.org", PASSWORD)
    fail(client, LIMIT, username="Editor")

    assert log_in(client, PASSWORD, username="editor").status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert log_in(client, PASSWORD, username="other").status_code == HTTPStatus.FOUND


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT, ARCHIVE_LOGIN_LOCKOUT_SECONDS=3)
def test_the_lock_expires(client, editor):
    fail(client, LIMIT)
    assert log_in(client, PASSWORD).status_code == HTTPStatus.TOO_MANY_REQUESTS

    time.sleep(4)  # the lockout lasts 3 s after the last failure: waiting is the behaviour under test

    response = log_in(client, PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_the_login_page_still_shows_while_locked(client, editor):
    fail(client, LIMIT)

    assert client.get("/admin/login/").status_code == HTTPStatus.OK
