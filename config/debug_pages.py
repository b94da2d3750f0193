"""Under ``DJANGO_DEBUG=1`` (``make run``), a missing page looks as it does in production.

With DEBUG on, Django answers every 404 with its technical page (``technical_404_response``),
so a person trying the site locally sees an unstyled list of URL patterns instead of the
archive's own "Not found" page.  This middleware renders ``templates/404.html`` for those
404s, with the reason and a link to Django's technical page appended for the developer.
Errors (500) keep Django's debug page; with DEBUG off the middleware does nothing and
Django's own ``handler404`` serves the same template.
"""

from http import HTTPStatus

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

# ``?technical-404`` on a missing page shows Django's technical 404 page instead.
TECHNICAL_PARAMETER = "technical-404"


class DebugNotFoundPageMiddleware:
    """Serve the site's 404 page while DEBUG is on; ``?technical-404`` still shows Django's.

    It sits after ``CommonMiddleware`` in ``MIDDLEWARE``, so an address missing only its
    final slash is still redirected (``APPEND_SLASH``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # No view was found: Django has already turned the Resolver404 into its technical page.
        if response.status_code == HTTPStatus.NOT_FOUND and request.resolver_match is None and self.applies(request):
            return self.not_found(request, "No URL pattern matches this address.")
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and self.applies(request):
            return self.not_found(request, str(exception))
        return None

    @staticmethod
    def applies(request):
        return settings.DEBUG and TECHNICAL_PARAMETER not in request.GET

    @staticmethod
    def not_found(request, reason):
        query = request.GET.copy()
        query[TECHNICAL_PARAMETER] = "1"
        context = {"debug_reason": reason, "technical_url": f"{request.path}?{query.urlencode()}"}
        return render(request, "404.html", context, status=HTTPStatus.NOT_FOUND)
