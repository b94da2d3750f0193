"""Throttle the admin log-in: too many failed attempts for one user name lock it for a while.

The count lives in the ``login_throttle`` cache (a database table, so every server process sees
the same count).  Each failure restarts the clock: ``ARCHIVE_LOGIN_FAILURE_LIMIT`` failures with
less than ``ARCHIVE_LOGIN_LOCKOUT_SECONDS`` between them lock the user name for that long after
the last one, whatever address the attempts come from.  While it is locked every attempt is
refused before the password is even checked, the right one included; a successful log-in clears
the count.
"""

import hashlib
import math
from http import HTTPStatus

from django.conf import settings
from django.contrib import admin
from django.core.cache import caches
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters


def _cache():
    return caches["login_throttle"]


def _key(username):
    digest = hashlib.sha256(username.strip().casefold().encode()).hexdigest()
    return f"admin-login-failures:{digest}"


def login_failures(username):
    """How many failed log-ins are counted against ``username`` now."""
    return _cache().get(_key(username), 0)


def login_is_locked(username):
    return login_failures(username) >= settings.ARCHIVE_LOGIN_FAILURE_LIMIT


def login_failure_record(username):
    _cache().set(_key(username), login_failures(username) + 1, timeout=settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS)


def login_failures_clear(username):
    _cache().delete(_key(username))


@sensitive_post_parameters()
@csrf_protect
@never_cache
def admin_login(request, extra_context=None):
    """The admin's own log-in view, refused with 429 while the user name is locked."""
    username = request.POST.get("username", "") if request.method == "POST" else ""
    if username and login_is_locked(username):
        minutes = math.ceil(settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS / 60)
        context = {**admin.site.each_context(request), "title": "Log-in locked", "minutes": minutes}
        response = TemplateResponse(request, "admin/login_locked.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
        response["Retry-After"] = str(settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS)
        return response
    response = admin.site.login(request, extra_context=extra_context)
    if username:
        # The admin answers a refused log-in by showing the form again (200) and a good one by redirecting.
        if response.status_code == HTTPStatus.OK:
            login_failure_record(username)
        elif response.status_code == HTTPStatus.FOUND:
            login_failures_clear(username)
    return response
