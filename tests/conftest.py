"""Shared pytest configuration."""

import os

import pytest
from django.db import connection


@pytest.fixture(scope="session", autouse=True)
def _expected_database_vendor(django_db_setup, django_db_blocker):
    """`make test` says which database each pass must run on; fail loudly if it silently fell back."""
    expected = os.environ.get("ARCHIVE_EXPECT_DB")
    if expected and connection.vendor != expected:
        pytest.exit(f"Expected the tests to run on {expected}, but the database is {connection.vendor}.", returncode=1)


@pytest.fixture(scope="session", autouse=True)
def _no_developers_downloads(tmp_path_factory):
    """The tests never serve a developer's own research downloads (`make run` builds them into var/downloads)."""
    from django.conf import settings

    settings.ARCHIVE_DOWNLOADS_DIR = tmp_path_factory.mktemp("downloads")


@pytest.fixture(autouse=True)
def _fresh_page_renders(settings):
    """Public pages are cached in production (caching/); tests see every render, and tests/caching turn it on."""
    settings.ARCHIVE_PAGE_CACHE = False


@pytest.fixture(autouse=True)
def _fresh_facet_index(settings):
    """Each test builds the explorer's in-memory index from its own data (public/facet_index.py), within the
    request that first needs it: a test's data is in a transaction that a background rebuild could not see
    (tests/public/test_facet_index_refresh.py turns the background rebuild back on)."""
    from public.facet_index import forget

    settings.ARCHIVE_FACET_INDEX_REFRESH = "inline"
    forget()


@pytest.fixture(autouse=True)
def _fresh_debate_pages():
    """Each test renders debate pages from its own data: a rolled-back database can repeat a change stamp."""
    from django.core.cache import caches

    from public.rendering import RENDERINGS

    caches[RENDERINGS].clear()


@pytest.fixture(autouse=True)
def _fresh_term_translations():
    """Each test reads the vocabularies' and titles' translations from its own data: they are kept under the
    change stamp (public/terms.py, public/titles.py), which a rolled-back database can repeat, as is the stamp a
    thread read last."""
    from caching.stamp import leave_request
    from public import terms, titles

    terms.forget()
    titles.forget()
    leave_request()


@pytest.fixture(autouse=True)
def _fresh_search():
    """Each test searches its own data: ranked windows are kept under the change stamp, which a rolled-back
    database can repeat (public/search_views.py), and the words suggestions come from for an hour."""
    from django.core.cache import caches

    from search.suggest import forget

    caches["default"].clear()
    forget()


# The two secretariat roles, as most workflow tests need them (tests/admin_helpers.py makes them).
@pytest.fixture
def editor():
    from tests.admin_helpers import make_editor

    return make_editor(username="editor")


@pytest.fixture
def reviewer():
    from tests.admin_helpers import make_reviewer

    return make_reviewer(username="reviewer")


def pytest_collection_modifyitems(items):
    """Every test that commits puts back what the migrations made (the vocabulary, the roles, content types).

    A committing test empties the database when it ends.  Without a serialized rollback Django then runs
    ``post_migrate``, which makes the content types again under new keys, and the next test that restores the
    migrations' rows (the alerts' flow) collides with them: the tests passed only in the order the full suite
    happens to run them.  With it, each committing test starts from the migrated database and leaves one.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction") or marker.kwargs.get("serialized_rollback"):
            continue
        item.add_marker(pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), False)
