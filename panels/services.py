"""Keeping the parts of a debate in order: panels, paragraphs and the statements in a paragraph.

Positions are unique among siblings (two paragraphs of a debate cannot both be
number 3) and the database enforces it.  To move a paragraph an editor only
types its new number; :func:`positions_renumber` then places it there, shifts
the others and saves everything with positions 1, 2, 3, … in one transaction,
going through temporary positions so that no intermediate state breaks the
unique constraint.
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models import F


@dataclass
class PositionRequest:
    """One sibling as the editor left it: the object, the position typed (None: at the end), and whether edited."""

    instance: object
    wanted: int | None
    changed: bool = False


def _sort_key(index, wanted, stored, count):
    if wanted is None:
        wanted = count + 1
    if stored is None or wanted < stored:
        direction = 0  # inserted or moved up: before the sibling now at that position
    elif wanted > stored:
        direction = 2  # moved down: after the sibling now at that position
    else:
        direction = 1
    return (wanted, direction, stored if stored is not None else count + 1, index)


def positions_renumber(*, requests, siblings, field, user=None):
    """Save ``requests`` and their ``siblings`` so that ``field`` numbers them 1..n in the order asked for.

    ``requests`` are :class:`PositionRequest` for the rows the editor saw (new
    rows have no primary key yet); ``siblings`` is the queryset of every row
    stored now in the same group (rows deleted by the editor must already be
    gone).  A row moved to position *k* goes before the row now at *k* when it
    moves up and after it when it moves down; rows without a wanted position go
    to the end in the order given.  Every row whose position or content
    changes is validated with ``full_clean()`` and saved (a new version in its
    history); the others are not touched.
    """
    with transaction.atomic():
        stored = dict(siblings.values_list("pk", field))
        requested_pks = {request.instance.pk for request in requests if request.instance.pk is not None}
        rows = list(requests)
        rows += [
            PositionRequest(instance=sibling, wanted=getattr(sibling, field))
            for sibling in siblings.exclude(pk__in=requested_pks).order_by(field)
        ]
        count = len(rows)
        ordered = sorted(
            enumerate(rows),
            key=lambda item: _sort_key(item[0], item[1].wanted, stored.get(item[1].instance.pk), count),
        )
        final = {id(request.instance): position for position, (_, request) in enumerate(ordered, start=1)}
        moving = [
            request.instance.pk
            for request in rows
            if request.instance.pk in stored and stored[request.instance.pk] != final[id(request.instance)]
        ]
        if moving:
            # Each row remembers its position before the temporary one, for what its save records of it
            # (panels.models.FormerAnchor keeps old numbers of a public debate leading to the same text).
            for request in rows:
                if request.instance.pk in moving:
                    request.instance.position_before_renumbering = {field: stored[request.instance.pk]}
            offset = max(stored.values()) + count + 1
            siblings.model._base_manager.filter(pk__in=moving).update(**{field: F(field) + offset})
        for _, request in ordered:
            instance = request.instance
            position = final[id(instance)]
            if instance.pk in stored and stored[instance.pk] == position and not request.changed:
                continue
            setattr(instance, field, position)
            instance.full_clean()
            if user is not None:
                instance._history_user = user
            instance.save()
    return [request.instance for _, request in ordered]
