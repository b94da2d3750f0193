"""The page cache in a Redis server shared by app servers, as production runs it with DJANGO_CACHE_URL.

The server is Debian's ``redis-server``, started here on a free port of 127.0.0.1
and stopped afterwards.  It is required under ``CI=true``.
"""

import os
import runpy
import shutil
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.core.cache import caches

from caching.middleware import CACHE_STATUS_HEADER
from config import settings as settings_module
from public.rendering import RENDERINGS
from tests.factories import build_debate


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    binary = shutil.which("redis-server")
    if binary is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is required under CI=true (Debian package redis-server).")
        pytest.skip("redis-server is not installed (Debian package redis-server); it is required under CI=true.")
    port = free_port()
    directory = tmp_path_factory.mktemp("redis")
    server = subprocess.Popen(
        [binary, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no", "--dir", directory],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.05)
        yield url
    finally:
        client.close()
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture
def shared_cache(settings, redis_url):
    """Pages in Redis, shared by every server, and in each process's memory in front of it (as in production)."""
    redis_backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
    settings.CACHES = {**settings.CACHES, "default": redis_backend}
    settings.ARCHIVE_PAGE_CACHE = True
    settings.ARCHIVE_PAGE_CACHE_LOCAL_ALIAS = "pages_local"
    for alias in ("default", "pages_local"):
        caches[alias].clear()
    yield redis.Redis.from_url(redis_url)
    for alias in ("default", "pages_local"):
        caches[alias].clear()


@pytest.mark.django_db
def test_pages_are_shared_through_redis_and_kept_in_the_process_too(client, shared_cache):
    debate = build_debate({"debate": {"title": "A debate kept in Redis"}})
    url = debate.get_absolute_url()
    assert client.get(url)[CACHE_STATUS_HEADER] == "miss"
    assert shared_cache.dbsize() > 0, "the page went to the shared server"

    caches["pages_local"].clear()  # as another server would start: nothing in its memory
    from_redis = client.get(url)
    assert from_redis[CACHE_STATUS_HEADER] == "hit"
    assert b"A debate kept in Redis" in from_redis.content

    shared_cache.flushdb()  # the hit was copied into the process's memory
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"


@pytest.mark.django_db
def test_an_edit_invalidates_both_tiers(client, shared_cache):
    debate = build_debate({"debate": {"title": "A debate kept in Redis"}})
    url = debate.get_absolute_url()
    client.get(url)
    assert client.get(url)[CACHE_STATUS_HEADER] == "hit"
    debate.title = "A debate edited once"
    debate.save()
    after_edit = client.get(url)
    assert after_edit[CACHE_STATUS_HEADER] == "miss"
    assert b"A debate edited once" in after_edit.content


@pytest.fixture
def shared_renderings(settings, redis_url, monkeypatch):
    """Rendered debate pages in Redis, the "renderings" alias as settings give it with DJANGO_CACHE_URL set."""
    with monkeypatch.context() as environment:
        environment.setenv("DJANGO_CACHE_URL", redis_url)
        renderings = runpy.run_path(str(Path(settings_module.__file__)))["CACHES"][RENDERINGS]
    settings.CACHES = {**settings.CACHES, RENDERINGS: renderings}
    settings.ARCHIVE_PAGE_CACHE = False  # the view's own kept page, not the page cache in front of it
    caches[RENDERINGS].clear()
    yield redis.Redis.from_url(redis_url)
    caches[RENDERINGS].clear()


@pytest.mark.django_db
def test_a_rendered_debate_page_is_shared_through_redis_until_an_edit(client, shared_renderings):
    debate = build_debate({"debate": {"title": "A debate rendered once for every server"}})
    url = debate.get_absolute_url()
    first = client.get(url)
    assert first.templates, "rendered"
    assert shared_renderings.keys(f"{RENDERINGS}:*"), "kept in the shared server"
    assert client.get(url).templates == [], "served as kept, by any process"

    debate.title = "A debate edited once"
    debate.save()
    after_edit = client.get(url)
    assert after_edit.templates, "rendered again under the new stamp"
    assert b"A debate edited once" in after_edit.content
