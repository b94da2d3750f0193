"""Streamed exports of the explorer's statements, as CSV and as JSON.

Both formats carry the same fields (README, "URLs"), permalink included, and
are written row by row from ``QuerySet.iterator(chunk_size=…)``, so a large
result never sits in memory: each chunk of statements is read with its themes
and topics (one query each per chunk).

JSON shape::

    {"count": 2, "results": [{"permalink": "https://…/debates/…/#p5-s4", "debate": "…", …}, …]}

``count`` is written first, from one COUNT query.  In CSV, the list fields
(``actor_kinds``, ``themes``, ``topics``) hold slugs joined with ``|``.
"""

import csv
import json

from django.http import StreamingHttpResponse

CHUNK_SIZE = 500
LIST_SEPARATOR = "|"

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


def export_rows(queryset):
    """``queryset`` ready to stream: related rows joined, themes and topics fetched per chunk, in reading order."""
    return (
        queryset.select_related("debate", "paragraph__panel", "participant", "source")
        .prefetch_related("themes", "topics")
        .in_reading_order()
        .iterator(chunk_size=CHUNK_SIZE)
    )


def record(intervention, base_url):
    """One statement as a dict of :data:`FIELDS`; lists stay lists."""
    debate, paragraph = intervention.debate, intervention.paragraph
    panel, participant, source = paragraph.panel, intervention.participant, intervention.source
    return {
        "permalink": f"{base_url}{intervention.get_absolute_url()}",
        "debate": debate.slug,
        "debate_title": debate.title,
        "debate_date": debate.start_date.isoformat(),
        "session": debate.session,
        "section": paragraph.section,
        "panel": panel.label if panel else "",
        "panel_title": panel.title if panel else "",
        "paragraph": paragraph.number,
        "statement": intervention.order,
        "anchor": intervention.anchor,
        "text": intervention.text,
        "actor_kinds": [kind.slug for kind in intervention.actor_kind_list],
        "extent": intervention.extent,
        "stance": intervention.stance,
        "participant": participant.slug if participant else "",
        "participant_name": participant.name if participant else "",
        "themes": [theme.slug for theme in intervention.themes.all()],
        "topics": [topic.slug for topic in intervention.topics.all()],
        "source_symbol": source.symbol,
        "source_title": source.title,
        "source_url": source.url,
    }


class _Echo:
    """A file-like object whose ``write`` returns what it is given, for ``csv.writer`` in a generator."""

    def write(self, value):
        return value


def csv_lines(queryset, base_url):
    writer = csv.writer(_Echo())
    yield writer.writerow(FIELDS)
    for intervention in export_rows(queryset):
        row = record(intervention, base_url)
        yield writer.writerow(
            [LIST_SEPARATOR.join(value) if isinstance(value, list) else value for value in row.values()]
        )


def json_chunks(queryset, base_url):
    yield f'{{"count": {queryset.count()}, "results": ['
    separator = ""
    for intervention in export_rows(queryset):
        yield separator + json.dumps(record(intervention, base_url), ensure_ascii=False)
        separator = ", "
    yield "]}\n"


def csv_response(queryset, base_url):
    response = StreamingHttpResponse(csv_lines(queryset, base_url), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="interventions.csv"'
    return response


def json_response(queryset, base_url):
    response = StreamingHttpResponse(json_chunks(queryset, base_url), content_type="application/json")
    response["Content-Disposition"] = 'inline; filename="interventions.json"'
    return response
