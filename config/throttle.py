"""Throttle the admin log-in: too many failed attempts for one user name lock it for a while.

The name is counted as authentication reads it, normalised (NFKC) and case-folded
(:func:`accounts.models.login_name`), so ``ｖｉｃｔｉｍ``, ``𝐯𝐢𝐜𝐭𝐢𝐦`` and ``Victim`` share
``victim``'s count and its lock.  Counts live in a database table (:class:`accounts.models.LoginFailure`),
so every server process sees the same count, and each failure is counted by one atomic ``UPDATE``.
Each failure restarts the clock: ``ARCHIVE_LOGIN_FAILURE_LIMIT`` failures with less than
``ARCHIVE_LOGIN_LOCKOUT_SECONDS`` between them lock the user name for that long after the last
one, whatever address the attempts come from.  While it is locked every attempt is refused before
the password is even checked, the right one included. Every attempt is counted before its password
is checked, so attempts sent in parallel cannot all slip under the limit; a successful log-in clears
the count, and ``manage.py unlock_login NAME`` lifts a lock.
"""

import logging
import math
from http import HTTPStatus

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters

from accounts.models import LoginFailure, login_name

logger = logging.getLogger(__name__)


def locked_response(request):
    minutes = math.ceil(settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS / 60)
    # Translators: the title of the page the admin shows while a user name is locked after failed log-ins.
    context = {**admin.site.each_context(request), "title": gettext("Log-in locked"), "minutes": minutes}
    response = TemplateResponse(request, "admin/login_locked.html", context, status=HTTPStatus.TOO_MANY_REQUESTS)
    response["Retry-After"] = str(settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS)
    return response


@sensitive_post_parameters()
@csrf_protect
@never_cache
def admin_login(request, extra_context=None):
    """The admin's own log-in view, refused with 429 while the user name is locked.

    Each attempt is counted before its password is checked, atomically: attempts sent in parallel
    each get their own count, so no more than ``ARCHIVE_LOGIN_FAILURE_LIMIT`` of them are ever
    checked, however many arrive at once.  A successful log-in clears the count.
    """
    username = request.POST.get("username", "") if request.method == "POST" else ""
    attempts = LoginFailure.objects.record(username) if username else 0
    if attempts > settings.ARCHIVE_LOGIN_FAILURE_LIMIT:
        return locked_response(request)
    response = admin.site.login(request, extra_context=extra_context)
    if username:
        # The admin answers a refused log-in by showing the form again (200) and a good one by redirecting.
        if response.status_code == HTTPStatus.FOUND:
            LoginFailure.objects.clear(username)
        elif attempts == settings.ARCHIVE_LOGIN_FAILURE_LIMIT:
            logger.warning(
                "Admin log-in locked for user name %r after %d failed attempts; it opens %d s after the last one "
                "(or with `manage.py unlock_login`).",
                login_name(username),
                attempts,
                settings.ARCHIVE_LOGIN_LOCKOUT_SECONDS,
            )
    return response
