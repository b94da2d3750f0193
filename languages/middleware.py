"""Which language a request is answered in.

- An address with a language prefix (``/fr/…``) is answered in that language, always.
- An address of the public site without one is the English page.  But on a reader's first visit, before
  they have chosen (Django's language cookie, set by :mod:`languages.views`), their browser's
  ``Accept-Language`` is heard: a reader who prefers French is sent (``302``) to the French page, the
  query kept.  Once they choose, the cookie decides instead, English included.
- The admin and the editorial desk (under ``/admin/``) have no prefix: they are answered in the reader's
  language, from the cookie or ``Accept-Language``.
- The other addresses without one (the API, ``/robots.txt``, the sitemap, ``/language/``) are English: the
  page cache keys the API's answers on their address alone, so they must not vary by reader.

This runs before the page cache (caching.middleware), which keys pages on their address: an unprefixed
address reaching the cache is always the English page, so the cache never has to vary by language.  The
answers at unprefixed addresses do depend on the cookie and ``Accept-Language``, and say so to other
caches with ``Vary``, added here after the page cache has stored the page (it stores no ``Vary``).
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import translate_url
from django.utils.cache import patch_vary_headers
from django.utils.translation import (
    activate,
    get_language,
    get_language_from_path,
    get_language_from_request,
)

DEFAULT = settings.LANGUAGE_CODE
# The admin and the editorial desk (config/urls.py): staff read them in their own language, at one address.
SPEAKS_THE_READERS_LANGUAGE = "/admin/"


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        before = get_language()
        try:
            return self._answer(request)
        finally:
            activate(before)  # what runs after this request (the next one's middleware, a test) is left as it was

    def _answer(self, request):
        prefixed = get_language_from_path(request.path_info)
        if prefixed:
            activate(prefixed)
        else:
            preferred = get_language_from_request(request, check_path=False)
            activate(DEFAULT)
            if preferred != DEFAULT:
                path = request.get_full_path()
                translated = translate_url(path, preferred)
                if translated == path:  # not the public site: no address per language
                    if request.path_info.startswith(SPEAKS_THE_READERS_LANGUAGE):
                        activate(preferred)
                elif request.method in ("GET", "HEAD"):
                    return self._vary(HttpResponseRedirect(translated))
        request.LANGUAGE_CODE = get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response if prefixed else self._vary(response)

    @staticmethod
    def _vary(response):
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
