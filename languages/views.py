"""``/language/<code>/?next=…``: the language switcher's links.

A link of the switcher goes here rather than straight to the page in the other language so that the
choice is remembered (in Django's language cookie): a reader who chose English is not sent back to
French by their browser's ``Accept-Language`` on their next visit (:mod:`languages.middleware`).
The cookie is the reader's preference only, so a ``GET`` may set it; nothing is stored on the server.
"""

from django.conf import settings
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import override
from django.views.decorators.http import require_safe


@require_safe
def choose(request, code):
    if code not in dict(settings.LANGUAGES):
        raise Http404("The archive has no such language.")
    target = request.GET.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        with override(code):
            target = reverse("public:home")
    response = HttpResponseRedirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    add_never_cache_headers(response)
    return response
