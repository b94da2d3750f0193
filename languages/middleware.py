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
from django.utils.translation import activate, get_language, get_language_from_request, override

DEFAULT = settings.LANGUAGE_CODE
# The languages with a prefix of their own: /fr/…, /zh-hans/…
PREFIXES = frozenset(code for code, _ in settings.LANGUAGES if code != DEFAULT)
# The admin and the editorial desk (config/urls.py): staff read them in their own language, at one address.
SPEAKS_THE_READERS_LANGUAGE = "/admin/"
VARY = ("Accept-Language", "Cookie")


class LanguageMiddleware:
    """Activate each request's language, and send a first visit's unprefixed page to the reader's language.

    Every public request passes here before the page cache answers it, so the common case, an English page
    asked for without a cookie or an ``Accept-Language`` naming another language, costs a few lookups: no
    parsing, and no activation when English is already the active language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        prefixed = path[1 : path.find("/", 1)] if path.count("/") > 1 else ""
        if prefixed in PREFIXES:
            return self._answer(request, prefixed, vary=False)
        language = DEFAULT
        if settings.LANGUAGE_COOKIE_NAME in request.COOKIES or "HTTP_ACCEPT_LANGUAGE" in request.META:
            preferred = get_language_from_request(request, check_path=False)
            if preferred != DEFAULT:
                redirect = self._elsewhere(request, preferred)
                if redirect is not None:
                    return redirect
                if path.startswith(SPEAKS_THE_READERS_LANGUAGE):
                    language = preferred
        return self._answer(request, language, vary=True)

    def _answer(self, request, language, *, vary):
        request.LANGUAGE_CODE = language
        before = get_language()
        if language == before:
            response = self.get_response(request)
        else:
            activate(language)
            try:
                response = self.get_response(request)
            finally:
                activate(before)  # what runs after this request (the next one, a test) is left as it was
        response.headers.setdefault("Content-Language", language)
        return self._vary(response) if vary else response

    def _elsewhere(self, request, preferred):
        """The redirect of a ``GET`` for an unprefixed page of the public site to its page in ``preferred``, or None."""
        if request.method not in ("GET", "HEAD"):
            return None  # a form sent to an English address is answered there
        path = request.get_full_path()
        with override(DEFAULT):  # the unprefixed address is read as English
            translated = translate_url(path, preferred)
        if translated == path:  # not the public site (or no page): no address per language
            return None
        return self._vary(HttpResponseRedirect(translated))

    @staticmethod
    def _vary(response):
        if "Vary" in response.headers:
            patch_vary_headers(response, VARY)
        else:
            response.headers["Vary"] = ", ".join(VARY)
        return response
