"""The admin log-in locks a user name after repeated failures, refuses even the right password while
locked, and opens again when the lockout has passed, or when an administrator lifts the lock."""

import logging
import threading
import time
from http import HTTPStatus

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from accounts.models import LoginFailure

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


# Spellings that Django's log-in form reads as "editor" (NFKC), and so log in as it.
FULLWIDTH = "ｅｄｉｔｏｒ"
MATHEMATICAL_BOLD = "𝐞𝐝𝐢𝐭𝐨𝐫"


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
@pytest.mark.parametrize("spelling", [FULLWIDTH, MATHEMATICAL_BOLD, " EDITOR "])
def test_a_locked_name_is_locked_in_every_spelling(client, editor, spelling):
    fail(client, LIMIT)

    response = log_in(client, PASSWORD, username=spelling)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert SESSION_KEY not in client.session


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_every_spelling_shares_one_failure_count(client, editor):
    for spelling in ["editor", FULLWIDTH, MATHEMATICAL_BOLD, "Editor", FULLWIDTH.upper()]:
        fail(client, 1, username=spelling)

    assert LoginFailure.objects.failures(MATHEMATICAL_BOLD) == LIMIT
    assert log_in(client, PASSWORD, username="editor").status_code == HTTPStatus.TOO_MANY_REQUESTS


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_the_lock_out_is_logged_with_the_normalised_name_and_no_password(client, editor, caplog):
    with caplog.at_level(logging.WARNING, logger="config.throttle"):
        fail(client, LIMIT - 1, username=FULLWIDTH)
        assert not caplog.records
        fail(client, 1, username=FULLWIDTH)

    (record,) = caplog.records
    assert record.levelno == logging.WARNING
    assert "'editor'" in record.getMessage()
    assert "wrong-password" not in record.getMessage()


@override_settings(ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT)
def test_unlock_login_lifts_the_lock(client, editor, capsys):
    fail(client, LIMIT)
    assert log_in(client, PASSWORD).status_code == HTTPStatus.TOO_MANY_REQUESTS

    call_command("unlock_login", MATHEMATICAL_BOLD)

    assert "'editor' unlocked" in capsys.readouterr().out
    assert log_in(client, PASSWORD).status_code == HTTPStatus.FOUND
    assert client.session[SESSION_KEY] == str(editor.pk)


def test_unlock_login_says_when_there_was_nothing_to_unlock(db, capsys):
    call_command("unlock_login", "nobody")

    assert "nothing to unlock" in capsys.readouterr().out


def run_at_once(count, work):
    """``work()`` in ``count`` threads released together, each on its own connection; the results, in no order.

    An exception in a thread is raised here: it would otherwise vanish with the thread.
    """
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=run) for _ in range(count)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        raise errors[0]
    return results


NEEDS_A_SERVER_DATABASE = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="concurrent writers need a server database; the tests' in-memory SQLite refuses them outright",
)


@NEEDS_A_SERVER_DATABASE
@pytest.mark.django_db(transaction=True)
def test_concurrent_failures_are_all_counted():
    """Failures counted at the same moment by several threads (as by several server processes) are none lost."""
    threads, per_thread = 4, 10
    run_at_once(threads, lambda: [LoginFailure.objects.record("editor") for _ in range(per_thread)])
    assert LoginFailure.objects.failures("editor") == threads * per_thread


@NEEDS_A_SERVER_DATABASE
@pytest.mark.django_db(transaction=True)
@override_settings(
    ARCHIVE_LOGIN_FAILURE_LIMIT=LIMIT, PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
)
def test_attempts_sent_in_parallel_get_no_more_password_checks_than_the_limit():
    """Each attempt is counted before its password is checked: a burst cannot all slip under the limit."""
    get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)
    attempts = 4 * LIMIT
    statuses = run_at_once(attempts, lambda: log_in(Client(), "wrong-password").status_code)
    assert statuses.count(HTTPStatus.OK) == LIMIT  # the attempts whose password was checked (and refused)
    assert statuses.count(HTTPStatus.TOO_MANY_REQUESTS) == attempts - LIMIT
