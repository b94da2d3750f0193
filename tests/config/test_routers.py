"""The replica router with two real database aliases: reads to ``replica``, writes and what follows them to ``default``.

The ``replica`` alias is a second connection to the same test database (what a
streaming replica with no lag would be), so every query can be counted on the
connection that ran it.  The tests commit (``transaction=True``) because a
second connection sees only committed rows.
"""

import contextvars
from http import HTTPStatus

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import path

from config.routers import PIN_COOKIE, PRIMARY, REPLICA, PrimaryReplicaRouter, pinned_to_primary
from debates.models import Theme, Topic
from tests.factories import build_debate


def read_write_read(request):
    """Read, write, read again: the second read must see the write."""
    before = Topic.objects.count()
    Topic.objects.create(slug=f"topic-{before}", name=f"Topic {before}", description="Made by a test view.")
    after = Topic.objects.count()
    return HttpResponse(f"{before} {after}")


def read_only(request):
    return HttpResponse(str(Theme.objects.count()))


urlpatterns = [path("read-write-read/", read_write_read), path("read-only/", read_only)]


@pytest.fixture(scope="module")
def replica_alias():
    """A ``replica`` alias on the test database, configured as DATABASE_REPLICA_URL would.

    Module-scoped, so that it exists before pytest-django sets up each test
    (which checks the aliases a test may use).
    """
    replica_settings = {**connections[PRIMARY].settings_dict, "TEST": {"MIRROR": PRIMARY}}
    original = django_settings.DATABASES
    django_settings.DATABASES = {**original, REPLICA: replica_settings}
    connections.settings[REPLICA] = replica_settings
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        del connections.settings[REPLICA]
        django_settings.DATABASES = original


pytestmark = [
    pytest.mark.usefixtures("replica_alias"),
    pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA]),
]


class Queries:
    """Count the queries each alias runs."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections[PRIMARY])
        self.replica = CaptureQueriesContext(connections[REPLICA])
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc_info):
        self.replica.__exit__(*exc_info)
        self.primary.__exit__(*exc_info)


def test_without_a_replica_everything_goes_to_the_primary():
    router = PrimaryReplicaRouter()
    with_replica = django_settings.DATABASES
    django_settings.DATABASES = {PRIMARY: with_replica[PRIMARY]}
    try:
        assert contextvars.Context().run(router.db_for_read, Theme) == PRIMARY
    finally:
        django_settings.DATABASES = with_replica
    assert contextvars.Context().run(router.db_for_read, Theme) == REPLICA
    assert router.db_for_write(Theme) == PRIMARY
    assert router.allow_migrate(PRIMARY, "debates") and not router.allow_migrate(REPLICA, "debates")


def test_public_pages_read_from_the_replica_only(client):
    debate = build_debate({"debate": {"title": "Read from the replica"}})
    with Queries() as first:
        response = client.get(debate.get_absolute_url())
    # The first view keeps the rendered page in the cache (public.rendering), not the database: nothing pins the reader.
    assert not [query["sql"] for query in first.primary if query["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]
    assert PIN_COOKIE not in response.cookies
    with Queries() as queries:
        response = client.get(debate.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert b"Read from the replica" in response.content
    assert len(queries.replica) >= 1  # the change stamp; the page itself comes from the cache
    assert len(queries.primary) == 0
    assert PIN_COOKIE not in response.cookies


def test_a_write_goes_to_the_primary_and_later_reads_in_the_request_follow_it(client, settings):
    settings.ROOT_URLCONF = __name__
    with Queries() as queries:
        response = client.get("/read-write-read/")
    before, after = map(int, response.content.split())
    assert after == before + 1, "the read after the write saw it"
    replica_sql = " ".join(query["sql"] for query in queries.replica)
    primary_sql = " ".join(query["sql"] for query in queries.primary)
    assert replica_sql.count("COUNT(") == 1 and "INSERT" not in replica_sql
    assert "INSERT" in primary_sql and primary_sql.count("COUNT(") == 1
    assert response.cookies[PIN_COOKIE]["max-age"] == settings.DATABASE_REPLICA_PIN_SECONDS


def test_the_pin_cookie_keeps_the_next_requests_on_the_primary(client, settings):
    settings.ROOT_URLCONF = __name__
    client.get("/read-write-read/")
    with Queries() as pinned:
        client.get("/read-only/")
    assert len(pinned.primary) == 1 and len(pinned.replica) == 0

    client.cookies.pop(PIN_COOKIE)
    with Queries() as unpinned:
        client.get("/read-only/")
    assert len(unpinned.replica) == 1 and len(unpinned.primary) == 0


def test_the_pin_ends_with_the_request(client, settings):
    settings.ROOT_URLCONF = __name__

    def request_that_writes():
        client.get("/read-write-read/")
        return pinned_to_primary()

    assert contextvars.Context().run(request_that_writes) is False


def test_unsafe_methods_read_from_the_primary_from_the_start(client, settings):
    settings.ROOT_URLCONF = __name__
    with Queries() as queries:
        client.post("/read-only/")
    assert len(queries.primary) == 1 and len(queries.replica) == 0


def test_outside_requests_a_write_pins_the_rest_of_the_context():
    def command():
        router = PrimaryReplicaRouter()
        first = router.db_for_read(Theme)
        router.db_for_write(Theme)
        return first, router.db_for_read(Theme), pinned_to_primary()

    assert contextvars.Context().run(command) == (REPLICA, PRIMARY, True)
