"""The database going away under a running production server: a 503 page, then recovery by itself.

This runs the real thing: gunicorn under production settings, with persistent database
connections, against the throwaway PostgreSQL server of ``scripts/with-postgres``, which the test
stops and starts again with ``pg_ctl``.  On SQLite there is no server to stop.
"""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from http import HTTPStatus
from types import SimpleNamespace
from urllib.error import HTTPError, URLError

import pytest
from django.conf import settings
from django.db import connection, connections

from tests.factories import make_debate

PG_ENVIRONMENT = ("ARCHIVE_PG_BIN", "ARCHIVE_PG_DATA", "ARCHIVE_PG_LOG", "ARCHIVE_PG_OPTS")
SERVER_START_SECONDS = 60


def require_stoppable_postgres():
    missing = [name for name in PG_ENVIRONMENT if not os.environ.get(name)]
    if not missing and connection.vendor == "postgresql":
        return
    if connection.vendor == "postgresql" or os.environ.get("ARCHIVE_EXPECT_DB") == "postgresql":
        pytest.fail(f"Run under scripts/with-postgres, which exports {', '.join(missing)}.")
    pytest.skip("Needs a PostgreSQL server it may stop and start (scripts/with-postgres); this run is on SQLite.")


def pg_ctl(*arguments):
    command = [os.path.join(os.environ["ARCHIVE_PG_BIN"], "pg_ctl"), "-D", os.environ["ARCHIVE_PG_DATA"], *arguments]
    if os.environ.get("ARCHIVE_PG_RUN_AS"):
        command = ["runuser", "-u", os.environ["ARCHIVE_PG_RUN_AS"], "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def stop_database():
    pg_ctl("stop", "-m", "fast", "-w")


def start_database():
    pg_ctl("start", "-w", "-t", "60", "-l", os.environ["ARCHIVE_PG_LOG"], "-o", os.environ["ARCHIVE_PG_OPTS"])


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url):
    """``(status, body)`` of a GET, whatever the status."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode()
    except HTTPError as error:
        return error.code, error.read().decode()


def production_server_environment():
    database = connection.settings_dict
    environment = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    environment.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="outage-test-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_CONN_MAX_AGE="600",
        DATABASE_URL=f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/{database['NAME']}",
    )
    return environment


@pytest.fixture
def production_server(transactional_db, tmp_path):
    """gunicorn with one worker and one thread, so every request reuses the same persistent connection."""
    require_stoppable_postgres()
    environment = production_server_environment()
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=settings.BASE_DIR,
        env=environment,
        check=True,
        timeout=300,
    )
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    log = log_path.open("w")
    server = subprocess.Popen(
        [
            os.path.join(os.path.dirname(sys.executable), "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--threads",
            "1",
            "--graceful-timeout",
            "5",
        ],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_SECONDS
        while True:
            try:
                if fetch(base_url + "/healthz")[0] == HTTPStatus.OK:
                    break
            except URLError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail("gunicorn did not start:\n" + log_path.read_text())
            time.sleep(0.2)
        yield SimpleNamespace(url=base_url, log=log_path.read_text)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_outage_gives_503_and_the_site_recovers_by_itself(production_server):
    debate = make_debate(title="A debate read during an outage")
    page = production_server.url + debate.get_absolute_url()
    status, body = fetch(page)
    assert status == HTTPStatus.OK, production_server.log()
    assert "A debate read during an outage" in body

    stop_database()
    try:
        status, body = fetch(page)
        assert status == HTTPStatus.SERVICE_UNAVAILABLE, production_server.log()
        assert "briefly unavailable" in body
        assert "Traceback" not in body and "OperationalError" not in body
        status, body = fetch(production_server.url + "/healthz")
        assert status == HTTPStatus.SERVICE_UNAVAILABLE
        assert json.loads(body) == {"status": "unavailable", "failed": ["database:default"]}
    finally:
        start_database()
        connections.close_all()  # this process's own connections died with the server

    # The same server process, untouched, answers again: nobody restarted it.
    status, body = fetch(page)
    assert status == HTTPStatus.OK, production_server.log()
    assert "A debate read during an outage" in body
    assert fetch(production_server.url + "/healthz") == (HTTPStatus.OK, '{"status": "ok"}')
