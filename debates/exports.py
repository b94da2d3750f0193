"""Streamed exports of the explorer's statements, as CSV and as JSON.

Both formats carry the same fields (README, "URLs"), permalink included, and
take their rows from :func:`statement_chunks`.  It reads the statements as
plain tuples (``values_list``, no model instances) through
``QuerySet.iterator(chunk_size=…)`` — a server-side cursor on PostgreSQL — so
a large result never sits in memory, and it reads each chunk's themes and
topics with one query each, so the number of queries grows with the chunks,
never with the rows.  Each chunk is written out and yielded as one piece of
the response, not row by row.

JSON shape::

    {"count": 2, "results": [{"permalink": "https://…/debates/…/#p5-s4", "debate": "…", …}, …]}

``count`` is written first, from one COUNT query.  In CSV, the list fields
(``actor_kinds``, ``themes``, ``topics``) hold slugs joined with ``|``.
"""

import csv
import json
from collections import defaultdict
from functools import cache
from itertools import islice

from django.db import connections
from django.db.models.expressions import RawSQL
from django.http import StreamingHttpResponse

from panels.attribution import ActorKind
from panels.models import Intervention, Panel

from .models import Debate

CHUNK_SIZE = 500  # statements read, written and yielded at a time
LIST_SEPARATOR = "|"
JSON_ENCODER = json.JSONEncoder(ensure_ascii=False)  # made once: json.dumps(…, ensure_ascii=False) makes one per call

FIELDS = [
    "permalink",
    "debate",
    "debate_title",
    "debate_date",
    "session",
    "section",
    "panel",
    "panel_title",
    "paragraph",
    "statement",
    "anchor",
    "text",
    "actor_kinds",
    "extent",
    "stance",
    "participant",
    "participant_name",
    "themes",
    "topics",
    "source_symbol",
    "source_title",
    "source_url",
]

# What a statement's row is made from, read in one query with its debate, paragraph, panel, participant and source.
COLUMNS = [
    "pk",
    "debate__slug",
    "debate__title",
    "debate__start_date",
    "debate__session",
    "paragraph__section",
    "paragraph__panel__kind",
    "paragraph__panel__order",
    "paragraph__panel__title",
    "paragraph__number",
    "order",
    "text",
    "actor_kinds",
    "extent",
    "stance",
    "participant__slug",
    "participant__name",
    "source__symbol",
    "source__title",
    "source__url",
]


def statement_chunks(queryset, base_url, list_value):
    """The statements of ``queryset`` in reading order, as lists of rows of :data:`FIELDS` values, a chunk per list.

    ``list_value`` makes what the format writes of a list field (a sequence of slugs).
    """
    statements = queryset.in_reading_order().values_list(*COLUMNS).iterator(chunk_size=CHUNK_SIZE)
    debate_url = cache(lambda slug: base_url + Debate(slug=slug).get_absolute_url())

    def row(
        themes, topics,
        pk, debate, debate_title, debate_date, session, section, panel_kind, panel_order, panel_title,
        paragraph, order, text, actor_kinds, extent, stance, participant, participant_name,
        source_symbol, source_title, source_url,
    ):  # fmt: skip
        """One statement's row from its COLUMNS values and its chunk's themes and topics."""
        anchor = f"p{paragraph}-s{order}"  # Intervention.anchor
        return (
            f"{debate_url(debate)}#{anchor}",
            debate,
            debate_title,
            debate_date.isoformat(),
            session,
            section,
            panel_label(panel_kind, panel_order),
            panel_title or "",
            paragraph,
            order,
            anchor,
            text,
            list_value(actor_kind_slugs(actor_kinds)),
            extent,
            stance,
            participant or "",
            participant_name or "",
            list_value(themes[pk]),
            list_value(topics[pk]),
            source_symbol,
            source_title,
            source_url,
        )

    while chunk := list(islice(statements, CHUNK_SIZE)):
        ids = [values[0] for values in chunk]
        themes, topics = tag_slugs(Intervention.themes, ids), tag_slugs(Intervention.topics, ids)
        yield [row(themes, topics, *values) for values in chunk]


def tag_slugs(relation, ids):
    """``{statement id: [slug, …]}`` of ``Intervention.themes`` or ``.topics`` for the statements ``ids``, in one query.

    The slugs come in the vocabulary's own order (its ``Meta.ordering``), as ``intervention.themes.all()`` gives them.
    """
    tag = relation.field.m2m_reverse_field_name()
    ordering = [f"{tag}__{name}" for name in relation.field.related_model._meta.ordering]
    links = relation.through.objects.all()
    if connections[links.db].vendor == "postgresql":
        # One array literal, not a thousand parameters: quoting and parsing those took longer than the query.
        ids_array = "{" + ",".join(map(str, ids)) + "}"
        links = links.filter(intervention_id__in=RawSQL("SELECT unnest(%s::bigint[])", [ids_array]))
    else:
        links = links.filter(intervention_id__in=ids)
    links = links.order_by(*ordering)
    slugs = defaultdict(list)
    for statement, slug in links.values_list("intervention_id", f"{tag}__slug"):
        slugs[statement].append(slug)
    return slugs


@cache
def panel_label(kind, order):
    """The label of a panel of this kind and order ('Panel 2', 'Opening', …); blank for a paragraph outside panels."""
    return Panel(kind=kind, order=order).label if kind else ""


@cache
def actor_kind_slugs(mask):
    """The slugs of the actor kinds in the bit set ``mask``, in their stable order."""
    return tuple(kind.slug for kind in ActorKind.decompose(mask))


class _Echo:
    """A file-like object whose ``write`` returns what it is given, for ``csv.writer`` in a generator."""

    def write(self, value):
        return value


def csv_chunks(queryset, base_url):
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for rows in statement_chunks(queryset, base_url, LIST_SEPARATOR.join):
        yield "".join(map(writer.writerow, rows))


def json_chunks(queryset, base_url):
    yield f'{{"count": {queryset.count()}, "results": ['
    separator = ""
    for rows in statement_chunks(queryset, base_url, list):
        yield separator + ", ".join(JSON_ENCODER.encode(dict(zip(FIELDS, row, strict=True))) for row in rows)
        separator = ", "
    yield "]}\n"


def csv_response(queryset, base_url):
    response = StreamingHttpResponse(csv_chunks(queryset, base_url), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interventions.csv"'
    return response


def json_response(queryset, base_url):
    response = StreamingHttpResponse(json_chunks(queryset, base_url), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="interventions.json"'
    return response
