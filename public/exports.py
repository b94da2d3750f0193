"""Streamed exports of the explorer's statements: as CSV and JSON, and as citations in RIS and BibTeX.

CSV and JSON carry the same fields (docs/urls.md, "Exports"), the permanent link
included, and take their rows from :func:`statement_chunks`.  It reads the
statements as plain tuples (``values_list``, no model instances) through
``QuerySet.iterator(chunk_size=…)`` — a server-side cursor on PostgreSQL — so
a large result never sits in memory, and it reads each chunk's themes and
topics with one query and its named participants with another, so the number
of queries grows with the chunks, never with the rows.  Each chunk is written
out and yielded as one piece of the response, not row by row.

JSON shape::

    {"count": 2, "results": [{"permalink": "https://…/debates/…/p5/s4/", "debate": "…", …}, …]}

``count`` is written first, from one COUNT query.  In CSV, the list fields
(``actor_kinds``, ``named_participants``, ``themes``, ``topics``) hold slugs
joined with ``|``; with ``excel=1`` (:class:`ExportOptionsForm`) the file starts
with the byte order mark, which Excel needs to read UTF-8.  Every download's file
name names its selection (:func:`selection_filename_stem`):
``statements-freedom-from-fear-2010-2011.csv``, or ``statements.csv`` for all.

The RIS and BibTeX downloads (:func:`citation_response`) cite each statement
as :mod:`public.citations` does, whose words included, from plain rows read
the same way, with no other query.
"""

import csv
import hashlib
import json
import logging
import re
from collections import defaultdict
from functools import cache
from itertools import islice

from django import forms
from django.db import connections
from django.db.models import F, IntegerField, TextField, Value
from django.db.models.expressions import RawSQL
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify

from debates.models import Debate, TextStatus, TitleOrigin
from panels.attribution import ActorKind
from panels.models import Intervention, anchor, panel_label

from . import citations
from .forms import QueryForm
from .registry import DebateFacet, ParticipantFacet, TermFacet, YearFacet

logger = logging.getLogger(__name__)

ORIGINAL = TextStatus.ORIGINAL.value
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
    "text_origin",
    "text_language",
    "text_status",
    "actor_kinds",
    "extent",
    "stance",
    "scope",
    "participant",
    "participant_name",
    "named_participants",
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
    "paragraph__text_origin",
    "debate__language",
    "actor_kinds",
    "extent",
    "stance",
    "scope",
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
        themes, topics, named,
        pk, debate, debate_title, debate_date, session, section, panel_kind, panel_order, panel_title,
        paragraph, order, text, text_origin, text_language, actor_kinds, extent, stance, scope, participant,
        participant_name,
        source_symbol, source_title, source_url,
    ):  # fmt: skip
        """One statement's row from its COLUMNS values and its chunk's themes, topics and named participants."""
        return (
            f"{debate_url(debate)}p{paragraph}/s{order}/",  # Intervention.permalink, without a reverse() per row
            debate,
            debate_title,
            debate_date.isoformat(),
            session,
            section,
            panel_label(panel_kind, panel_order),
            panel_title or "",
            paragraph,
            order,
            anchor(paragraph, order),
            text,
            text_origin,
            text_language,
            ORIGINAL,  # a statement's row holds its original text; its translations are in the downloads and the API
            list_value(actor_kind_slugs(actor_kinds)),
            extent,
            stance,
            scope,
            participant or "",
            participant_name or "",
            list_value(named[pk]),
            list_value(themes[pk]),
            list_value(topics[pk]),
            source_symbol,
            source_title,
            source_url,
        )

    while chunk := list(islice(statements, CHUNK_SIZE)):
        ids = [values[0] for values in chunk]
        themes, topics = tag_slugs([Intervention.themes, Intervention.topics], ids)
        (named,) = tag_slugs([Intervention.named_participants], ids)
        yield [row(themes, topics, named, *values) for values in chunk]


