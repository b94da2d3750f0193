"""Conditional GET and a per-page cache for the public pages, both keyed on the archive's change stamp.

For an anonymous ``GET`` or ``HEAD`` of a public page (a URL in one of
``settings.ARCHIVE_CACHED_NAMESPACES``), :class:`PublicPageCacheMiddleware`

1. reads the change stamp (:func:`caching.stamp.current_stamp`, one query);
2. answers ``304 Not Modified`` at once when the request's ``If-None-Match``
   names this page's current ``ETag``: nothing is rendered;
3. otherwise serves the page from Django's cache framework when it is there
   (``settings.ARCHIVE_PAGE_CACHE``), with the ``ETag``/``Last-Modified`` of
   the stamp: from the process's own memory first, then from the shared cache
   (Redis, ``DJANGO_CACHE_URL``) when there is one;
4. otherwise lets the view render it, then stores it, if it is a plain ``200``
   that sets no cookie and is not marked private, and was not read from the
   facet index while a rebuild lags the stamp (:func:`caching.stamp.mark_provisional`:
   such a page lacks the debates published since, and is sent with ``no-store``);
5. and only then, for a ``200``, evaluates the other preconditions
   (``If-None-Match: *``, ``If-Modified-Since``, …), which may still make it a ``304``.

RFC 9110 §13.2.1: preconditions are evaluated only when the response would be
a ``2xx``.  An ``ETag`` is given only with a ``200`` and names the page's address
and the archive's state, so a request naming the current one is answered ``304``
before rendering; anything else (``*``, a date) could equally be sent for a
missing page, a draft or an invalid query, which must stay a ``404`` or ``400``.

HTTP dates have whole seconds, and the archive can change twice in one second:
a date alone proves a copy current only when it is no earlier than the exact
moment of the last change.  So ``If-Modified-Since`` is compared with the
stamp's own time, microseconds included, and ``Last-Modified`` is that time
rounded *up* to the second, or the time of the response when that second is
not over yet (RFC 9110 §8.8.2.1: never a date in the future).  A copy fetched
before a change made in the same second then never passes for current.

Every cache key and ``ETag`` holds the stamp and the code's release, so a
change to the archive (:mod:`caching.triggers`) or a deploy makes every earlier
entry unreachable at once, on every server sharing the cache; stale entries
simply age out.  Requests carrying a session cookie (someone logged in, who may
see drafts) or an ``Authorization`` header bypass all of it, as do unsafe
methods.  Drafts have no public page, and only ``200`` responses are stored,
so no draft can enter the cache.
"""

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_etags

from .release import release
from .stamp import current_stamp, provisional, reset_provisional

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
        request.archive_stamp = stamp  # read before the view reads anything: public.rendering keys on it too
        key_prefix = f"page.{release()}.{stamp.token}"
        etag = f'W/"{_digest(key_prefix, request.get_full_path())}"'
        changed_at = stamp.changed_at.timestamp() if stamp.changed_at else None

        if _names_etag(request, etag):  # given with a 200 for this address and state only: the page is a 200
            not_modified = get_conditional_response(request, etag=etag, last_modified=changed_at)
            if not_modified is not None:
                return self._validated(not_modified, etag, changed_at)

        store_pages = settings.ARCHIVE_PAGE_CACHE
        tiers = page_cache_tiers() if store_pages else []
        cache_key = f"{key_prefix}.{_digest(request.build_absolute_uri())}"
        for depth, tier in enumerate(tiers):
            response = tier.get(cache_key)
            if response is not None:
                for nearer in tiers[:depth]:  # keep it in this process for the next request
                    _store(cache_key, response, nearer)
                response[CACHE_STATUS_HEADER] = "hit"
                return self._preconditions_evaluated(request, response, etag, changed_at)

        reset_provisional()
        response = self.get_response(request)
        if provisional():  # read from a view of the archive that lags its stamp: good for this answer only
            patch_cache_control(response, no_store=True)
            return response
        if response.status_code != 200 or "no-store" in response.get("Cache-Control", ""):
            return (
                response  # a page that changes without the archive changing (a citation dated today) gets no validators
            )
        self._validated(response, etag, changed_at)
        if tiers and request.method == "GET" and _storable(response):
            response[CACHE_STATUS_HEADER] = "miss"
            for tier in tiers:
                _store(cache_key, response, tier)
        return self._preconditions_evaluated(request, response, etag, changed_at)

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
    def _validated(response, etag, changed_at):
        """Give ``response`` the validators, and make browsers and proxies revalidate before reuse."""
        response.headers.setdefault("ETag", etag)
        if changed_at is not None:
            response.headers.setdefault("Last-Modified", http_date(min(math.ceil(changed_at), int(time.time()))))
        patch_cache_control(response, public=True, no_cache=True)
        return response

    @classmethod
    def _preconditions_evaluated(cls, request, response, etag, changed_at):
        """``response`` (a ``200``), or the ``304`` (or ``412``) its request's preconditions call for."""
        conditional = get_conditional_response(request, etag=etag, last_modified=changed_at, response=response)
        return response if conditional is response else cls._validated(conditional, etag, changed_at)


def _names_etag(request, etag):
    """Whether the request's ``If-None-Match`` lists ``etag`` itself (weak comparison; ``*`` does not count)."""
    listed = parse_etags(request.headers.get("If-None-Match", ""))
    return any(candidate.removeprefix("W/") == etag.removeprefix("W/") for candidate in listed)


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
