"""Read the archive's change stamp."""

from dataclasses import dataclass
from datetime import datetime

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
    """The stamp now: one small primary-key query."""
    row = ArchiveStamp.objects.filter(pk=1).values_list("counter", "changed_at").first()
    return Stamp(*row) if row else Stamp(0, None)
