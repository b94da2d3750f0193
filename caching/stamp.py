"""Read the archive's change stamp."""

from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from django.db import InterfaceError, OperationalError, connections, router

from .models import ArchiveStamp


@dataclass(frozen=True)
class Stamp:
    """The archive's state as pages see it: a change counter and when the last change happened."""

    counter: int
    changed_at: datetime | None  # None before the first recorded change

    @property
    def token(self):
        """A short text naming this state; unique even if the counter starts again (a flushed test database)."""
        moment = self.changed_at.timestamp() if self.changed_at else 0
        return f"{self.counter}.{moment:.6f}"


def current_stamp():
    """The stamp now: one small primary-key query.

    Every public request reads it, first of all its queries, so it is kept cheap:

    - the statement is written out rather than compiled by the ORM each time (which took longer
      than running it); it goes where the router sends reads;
    - it is the connection's health check for the request. ``CONN_HEALTH_CHECKS`` would first send
      a ``SELECT 1`` of its own, a second round trip to the database on every cached page. Instead,
      when a connection kept from an earlier request fails here (the server restarted, say), it is
      closed and the stamp read once more on a new one: the same recovery, one round trip fewer.
    """
    connection = connections[router.db_for_read(ArchiveStamp)]
    if connection.health_check_enabled and not connection.health_check_done and not connection.in_atomic_block:
        connection.health_check_done = True
        try:
            return _remember(_read(connection))
        except (InterfaceError, OperationalError):
            connection.close()
    return _remember(_read(connection))


# The stamp the request being answered read last (see stamp_of_request).  Outside a request it holds None and
# nothing is remembered: a management command or a worker reads the stamp afresh each time.
_IN_REQUEST = object()  # a request has started and read no stamp yet
_read_in_request = ContextVar("archive_stamp_read_in_request", default=None)


def _remember(stamp):
    if _read_in_request.get() is not None:
        _read_in_request.set(stamp)
    return stamp


def stamp_of_request():
    """The stamp the request being answered has read (the page cache reads it first of all), else read now.

    For what keys a cache on the stamp without the request at hand (a template filter): it costs no
    query once the request has read the stamp.  What is read after the stamp is at least as new as it,
    so nothing kept under it is older than the state it names.  Outside a request, the stamp now.
    """
    stamp = _read_in_request.get()
    return stamp if isinstance(stamp, Stamp) else current_stamp()


class KeptPerStamp:
    """What ``load(key)`` works out from the archive, kept in this process for as long as the stamp holds.

    One value per key (a language, say), read again only once the archive has changed: the stamp is the one the
    request read (:func:`stamp_of_request`), so a lookup costs no query of its own within a request.
    """

    def __init__(self, load):
        self.load = load
        self._kept = {}

    def __call__(self, key):
        token = stamp_of_request().token
        kept = self._kept.get(key)
        if kept is not None and kept[0] == token:
            return kept[1]
        value = self.load(key)
        self._kept[key] = (token, value)
        return value

    def forget(self):
        """Drop what is kept (tests whose databases are rolled back can repeat a stamp)."""
        self._kept.clear()


def forget_request_stamp(**kwargs):
    """A request starts: it has read no stamp yet (a ``request_started`` receiver: caching/apps.py)."""
    _read_in_request.set(_IN_REQUEST)


def leave_request(**kwargs):
    """A request ends: what follows on this thread is outside any request (a ``request_finished`` receiver)."""
    _read_in_request.set(None)


# Whether the response being made reads something that lags behind the stamp (see mark_provisional).
_provisional = ContextVar("archive_provisional", default=False)


def mark_provisional():
    """Say that the response being made shows the archive as it was before its stamp, in part.

    The facet index, narrowed while it is rebuilt, lacks the debates published since the stamp
    (public/facet_index.py). A page read from it is right for a few seconds only: the page-cache
    middleware neither stores it nor gives it an ``ETag``, which would keep it current under the
    stamp after the rebuild has added those debates.
    """
    _provisional.set(True)


def provisional():
    """Whether :func:`mark_provisional` was called since :func:`reset_provisional`."""
    return _provisional.get()


def reset_provisional():
    _provisional.set(False)


def request_stamp(request):
    """The change stamp for ``request``: the page-cache middleware's reading when it made one, else read now."""
    stamp = getattr(request, "archive_stamp", None)
    return stamp if stamp is not None else current_stamp()


def _read(connection):
    table = connection.ops.quote_name(ArchiveStamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT counter, changed_at FROM {table} WHERE id = 1")  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    if not row:
        return Stamp(0, None)
    counter, changed_at = row
    if isinstance(changed_at, str):  # SQLite gives text: convert it as the ORM would
        changed_at = connection.ops.convert_datetimefield_value(changed_at, None, connection)
    return Stamp(counter, changed_at)
