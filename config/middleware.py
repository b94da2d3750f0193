"""Site-wide middleware: the Content-Security-Policy header, and a 503 page when the database is away.

Django 5.2 has no Content-Security-Policy support of its own (it arrives in Django 6.0), and the
archive needs one fixed policy with no nonces, so a few lines here replace a dependency.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_RETRY_AFTER_SECONDS = 30


def content_security_policy(directives):
    """Serialize ``{"default-src": ["'self'"], …}`` into a header value."""
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


class ContentSecurityPolicyMiddleware:
    """Add ``settings.CONTENT_SECURITY_POLICY`` to every response that does not set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = content_security_policy(settings.CONTENT_SECURITY_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", self.policy)
        return response


class DatabaseUnavailableMiddleware:
    """Answer 503 with a plain page, never a stack trace, while the database cannot be reached.

    Django raises ``OperationalError`` or ``InterfaceError`` when a connection cannot be opened or
    is lost.  Nothing else is needed to recover: with ``CONN_HEALTH_CHECKS`` on, the broken
    connection is dropped and the next request opens a new one once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html"), status=HTTPStatus.SERVICE_UNAVAILABLE)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER_SECONDS)
        add_never_cache_headers(response)
        return response