def tag_slugs(relations, ids):
    """For each many-to-many relation of :class:`Intervention` in ``relations`` (themes, topics, named participants),
    ``{statement id: [slug, …]}`` for the statements ``ids``: all of them in one query.

    The slugs come in each model's own order (its ``Meta.ordering``: by ``order`` or ``name``, then ``slug``),
    as ``intervention.themes.all()`` gives them; several relations are read as one ``UNION ALL``, sorted by
    relation, then by that order.
    """
    parts = []
    for position, relation in enumerate(relations):
        tag = relation.field.m2m_reverse_field_name()
        ordering = relation.field.related_model._meta.ordering
        if ordering[-1:] != ["slug"] or not set(ordering[:-1]) <= {"order", "name"}:
            raise ValueError(f"Cannot sort {relation.field} by {ordering}.")
        links = relation.through.objects.all()
        if connections[links.db].vendor == "postgresql":
            # One array literal, not a thousand parameters: quoting and parsing those took longer than the query.
            ids_array = "{" + ",".join(map(str, ids)) + "}"
            links = links.filter(intervention_id__in=RawSQL("SELECT unnest(%s::bigint[])", [ids_array]))
        else:
            links = links.filter(intervention_id__in=ids)
        sort_number = F(f"{tag}__order") if "order" in ordering else Value(0, output_field=IntegerField())
        sort_text = F(f"{tag}__name") if "name" in ordering else Value("", output_field=TextField())
        parts.append(
            links.order_by()
            .annotate(
                relation=Value(position, output_field=IntegerField()),
                statement=F("intervention_id"),
                sort_number=sort_number,
                sort_text=sort_text,
                tag_slug=F(f"{tag}__slug"),
            )
            .values_list("relation", "statement", "sort_number", "sort_text", "tag_slug")
        )
    links = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    slugs = [defaultdict(list) for _ in relations]
    for position, statement, _, _, slug in links.order_by("relation", "sort_number", "sort_text", "tag_slug"):
        slugs[position][statement].append(slug)
    return slugs


@cache
def actor_kind_slugs(mask):
    """The slugs of the actor kinds in the bit set ``mask``, in their stable order."""
    return tuple(kind.slug for kind in ActorKind.decompose(mask))


class _Echo:
    """A file-like object whose ``write`` returns what it is given, for ``csv.writer`` in a generator."""

    def write(self, value):
        return value


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV Injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r")


def neutralized(row):
    """``row`` with every text cell a spreadsheet would take for a formula prefixed by a single quote."""
    return ["'" + value if value.__class__ is str and value[:1] in FORMULA_TRIGGERS else value for value in row]


# Excel reads a CSV file as UTF-8 only when it starts with the byte order mark; other programs ignore the mark.
BYTE_ORDER_MARK = "\ufeff"


def csv_chunks(queryset, base_url, *, excel=False):
    """The CSV export in pieces; ``excel`` starts it with the byte order mark, so Excel reads it as UTF-8."""
    writer = csv.writer(_Echo())
    yield (BYTE_ORDER_MARK if excel else "") + writer.writerow(FIELDS)
    for rows in statement_chunks(queryset, base_url, LIST_SEPARATOR.join):
        yield "".join(writer.writerow(neutralized(row)) for row in rows)


def json_chunks(queryset, base_url):
    yield f'{{"count": {queryset.count()}, "results": ['
    separator = ""
    for rows in statement_chunks(queryset, base_url, list):
        yield separator + ", ".join(JSON_ENCODER.encode(dict(zip(FIELDS, row, strict=True))) for row in rows)
        separator = ", "
    yield "]}\n"


def cut_off_on_failure(chunks, what):
    """Pass ``chunks`` on; if making them fails midway, log it and let the error end the response.

    Headers are sent by then, so no error page can follow.  Letting the exception reach the
    WSGI server makes it drop the connection without the final chunk of a chunked response,
    so the client sees an incomplete download instead of a short file that looks whole.
    """
    sent = 0
    try:
        for chunk in chunks:
            yield chunk
            sent += 1
    except Exception:
        logger.exception("The %s export failed after %d chunk(s); the download was cut off", what, sent)
        raise


class ExportOptionsForm(QueryForm):
    """How a CSV export is written: ``excel=1`` starts it with the byte order mark (``excel=0``, or none: without)."""

    excel = forms.TypedChoiceField(
        choices=[("0", "0"), ("1", "1")],
        coerce=lambda value: value == "1",
        empty_value=False,
        required=False,
        error_messages={"invalid_choice": "Give excel=1 for a CSV file Excel opens as UTF-8, or excel=0 or nothing."},
    )


# The file names of exports name the selection: statements-freedom-from-fear-2010-2011.csv.
FILENAME_STEM = "statements"
MAX_FILENAME_STEM = 100  # characters before the extension, a short digest of the whole name included
_NOT_SAFE_IN_FILENAMES = re.compile(r"[^a-z0-9]+")


def selection_filename_stem(in_force):
    """The file name, without its extension, of an export of the selection ``in_force``.

    ``in_force`` is ``[(facet, value)]`` in the registry's order, as ``StatementFilterSet.in_force()`` gives it:
    ``statements`` alone for everything; then each vocabulary term, debate and participant by its slug, the years
    as ``2010-2011`` (``from-2010``, ``to-2011``, ``2010``), the other parameters as ``extent-one``, and last
    the words searched for, ``words-index-or-indices``.  Only ASCII letters, digits and hyphens; a name longer than
    :data:`MAX_FILENAME_STEM` is cut at a hyphen and ends with a digest of the whole, so two selections
    still get two names.
    """
    words = [FILENAME_STEM]
    # The words searched for come last: the longest and least telling part of a name, the first to be cut.
    for facet, value in sorted(in_force, key=lambda pair: pair[0].name == "q"):
        words.extend(_selection_words(facet, value))
    safe = [_NOT_SAFE_IN_FILENAMES.sub("-", slugify(str(word))).strip("-") for word in words]
    stem = "-".join(word for word in safe if word)
    if len(stem) <= MAX_FILENAME_STEM:
        return stem
    digest = hashlib.sha256(stem.encode()).hexdigest()[:8]
    return stem[: MAX_FILENAME_STEM - len(digest) - 1].rsplit("-", 1)[0] + "-" + digest


