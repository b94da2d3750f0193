"""Conditional GET and a per-page cache for the public pages, both keyed on the archive's change stamp.

For an anonymous ``GET`` or ``HEAD`` of a public page (a URL in one of
``settings.ARCHIVE_CACHED_NAMESPACES``), :class:`PublicPageCacheMiddleware`

1. reads the change stamp (:func:`caching.stamp.current_stamp`, one query);
2. answers ``304 Not Modified`` at once when the request's ``If-None-Match``
   (or ``If-Modified-Since``) matches: nothing is rendered;
3. otherwise serves the page from Django's cache framework when it is there
   (``settings.ARCHIVE_PAGE_CACHE``), with the ``ETag``/``Last-Modified`` of
   the stamp: from the process's own memory first, then from the shared cache
   (Redis, ``DJANGO_CACHE_URL``) when there is one;
4. otherwise lets the view render it, then stores it, if it is a plain ``200``
   that sets no cookie and is not marked private.

Every cache key and ``ETag`` holds the stamp and the code's release, so a
change to the archive (:mod:`caching.triggers`) or a deploy makes every earlier
entry unreachable at once, on every server sharing the cache; stale entries
simply age out.  Requests carrying a session cookie (someone logged in, who may
see drafts) or an ``Authorization`` header bypass all of it, as do unsafe
methods.  Drafts have no public page, and only ``200`` responses are stored,
so no draft can enter the cache.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date

from .release import release
from .stamp import current_stamp

CACHE_STATUS_HEADER = "X-Archive-Cache"


class PublicPageCacheMiddleware:
    """Answer conditional requests with 304 and serve public pages from a cache keyed on the archive's state."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.namespaces = frozenset(settings.ARCHIVE_CACHED_NAMESPACES)

    def __call__(self, request):
        if not self._is_public_request(request):
            return self.get_response(request)
        try:
            stamp = current_stamp()
        except DatabaseError:
            return self.get_response(request)  # the inner middleware answers 503
        request.archive_stamp = stamp  # read before the view reads anything: debates.rendering keys on it too
        key_prefix = f"page.{release()}.{stamp.token}"
        etag = f'W/"{_digest(key_prefix, request.get_full_path())}"'
        last_modified = int(stamp.changed_at.timestamp()) if stamp.changed_at else None  # HTTP dates: whole seconds

        not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
        if not_modified is not None:
            return self._validated(not_modified, etag, last_modified)

        store_pages = settings.ARCHIVE_PAGE_CACHE
        tiers = page_cache_tiers() if store_pages else []
        cache_key = f"{key_prefix}.{_digest(request.build_absolute_uri())}"
        for depth, tier in enumerate(tiers):
            response = tier.get(cache_key)
            if response is not None:
                for nearer in tiers[:depth]:  # keep it in this process for the next request
                    _store(cache_key, response, nearer)
                response[CACHE_STATUS_HEADER] = "hit"
                return response

        response = self.get_response(request)
        if response.status_code != 200:
            return response
        self._validated(response, etag, last_modified)
        if tiers and request.method == "GET" and _storable(response):
            response[CACHE_STATUS_HEADER] = "miss"
            for tier in tiers:
                _store(cache_key, response, tier)
        return response

    def _is_public_request(self, request):
        if request.method not in {"GET", "HEAD"}:
            return False
        if settings.SESSION_COOKIE_NAME in request.COOKIES or "authorization" in request.headers:
            return False
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return False
        return match.namespace in self.namespaces

    @staticmethod
    def _validated(response, etag, last_modified):
        """Give ``response`` the validators, and make browsers and proxies revalidate before reuse."""
        response.headers.setdefault("ETag", etag)
        if last_modified is not None:
            response.headers.setdefault("Last-Modified", http_date(last_modified))
        patch_cache_control(response, public=True, no_cache=True)
        return response


def page_cache_tiers():
    """The caches a page is looked for in, nearest first: this process's memory, then the shared cache.

    Entries never change once written (their keys hold the change stamp and
    the release), so a copy in the process's memory is as fresh as the shared
    one and saves a round trip to Redis on every hit.
    """
    shared = caches[settings.ARCHIVE_PAGE_CACHE_ALIAS]
    local_alias = settings.ARCHIVE_PAGE_CACHE_LOCAL_ALIAS
    if not local_alias or local_alias == settings.ARCHIVE_PAGE_CACHE_ALIAS:
        return [shared]
    return [caches[local_alias], shared]


def _store(cache_key, response, tier):
    tier.set(cache_key, response, settings.ARCHIVE_PAGE_CACHE_SECONDS)


def _storable(response):
    """A page every reader of its address may be given: one key per address, so nothing that varies."""
    cache_control = response.get("Cache-Control", "")
    return not (
        response.streaming
        or response.cookies
        or response.has_header("Vary")
        or "private" in cache_control
        or "no-store" in cache_control
    )


def _digest(*parts):
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=12).hexdigest()
