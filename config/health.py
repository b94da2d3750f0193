"""``/healthz``: tells a load balancer whether this server can answer, by asking every database."""

import logging
from http import HTTPStatus

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_check(alias):
    """Run ``SELECT 1`` on one configured database; raise ``DatabaseError`` when it cannot."""
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


@never_cache
@require_safe
def healthz(request):
    """200 ``{"status": "ok"}`` when every database answers, else 503 naming the failed checks.

    The answer names checks, never error messages: those may carry host names or credentials.
    """
    failed = []
    for alias in connections:
        try:
            database_check(alias)
        except DatabaseError:
            logger.exception("Health check failed for database %r", alias)
            failed.append(f"database:{alias}")
    if failed:
        return JsonResponse({"status": "unavailable", "failed": failed}, status=HTTPStatus.SERVICE_UNAVAILABLE)
    return JsonResponse({"status": "ok"})