def _selection_words(facet, value):
    """What names ``value`` of ``facet`` in a file name, as a list of words."""
    if isinstance(facet, YearFacet):
        first, last = value
        if first is not None and last is not None:
            return [str(first)] if first == last else [f"{first}-{last}"]
        return [f"from-{first}"] if first is not None else [f"to-{last}"]
    if isinstance(facet, TermFacet):
        return [term.slug for term in facet.terms(value)]
    if isinstance(facet, DebateFacet | ParticipantFacet):
        return [facet.query_value(value)]
    return ["words" if facet.name == "q" else facet.name, facet.query_value(value)]


def csv_response(queryset, base_url, *, filename_stem=FILENAME_STEM, excel=False):
    """The statements of ``queryset`` as a CSV download, ``filename_stem``.csv; ``excel``: with the byte order mark."""
    response = StreamingHttpResponse(
        cut_off_on_failure(csv_chunks(queryset, base_url, excel=excel), "CSV"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.csv"'
    return response


def json_response(queryset, base_url, *, filename_stem=FILENAME_STEM):
    response = StreamingHttpResponse(
        cut_off_on_failure(json_chunks(queryset, base_url), "JSON"), content_type="application/json"
    )
    response["Content-Disposition"] = f'inline; filename="{filename_stem}.json"'
    return response


# What a statement's citation is made from, read in one query with its debate, paragraph, panel and source.
CITATION_COLUMNS = [
    "debate__slug",
    "debate__title",
    "debate__title_origin",
    "debate__start_date",
    "debate__end_date",
    "paragraph__text_origin",
    "debate__language",
    "paragraph__section",
    "paragraph__panel__kind",
    "paragraph__panel__order",
    "paragraph__panel__title",
    "paragraph__number",
    "order",
    "source__symbol",
    "source__title",
    "source__url",
]


def reference_chunks(queryset, base_url, accessed):
    """The statements of ``queryset`` in reading order as :class:`citations.Reference` objects, a chunk per list."""
    statements = queryset.in_reading_order().values_list(*CITATION_COLUMNS).iterator(chunk_size=CHUNK_SIZE)
    debate_url = cache(lambda slug: base_url + Debate(slug=slug).get_absolute_url())

    def reference(
        debate, title, title_origin, start_date, end_date, text_origin, language, section, panel_kind, panel_order,
        panel_title, paragraph, order, source_symbol, source_title, source_url,
    ):  # fmt: skip
        return citations.Reference(
            debate_slug=debate,
            title=title,
            title_is_official=title_origin == TitleOrigin.OFFICIAL,
            start_date=start_date,
            end_date=end_date,
            text_origin=text_origin,
            link=f"{debate_url(debate)}p{paragraph}/s{order}/",  # Intervention.permalink
            documents=(citations.SourceDocument(source_symbol, source_title, source_url),),
            place=citations.segment_name(section, panel_kind, panel_order, panel_title or ""),
            paragraph=paragraph,
            statement=order,
            accessed=accessed,
            language=language,
        )

    while chunk := list(islice(statements, CHUNK_SIZE)):
        yield [reference(*values) for values in chunk]


CITATION_WRITERS = {"ris": citations.ris, "bibtex": citations.bibtex}


def citation_chunks(queryset, base_url, citation_format):
    write = CITATION_WRITERS[citation_format]
    separator = ""
    for references in reference_chunks(queryset, base_url, timezone.localdate()):
        yield separator + write(references)
        separator = "\n"


def citation_response(queryset, base_url, citation_format, *, filename_stem=FILENAME_STEM):
    """Every statement of ``queryset`` cited in RIS or BibTeX (``citation_format`` "ris" or "bibtex"), streamed."""
    content_type, extension = citations.FORMATS[citation_format]
    response = StreamingHttpResponse(
        cut_off_on_failure(citation_chunks(queryset, base_url, citation_format), citation_format),
        content_type=content_type,
    )
    response["Content-Disposition"] = f'attachment; filename="{filename_stem}.{extension}"'
    patch_cache_control(response, no_store=True)  # each citation says today's date as accessed: never reused
    return response
