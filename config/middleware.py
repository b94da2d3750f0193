"""Site-wide middleware: the Content-Security-Policy and Permissions-Policy headers, a 400 for too many
query parameters, and a 503 page when the database is away.

Django 5.2 has no Content-Security-Policy support of its own (it arrives in Django 6.0), and the
archive needs one fixed policy with no nonces, so a few lines here replace a dependency.
"""

import logging
from http import HTTPStatus

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.core.handlers.exception import get_exception_response
from django.db.utils import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import get_resolver, get_urlconf
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_RETRY_AFTER_SECONDS = 30


def content_security_policy(directives):
    """Serialize ``{"default-src": ["'self'"], …}`` into a header value."""
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


def permissions_policy(features):
    """Serialize ``{"camera": [], "fullscreen": ["self"]}`` into a header value: ``camera=(), fullscreen=(self)``."""
    return ", ".join(f"{feature}=({' '.join(origins)})" for feature, origins in features.items())


class SecurityHeadersMiddleware:
    """Add ``settings.CONTENT_SECURITY_POLICY`` and ``settings.PERMISSIONS_POLICY`` to every response that does not
    set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            "Content-Security-Policy": content_security_policy(settings.CONTENT_SECURITY_POLICY),
            "Permissions-Policy": permissions_policy(settings.PERMISSIONS_POLICY),
        }

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            response.headers.setdefault(name, value)
        return response


class TooManyParametersMiddleware:
    """Answer a query string of more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` parameters with the 400 page, at once.

    Django already answers 400 when ``request.GET`` raises ``TooManyFieldsSent``, but with DEBUG on
    its technical error page reads ``request.GET`` again, which raises again inside the handler of
    every middleware, so the request ended as a 500 after many seconds.  Parsing the query string
    here, before any view or middleware that reads it, gives the production answer in both modes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            request.GET  # noqa: B018 - parsing is the check; the result is kept on the request
        except TooManyFieldsSent as exception:
            logging.getLogger("django.security.TooManyFieldsSent").error(
                str(exception), extra={"status_code": HTTPStatus.BAD_REQUEST, "request": request}
            )
            return get_exception_response(request, get_resolver(get_urlconf()), HTTPStatus.BAD_REQUEST, exception)
        return self.get_response(request)


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
