"""Read the archive's change stamp."""

from dataclasses import dataclass
from datetime import datetime

from django.db import connections, router

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

    Every public request reads it, so the statement is written out rather than compiled by the
    ORM each time (which took longer than running it); it goes where the router sends reads.
    """
    database = router.db_for_read(ArchiveStamp)
    table = connections[database].ops.quote_name(ArchiveStamp._meta.db_table)
    with connections[database].cursor() as cursor:
        cursor.execute(f"SELECT counter, changed_at FROM {table} WHERE id = 1")  # noqa: S608 (a model's table)
        row = cursor.fetchone()
    if not row:
        return Stamp(0, None)
    counter, changed_at = row
    if isinstance(changed_at, str):  # SQLite gives text: convert it as the ORM would
        changed_at = connections[database].ops.convert_datetimefield_value(changed_at, None, connections[database])
    return Stamp(counter, changed_at)
