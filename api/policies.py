"""The API's policies, named in ``REST_FRAMEWORK`` (config/settings.py): negotiation, throttle and errors.

* :class:`ArchiveNegotiation` answers in JSON whatever ``Accept`` says (never a
  ``406``), and refuses an unknown ``?format=`` with a ``400`` naming ``format``.
* :class:`AnonymousRateThrottle` limits every client by address, at the rate of
  ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]`` read on each request (DRF's
  own throttle reads it once, at import, so a changed setting would go unseen).
* :func:`exception_handler` gives every error as JSON: a ``400`` as
  ``{"errors": {"parameter": ["reason", …]}}``, as the explorer's exports do; any
  other error as ``{"detail": "…"}``; a database that is away as a ``503`` with
  ``Retry-After``, like the pages (config/middleware.py).
"""

import logging
from http import HTTPStatus

from django.db import connection
from django.db.utils import InterfaceError, OperationalError
from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import exception_handler as drf_exception_handler

from search.queries import SQLITE_LIMIT_ERRORS

logger = logging.getLogger(__name__)

DATABASE_RETRY_AFTER_SECONDS = 30


class ArchiveNegotiation(DefaultContentNegotiation):
    """Pick the renderer as DRF does, but fall back to the first one instead of answering ``406``.

    ``?format=`` still chooses among the view's renderers (the schema's ``?format=json``); an unknown
    format is a ``400`` naming ``format``.
    """

    def select_renderer(self, request, renderers, format_suffix=None):
        try:
            return super().select_renderer(request, renderers, format_suffix)
        except exceptions.NotAcceptable:
            wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            chosen = self.filter_renderers(renderers, wanted)[0] if wanted else renderers[0]
            return chosen, chosen.media_type

    def filter_renderers(self, renderers, format):
        found = [renderer for renderer in renderers if renderer.format == format]
        if not found:
            offered = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise exceptions.ValidationError({"format": [f"Give one of {offered}, not “{format}”."]})
        return found


class AnonymousRateThrottle(AnonRateThrottle):
    """Requests per client address, at the ``anon`` rate of ``REST_FRAMEWORK`` as it is now."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


def exception_handler(exc, context):
    """DRF's answer to ``exc``, in the API's shapes (see the module's docstring); None lets Django answer 500."""
    if isinstance(exc, OperationalError) and _sqlite_limit(exc):
        # The SQLite fallback of the words search could not run this query: the words' fault, not an outage.
        exc = exceptions.ValidationError({"q": ["These words are more than this server can search for: use fewer."]})
    elif isinstance(exc, OperationalError | InterfaceError):
        logger.error("Database unavailable while serving the API", exc_info=exc)
        return Response(
            {"detail": "The archive's database cannot be reached; try again shortly."},
            status=HTTPStatus.SERVICE_UNAVAILABLE,
            headers={"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)},
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"errors": errors_by_parameter(exc.detail)}
    return response


def errors_by_parameter(detail):
    """``{parameter: [reason, …]}`` of a ValidationError's detail (non-parameter errors under ``non_field_errors``)."""
    if not isinstance(detail, dict):
        detail = {api_settings.NON_FIELD_ERRORS_KEY: detail}
    return {
        name: [str(message) for message in (messages if isinstance(messages, list) else [messages])]
        for name, messages in detail.items()
    }


def _sqlite_limit(error):
    return connection.vendor == "sqlite" and any(limit in str(error).lower() for limit in SQLITE_LIMIT_ERRORS)
