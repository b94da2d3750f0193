"""The benchmark's framework floor: the fewest steps Django can take to serve a page from the database.

``bench/run.py`` stores the bytes of a rendered debate page in the table
``bench_floor_page`` of its own database and serves them through this view,
which makes one raw query and returns them: the same middleware, server and
database round trip as a real page, and nothing else.  The benchmark compares
every page with it (and with nginx serving the same bytes from a file).

Its URL exists only when ``ARCHIVE_BENCH_FLOOR=1`` (see ``config/urls.py``); the
table exists only in the benchmark's database.
"""

from django.db import connection
from django.http import Http404, HttpResponse

FLOOR_TABLE = "bench_floor_page"


def floor_page(request, slug):
    """The stored bytes for ``slug``, from one raw query."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT body FROM {FLOOR_TABLE} WHERE slug = %s", [slug])
        row = cursor.fetchone()
    if row is None:
        raise Http404("No stored page for this slug.")
    return HttpResponse(bytes(row[0]), content_type="text/html; charset=utf-8")
