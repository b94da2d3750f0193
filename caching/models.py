"""The archive's change stamp: one row that every change to the archive's content moves forward."""

from django.db import models


class ArchiveStamp(models.Model):
    """When the archive last changed, and a counter that grows with every change.

    Public pages are cached and answer conditional requests under this stamp.
    Database triggers (:mod:`caching.triggers`) move it in the same statement as
    any change to a table of the archive, so a cached page or an ``ETag`` given
    before a change is stale from the moment the change commits, on every app
    server, whatever made the change (the admin, a service, ``QuerySet.update()``,
    ``COPY``, raw SQL).
    """

    counter = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="archivestamp_single_row")]

    def __str__(self):
        return f"Archive change {self.counter} at {self.changed_at:%Y-%m-%d %H:%M:%S}"
