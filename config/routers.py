"""Reads from a read replica, writes to the primary, and everything after a write to the primary too.

With ``DATABASE_REPLICA_URL`` set, settings add a ``replica`` database alias and
:class:`PrimaryReplicaRouter` sends every read there, which lets read traffic
(the public pages: nearly all of it) scale over as many replicas as a pooler or
load balancer puts behind that one URL.  Writes go to the primary (``default``).

Replicas lag behind the primary, so a request that has written reads its own
writes from the primary: the first write *pins* the rest of the request (and
unsafe methods, ``POST`` and the like, are pinned from the start, since what
they read decides what they write).  :class:`PrimaryPinningMiddleware` scopes
the pin to one request, and after a write it sets a short-lived cookie
(``settings.DATABASE_REPLICA_PIN_SECONDS``) that pins that browser's next
requests too: the page an editor is redirected to after saving shows the save,
and a fresh log-in finds its session.  Outside requests (management commands)
the pin lasts for the rest of the thread once it has written.

Without a replica every query goes to ``default`` and nothing changes.
"""

import contextvars

from django.conf import settings

PRIMARY = "default"
REPLICA = "replica"
PIN_COOKIE = "archive_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})

_pinned = contextvars.ContextVar("archive_pinned_to_primary", default=False)
_wrote = contextvars.ContextVar("archive_wrote_to_primary", default=False)


def pinned_to_primary():
    """Whether reads in this context go to the primary."""
    return _pinned.get()


def pin_to_primary():
    """Send every further read in this context to the primary."""
    _pinned.set(True)


class PrimaryReplicaRouter:
    """Route reads to ``replica`` when one is configured and nothing has pinned the primary; writes to the primary."""

    def db_for_read(self, model, **hints):
        if REPLICA in settings.DATABASES and not _pinned.get():
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        _pinned.set(True)
        _wrote.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same data as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class PrimaryPinningMiddleware:
    """Scope the primary pin to one request, pin unsafe methods and recent writers, and remember a write briefly."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        pinned = _pinned.set(request.method not in SAFE_METHODS or PIN_COOKIE in request.COOKIES)
        wrote = _wrote.set(False)
        try:
            response = self.get_response(request)
            has_written = _wrote.get()
        finally:
            _pinned.reset(pinned)
            _wrote.reset(wrote)
        if has_written and REPLICA in settings.DATABASES:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=settings.DATABASE_REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
