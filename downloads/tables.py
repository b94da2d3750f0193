"""The tables of the research downloads: what each holds, field by field, and where its rows come from.

Each :class:`Table` is one resource of the data package, written as CSV and as JSON Lines
(docs/downloads.md).  Its rows are read from published debates only, in chunks of
:data:`CHUNK_SIZE` through ``QuerySet.iterator()``, so a table of a million statements
never sits in memory; a many-to-many relation without attributes of its own is a list field
of the row (a paragraph's ``sources``, a statement's ``themes``), one with attributes a
table of its own (``debate_documents``, ``participations``).

The statements are the explorer's export (:func:`public.exports.statement_chunks`): the same
fields, with the same names and values, and two more that key them to the other tables.
Every text field says whose words it is (its ``textOrigin``): ``archive`` for the archive's
own words, or the field that says it row by row (``text_origin``, or another table's field
such as ``debates.debate_title_origin``), official UN text or the archive's account; for a
translation, its ``status`` (:data:`TRANSLATION_STATUS`): the United Nations' words only in an
official UN translation, the archive's in the archive's translation, whatever it translates.

Every text also says its language: a debate's ``language`` is its originals' (its title, its
paragraphs' and statements' text, which the paragraphs and statements give as ``text_language``
with ``text_status`` ``original``); the translations' tables give each text in another language
with its ``language``, one row per text and language, of published debates only.
"""

import json
from dataclasses import dataclass
from datetime import UTC
from functools import cache, cached_property
from itertools import islice

from django.conf import settings
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.urls import resolve, reverse
from django.utils.translation import gettext_noop

from debates.markdown import safe_link
from debates.models import (
    Debate,
    DebateDocument,
    DebateTranslation,
    Document,
    Participant,
    TextOrigin,
    TextStatus,
    TitleOrigin,
)
from panels.attribution import ACTOR_KIND_SLUGS, Extent, Scope, Stance
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
    anchor,
    panel_anchor,
    panel_label,
)
from public import exports

CHUNK_SIZE = 2000  # rows read, written and counted at a time
LIST_SEPARATOR = exports.LIST_SEPARATOR
ARCHIVE = TextOrigin.ARCHIVE.value
# The field of a translation's row that says whose words its text is (a Field's ``origin``).
TRANSLATION_STATUS = "status"
PUBLISHED = Debate.Status.PUBLISHED
ORIGINAL = TextStatus.ORIGINAL.value
LANGUAGE_CODES = tuple(code for code, _ in settings.LANGUAGES)


@dataclass(frozen=True)
class Field:
    """One field of a table, as the data package's Table Schema describes it.

    ``origin`` says whose words a text field is: :data:`ARCHIVE`, or the field that says it row by
    row (``text_origin`` in the same table, ``debates.debate_title_origin`` in another, a translation's
    :data:`TRANSLATION_STATUS`); empty for identifiers, codes, numbers, dates and links.
    """

    name: str
    type: str  # a Table Schema type: string, integer, date, datetime, or list (slugs joined with "|" in CSV)
    description: str
    origin: str = ""
    required: bool = False
    values: tuple = ()  # the values allowed, for a code

    def descriptor(self):
        description = self.description
        if self.origin == ARCHIVE:
            description += " Whose words: the archive's own."
        elif self.origin == TRANSLATION_STATUS:
            description += (
                " Whose words: the United Nations' only when status is un-translation (an official UN translation, "
                "word for word from the UN document document_symbol names); when it is archive-translation, the "
                "archive's, never the United Nations', even when it translates official UN text."
            )
        elif self.origin:
            description += f" Whose words: official UN text or the archive's, as {self.origin} says."
        found = {"name": self.name, "type": self.type, "description": description}
        if self.type == "list":
            found.update(delimiter=LIST_SEPARATOR, itemType="string")
        constraints = {}
        if self.required:
            constraints["required"] = True
        if self.values:
            constraints["enum"] = list(self.values)
        if constraints:
            found["constraints"] = constraints
        if self.origin:
            found["textOrigin"] = self.origin
        return found


@dataclass(frozen=True)
class ForeignKey:
    """Rows of a table that name rows of another: ``fields`` of this table are ``reference`` of ``resource``."""

    fields: tuple
    resource: str
    reference: tuple

    def descriptor(self):
        return {"fields": list(self.fields), "reference": {"resource": self.resource, "fields": list(self.reference)}}


@dataclass(frozen=True)
class Table:
    """A resource of the data package: its fields, keys, and the chunks of rows ``read(source)`` gives."""

    name: str
    # The title and description stay English in the files (the data package); they are marked with gettext_noop
    # so that the /downloads/ page, which shows them, can give them in its language (downloads/views.py).
    title: str
    description: str
    fields: tuple
    primary_key: tuple
    foreign_keys: tuple
    read: object  # (Source) -> iterator of lists of rows, each a tuple of the fields' values in order
    count: object  # (Source) -> how many rows there are, for the progress bar

    @property
    def field_names(self):
        return [field.name for field in self.fields]

    def schema(self):
        schema = {"fields": [field.descriptor() for field in self.fields], "primaryKey": list(self.primary_key)}
        if self.foreign_keys:
            schema["foreignKeys"] = [key.descriptor() for key in self.foreign_keys]
        return schema


class BuildRequest(HttpRequest):
    """A GET request made by the build itself, at the site's address ``base_url``, for a page of the site.

    It asks the codebook for its downloads as the site serves them; its host is the address the
    build was given, not a client's header, so it needs no entry in ``ALLOWED_HOSTS``.
    """

    def __init__(self, base_url, path, stamp):
        super().__init__()
        scheme, _, host = base_url.partition("://")
        self.method = "GET"
        self.path = self.path_info = path
        self.archive_stamp = stamp  # read by caching.stamp.request_stamp: the build's state, not a newer one
        self._build_scheme, self._build_host = scheme, host.rstrip("/")

    def get_host(self):
        return self._build_host

    def _get_scheme(self):
        return self._build_scheme


class Source:
    """What the tables read besides the database: the site's address and the archive's state."""

    def __init__(self, base_url, stamp):
        self.base_url = base_url
        self.stamp = stamp
        self.debate_url = cache(lambda slug: base_url + Debate(slug=slug).get_absolute_url())

    @cached_property
    def codebook(self):
        """The codebook as ``/codebook.json`` gives it, at this state and address.

        The codebook and the downloads are independent apps of one layer (pyproject.toml), so the
        downloads take the codebook's documented download, made by its own view in this process,
        rather than import its code: the same values, definitions and counts as the site serves.
        """
        path = reverse("codebook:codebook-json")
        match = resolve(path)
        response = match.func(BuildRequest(self.base_url, path, self.stamp), *match.args, **match.kwargs)
        return json.loads(response.content)


def chunks(rows, size=CHUNK_SIZE):
    """``rows`` (an iterator) as lists of at most ``size``."""
    while chunk := list(islice(rows, size)):
        yield chunk


def segment_key(debate, order):
    """How the downloads name a segment: its debate's slug and its anchor on the debate page, ``<slug>#panel-2``."""
    return f"{debate}#{panel_anchor(order)}" if order is not None else ""


def timestamp(moment):
    """``2011-04-14T10:00:00Z``, or None."""
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z") if moment else None


def choices(model_choices):
    return tuple(model_choices.values)


# The fields shared by several tables, described once.
DEBATE = Field(
    "debate", "string", "The debate's slug: its page is /debates/<debate>/. Every table names a debate by it.", "", True
)
SEGMENT = Field(
    "segment",
    "string",
    "The segment (panel, plenary, opening, keynote) as segments.csv names it, <debate>#panel-<n>; empty outside one.",
)
PARTICIPANT = Field("participant", "string", "A named participant's slug: its page is /participants/<participant>/.")
SOURCE_DOCUMENT = Field("source_document", "string", "The slug of the document it is taken from, in documents.csv.")
URL = Field("url", "string", "Its page on the site.")
PANEL_LABEL = Field("panel", "string", "How citations name the segment: 'Panel 1', 'Opening', …", ARCHIVE)


# Debates ---------------------------------------------------------------------------------------------------------


def debate_rows(source):
    rows = (
        Debate.objects.published()
        .order_by("start_date", "pk")
        .values_list(
            "slug", "title", "title_origin", "language", "kind", "session", "start_date", "end_date", "venue",
            "convener", "abstract", "published_at", "updated_at",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )  # fmt: skip
    for chunk in chunks(rows):
        yield [
            (
                slug, title, title_origin, language, kind, session, start.isoformat(), end.isoformat(), venue,
                convener, abstract, source.debate_url(slug), timestamp(published_at), timestamp(updated_at),
            )
            for slug, title, title_origin, language, kind, session, start, end, venue, convener, abstract,
            published_at, updated_at in chunk
        ]  # fmt: skip


DEBATES = Table(
    "debates",
    gettext_noop("Debates"),
    gettext_noop(
        "Every published debate: one General Assembly event on human security, with its dates and how it is titled."
    ),
    (
        DEBATE,
        Field("debate_title", "string", "The debate's title.", "debate_title_origin", True),
        Field(
            "debate_title_origin",
            "string",
            "Whose words the title is: official (a UN document gives it) or archive (the archive's description).",
            required=True,
            values=choices(TitleOrigin),
        ),
        Field(
            "language",
            "string",
            "The language the debate is written in, its original: the language of debate_title here and of its "
            "paragraphs' and statements' text (their text_language). Its texts in other languages are in "
            "title_translations, paragraph_translations and statement_translations.",
            required=True,
            values=LANGUAGE_CODES,
        ),
        Field("debate_kind", "string", "What kind of event it was.", required=True, values=choices(Debate.Kind)),
        Field("session", "integer", "The General Assembly session, e.g. 65.", required=True),
        Field("debate_date", "date", "The day it began.", required=True),
        Field("debate_end_date", "date", "The day it ended (the same day for a one-day event).", required=True),
        Field("venue", "string", "Where it was held, as the archive records it.", ARCHIVE),
        Field("convener", "string", "Who convened it, as the archive records it.", ARCHIVE),
        Field("abstract", "string", "The archive's short account of the event, in Markdown.", ARCHIVE),
        URL,
        Field("published_at", "datetime", "When the archive first published it (UTC)."),
        Field("updated_at", "datetime", "The last change to it or anything in it (UTC)."),
    ),
    ("debate",),
    (),
    debate_rows,
    lambda source: Debate.objects.published().count(),
)


# Segments --------------------------------------------------------------------------------------------------------


def published_segments():
    return Panel.objects.filter(debate__status=PUBLISHED)


def segment_rows(source):
    rows = (
        published_segments()
        .order_by("debate__start_date", "debate_id", "order")
        .values_list("debate__slug", "order", "kind", "title", "title_origin", "summary")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(rows):
        yield [
            (
                segment_key(debate, order),
                debate,
                order,
                panel_label(kind, order),
                kind,
                title,
                title_origin,
                summary,
                f"{source.debate_url(debate)}#{panel_anchor(order)}",
            )
            for debate, order, kind, title, title_origin, summary in chunk
        ]


SEGMENTS = Table(
    "segments",
    gettext_noop("Segments"),
    gettext_noop(
        "The segments of the published debates: panels, plenary, opening, keynote and press-conference segments, "
        "in order. A debate may have none."
    ),
    (
        Field("segment", "string", "The segment's key: its debate's slug and anchor, <debate>#panel-<n>.", "", True),
        DEBATE,
        Field("panel_order", "integer", "Its position in the debate, from 1.", required=True),
        PANEL_LABEL,
        Field("panel_kind", "string", "What kind of segment it is.", required=True, values=choices(Panel.Kind)),
        Field("panel_title", "string", "The segment's title.", "panel_title_origin", True),
        Field(
            "panel_title_origin",
            "string",
            "Whose words the title is: official (a UN document gives it) or archive (the archive's description).",
            required=True,
            values=choices(TitleOrigin),
        ),
        Field("summary", "string", "The archive's note on the segment, in Markdown, if any.", ARCHIVE),
        Field("url", "string", "Its place on the debate's page."),
    ),
    ("segment",),
    (ForeignKey(("debate",), "debates", ("debate",)),),
    segment_rows,
    lambda source: published_segments().count(),
)


# Paragraphs ------------------------------------------------------------------------------------------------------


def published_paragraphs():
    return Paragraph.objects.filter(debate__status=PUBLISHED)


def paragraph_sources(ids):
    """``{paragraph id: [document slug, …]}`` for the paragraphs ``ids``, in one query, in the documents' own order
    (``Document.Meta.ordering``: by date, then slug), as the debate page lists them."""
    links = (
        Paragraph.sources.through.objects.filter(paragraph_id__in=ids)
        .order_by("paragraph_id", "document__date", "document__slug")
        .values_list("paragraph_id", "document__slug")
    )
    found = {pk: [] for pk in ids}
    for paragraph, document in links:
        found[paragraph].append(document)
    return found


def paragraph_rows(source):
    rows = (
        published_paragraphs()
        .order_by("debate__start_date", "debate_id", "number")
        .values_list(
            "pk",
            "debate__slug",
            "number",
            "section",
            "panel__order",
            "panel__kind",
            "text",
            "text_origin",
            "debate__language",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(rows):
        sources = paragraph_sources([values[0] for values in chunk])
        yield [
            (
                debate,
                number,
                section,
                segment_key(debate, panel_order),
                panel_label(panel_kind, panel_order),
                anchor(number),
                f"{source.debate_url(debate)}p{number}/",  # Paragraph.permalink, without a reverse() per row
                text,
                text_origin,
                language,
                ORIGINAL,
                sources[pk],
            )
            for pk, debate, number, section, panel_order, panel_kind, text, text_origin, language in chunk
        ]


TEXT_ORIGIN = Field(
    "text_origin",
    "string",
    "Whose words the text is: official (UN text, word for word from the document it names) or archive "
    "(the archive's account, written from the documents it names; the archive is its author).",
    required=True,
    values=choices(TextOrigin),
)


def text_language(translations):
    """The field that gives the language of an original text, whose translations are in the table ``translations``."""
    return Field(
        "text_language",
        "string",
        "The language of text: the original's, its debate's language (debates.language), in which the debate "
        f"was written. Its texts in other languages are in {translations}.",
        required=True,
        values=LANGUAGE_CODES,
    )


def text_status(translations):
    """The field that says a text is the original, whose translations are in the table ``translations``."""
    return Field(
        "text_status",
        "string",
        "Which text text is: original, the text as the debate was written, in every row of this table (whose "
        f"words it is, text_origin says); its translations, official UN or the archive's, are in {translations}.",
        required=True,
        values=choices(TextStatus),
    )


PARAGRAPHS = Table(
    "paragraphs",
    gettext_noop("Paragraphs"),
    gettext_noop(
        "Every paragraph of the published debates in reading order, numbered through each debate as UN documents "
        "number them: the introduction, the segments and the conclusion."
    ),
    (
        DEBATE,
        Field("paragraph", "integer", "Its number in the debate, from 1, as citations give it.", required=True),
        Field(
            "section", "string", "The part of the summary it is in.", required=True, values=choices(Paragraph.Section)
        ),
        SEGMENT,
        PANEL_LABEL,
        Field("anchor", "string", "Its anchor on the debate's page, p<n>.", required=True),
        Field("permalink", "string", "Its permanent address, which citations give.", required=True),
        Field("text", "string", "The paragraph, in Markdown.", "text_origin", True),
        TEXT_ORIGIN,
        text_language("paragraph_translations"),
        text_status("paragraph_translations"),
        Field(
            "sources",
            "list",
            "The slugs of its documents in documents.csv: for official text the UN document it is taken from, for "
            "the archive's account those it was written from.",
        ),
    ),
    ("debate", "paragraph"),
    (ForeignKey(("debate",), "debates", ("debate",)), ForeignKey(("segment",), "segments", ("segment",))),
    paragraph_rows,
    lambda source: published_paragraphs().count(),
)


# Statements ------------------------------------------------------------------------------------------------------

# Where the extra fields' reading checks that it is in step with the export's rows.
_DEBATE, _PARAGRAPH, _STATEMENT = (exports.FIELDS.index(name) for name in ("debate", "paragraph", "statement"))


def statement_rows(source):
    """The explorer's export of every published statement, each row with its segment and source document added.

    The two are read in the same order by a second query over the same statements (in the same
    snapshot of the database); each row is checked to be the same statement before it is joined.
    """
    statements = Intervention.objects.published()
    extras = (
        statements.in_reading_order()
        .values_list("debate__slug", "paragraph__number", "order", "paragraph__panel__order", "source__slug")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for rows in exports.statement_chunks(statements, source.base_url, list):
        joined = []
        for row, (debate, paragraph, order, panel_order, document) in zip(rows, islice(extras, len(rows)), strict=True):
            if (row[_DEBATE], row[_PARAGRAPH], row[_STATEMENT]) != (debate, paragraph, order):
                raise RuntimeError(f"The statements were read out of step at {debate} p{paragraph} s{order}.")
            joined.append((*row, segment_key(debate, panel_order), document))
        yield joined


# The export's fields (docs/urls.md, "Exports"), described.
STATEMENT_FIELDS = {
    "permalink": Field("permalink", "string", "The statement's permanent address, which citations give.", "", True),
    "debate": DEBATE,
    "debate_title": Field("debate_title", "string", "Its debate's title.", "debates.debate_title_origin", True),
    "debate_date": Field("debate_date", "date", "The day its debate began.", required=True),
    "session": Field("session", "integer", "The General Assembly session.", required=True),
    "section": Field(
        "section",
        "string",
        "The part of the summary its paragraph is in.",
        required=True,
        values=choices(Paragraph.Section),
    ),
    "panel": PANEL_LABEL,
    "panel_title": Field("panel_title", "string", "Its segment's title.", "segments.panel_title_origin"),
    "paragraph": Field("paragraph", "integer", "Its paragraph's number in the debate.", required=True),
    "statement": Field("statement", "integer", "Its position in the paragraph, from 1.", required=True),
    "anchor": Field("anchor", "string", "Its anchor on the debate's page, p<n>-s<m>.", required=True),
    "text": Field(
        "text", "string", "The statement, word for word from its paragraph, in Markdown.", "text_origin", True
    ),
    "text_origin": TEXT_ORIGIN,
    "text_language": text_language("statement_translations"),
    "text_status": text_status("statement_translations"),
    "actor_kinds": Field(
        "actor_kinds",
        "list",
        f"Who made it, by role: one or several of {', '.join(ACTOR_KIND_SLUGS.values())}.",
        required=True,
    ),
    # A published debate has none empty (debates.services refuses to publish it), but the columns allow it.
    "extent": Field("extent", "string", "How many, as the summary says; empty: not read yet.", values=choices(Extent)),
    "stance": Field("stance", "string", "What the statement does; empty: not read yet.", values=choices(Stance)),
    "scope": Field(
        "scope",
        "string",
        "The theme coding: filed under the freedoms (themes), about human security as a whole, or procedural.",
        required=True,
        values=choices(Scope),
    ),
    "participant": Field(
        "participant", "string", "The named speaker's slug, in participants.csv, where the source names one."
    ),
    "participant_name": Field("participant_name", "string", "The named speaker's name.", ARCHIVE),
    "named_participants": Field(
        "named_participants", "list", "The slugs of the participants it names as taking its position."
    ),
    "themes": Field("themes", "list", "The slugs of the freedoms it is filed under (the codebook's themes)."),
    "topics": Field("topics", "list", "The slugs of the topics it is filed under (the codebook's topics)."),
    "source_symbol": Field("source_symbol", "string", "Its source document's UN symbol, if it has one."),
    "source_title": Field("source_title", "string", "Its source document's title.", "documents.document_title_origin"),
    "source_url": Field("source_url", "string", "Its source document's address."),
}

STATEMENTS = Table(
    "statements",
    gettext_noop("Statements"),
    gettext_noop(
        "Every attributed statement of the published debates, in reading order, with the fields of the explorer's "
        "export (the same names and values) and its segment and source document."
    ),
    (*(STATEMENT_FIELDS[name] for name in exports.FIELDS), SEGMENT, SOURCE_DOCUMENT),
    ("debate", "paragraph", "statement"),
    (
        ForeignKey(("debate",), "debates", ("debate",)),
        ForeignKey(("debate", "paragraph"), "paragraphs", ("debate", "paragraph")),
        ForeignKey(("segment",), "segments", ("segment",)),
        ForeignKey(("participant",), "participants", ("participant",)),
        ForeignKey(("source_document",), "documents", ("document",)),
    ),
    statement_rows,
    lambda source: Intervention.objects.published().count(),
)


# Participants ----------------------------------------------------------------------------------------------------


def participant_rows(source):
    rows = (
        Participant.objects.public()
        .order_by("slug")
        .values_list("slug", "name", "kind", "role", "affiliation", "country_code", "note")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(rows):
        yield [
            (*values, source.base_url + reverse("public:participant-detail", kwargs={"slug": values[0]}))
            for values in chunk
        ]


PARTICIPANTS = Table(
    "participants",
    gettext_noop("Participants"),
    gettext_noop(
        "The named participants of the published debates: persons, Member States, groups of States, UN entities "
        "and organizations with a part in a debate, a statement they speak, or one that names them."
    ),
    (
        Field("participant", "string", "The participant's slug: its page is /participants/<participant>/.", "", True),
        Field("participant_name", "string", "The participant's name, as the archive records it.", ARCHIVE, True),
        Field(
            "participant_kind", "string", "What kind of participant.", required=True, values=choices(Participant.Kind)
        ),
        Field("role", "string", "The office held at the time, where known.", ARCHIVE),
        Field("affiliation", "string", "The State or organization the participant spoke for, where known.", ARCHIVE),
        Field("country_code", "string", "For a Member State, its ISO 3166-1 alpha-3 code."),
        Field("note", "string", "Sourced background on the participant.", ARCHIVE),
        URL,
    ),
    ("participant",),
    (),
    participant_rows,
    lambda source: Participant.objects.public().count(),
)


# Documents -------------------------------------------------------------------------------------------------------


def published_documents():
    """The documents a published debate names: its documents, its paragraphs' and statements' sources and its
    participants' records. A document named only by an unpublished debate is left out."""
    document = OuterRef("pk")
    return Document.objects.filter(
        Exists(DebateDocument.objects.filter(document=document, debate__status=PUBLISHED))
        | Exists(Paragraph.sources.through.objects.filter(document=document, paragraph__debate__status=PUBLISHED))
        | Exists(Intervention.objects.filter(source=document, debate__status=PUBLISHED))
        | Exists(Participation.objects.filter(source=document, debate__status=PUBLISHED))
    )


def document_rows(source):
    rows = (
        published_documents()
        .order_by("slug")
        .values_list("slug", "symbol", "title", "title_origin", "date", "kind", "url")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(rows):
        yield [
            (slug, symbol, title, title_origin, date.isoformat() if date else None, kind, safe_link(url))
            for slug, symbol, title, title_origin, date, kind, url in chunk
        ]


DOCUMENTS = Table(
    "documents",
    gettext_noop("Documents"),
    gettext_noop(
        "The documents the published debates name: resolutions, reports, press releases, meeting records, "
        "statements, summaries, news stories and web pages."
    ),
    (
        Field("document", "string", "The document's slug.", required=True),
        Field("symbol", "string", "Its UN document symbol, such as A/RES/64/291, if it has one."),
        Field("document_title", "string", "Its title.", "document_title_origin", True),
        Field(
            "document_title_origin",
            "string",
            "Whose words the title is: official (the document's own title or headline) or archive "
            "(the archive's description).",
            required=True,
            values=choices(TitleOrigin),
        ),
        Field("document_date", "date", "Its date, where known."),
        Field("document_kind", "string", "What kind of document.", required=True, values=choices(Document.Kind)),
        Field("url", "string", "Its address (http or https)."),
    ),
    ("document",),
    (),
    document_rows,
    lambda source: published_documents().count(),
)


# Relations with attributes of their own --------------------------------------------------------------------------


def published_debate_documents():
    return DebateDocument.objects.filter(debate__status=PUBLISHED)


def debate_document_rows(source):
    rows = (
        published_debate_documents()
        .order_by("debate__start_date", "debate_id", "order", "pk")
        .values_list("debate__slug", "document__slug", "relation", "order")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    yield from chunks(rows)


DEBATE_DOCUMENTS = Table(
    "debate_documents",
    gettext_noop("Debates' documents"),
    gettext_noop("The official documents of each published debate and how each relates to it."),
    (
        DEBATE,
        Field("document", "string", "The document's slug, in documents.csv.", required=True),
        Field(
            "relation",
            "string",
            "How the document relates to the debate.",
            required=True,
            values=choices(DebateDocument.Relation),
        ),
        Field("order", "integer", "Its position in the debate's list of documents.", required=True),
    ),
    ("debate", "document"),
    (ForeignKey(("debate",), "debates", ("debate",)), ForeignKey(("document",), "documents", ("document",))),
    debate_document_rows,
    lambda source: published_debate_documents().count(),
)


def published_participations():
    return Participation.objects.filter(debate__status=PUBLISHED)


def participation_rows(source):
    rows = (
        published_participations()
        .order_by("debate__start_date", "debate_id", "order", "pk")
        .values_list("debate__slug", "panel__order", "participant__slug", "role", "order", "note", "source__slug")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    for chunk in chunks(rows):
        yield [
            (debate, segment_key(debate, panel_order), participant, role, order, note, document)
            for debate, panel_order, participant, role, order, note, document in chunk
        ]


PARTICIPATIONS = Table(
    "participations",
    gettext_noop("Participations"),
    gettext_noop(
        "Each named participant's part in a published debate (convener, opening remarks, keynote, moderator, "
        "panellist, speaker), with the document that records it."
    ),
    (
        DEBATE,
        SEGMENT,
        Field("participant", "string", "The participant's slug, in participants.csv.", required=True),
        Field("role", "string", "The part they took.", required=True, values=choices(Participation.Role)),
        Field("order", "integer", "Its position in the debate's list of parts.", required=True),
        Field("note", "string", "A note on the part.", ARCHIVE),
        Field("source_document", "string", "The slug of the document that records it, in documents.csv.", "", True),
    ),
    ("debate", "participant", "role"),
    (
        ForeignKey(("debate",), "debates", ("debate",)),
        ForeignKey(("segment",), "segments", ("segment",)),
        ForeignKey(("participant",), "participants", ("participant",)),
        ForeignKey(("source_document",), "documents", ("document",)),
    ),
    participation_rows,
    lambda source: published_participations().count(),
)


# Translations ----------------------------------------------------------------------------------------------------

# The fields every translation has, described once: a translation's language, whose translation it is, and the UN
# document an official one is from. Each says what the model's constraints keep true (debates.models.Translation).
TRANSLATION_LANGUAGE = Field(
    "language",
    "string",
    "The language of this translation: never its debate's own language (debates.language), the original's.",
    required=True,
    values=LANGUAGE_CODES,
)
WHOSE_TRANSLATION = Field(
    TRANSLATION_STATUS,
    "string",
    "Whose translation it is: un-translation, the United Nations' own translation, word for word from the UN "
    "document in this language that document_symbol names (only official UN text has one); archive-translation, "
    "the archive's translation, whose words are the archive's and never the United Nations', even when it "
    "translates official UN text.",
    required=True,
    values=(TextStatus.UN_TRANSLATION.value, TextStatus.ARCHIVE_TRANSLATION.value),
)
DOCUMENT_SYMBOL = Field(
    "document_symbol",
    "string",
    "For an official UN translation (un-translation), the symbol of the UN document in this language it is "
    "taken from word for word; empty for the archive's translation.",
)


def published_title_translations():
    return DebateTranslation.objects.filter(debate__status=PUBLISHED)


def title_translation_rows(source):
    rows = (
        published_title_translations()
        .order_by("debate__start_date", "debate_id", "language")
        .values_list("debate__slug", "language", "status", "document_symbol", "title")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    yield from chunks(rows)


TITLE_TRANSLATIONS = Table(
    "title_translations",
    gettext_noop("Title translations"),
    gettext_noop(
        "The titles of the published debates in other languages than their own, one per language: official UN "
        "translations and the archive's translations, each saying whose it is."
    ),
    (
        DEBATE,
        TRANSLATION_LANGUAGE,
        WHOSE_TRANSLATION,
        DOCUMENT_SYMBOL,
        Field(
            "debate_title",
            "string",
            "The debate's title in this language; the original is debates.debate_title.",
            TRANSLATION_STATUS,
            True,
        ),
    ),
    ("debate", "language"),
    (ForeignKey(("debate",), "debates", ("debate",)),),
    title_translation_rows,
    lambda source: published_title_translations().count(),
)


def published_paragraph_translations():
    return ParagraphTranslation.objects.filter(paragraph__debate__status=PUBLISHED)


def paragraph_translation_rows(source):
    rows = (
        published_paragraph_translations()
        .order_by("paragraph__debate__start_date", "paragraph__debate_id", "paragraph__number", "language")
        .values_list("paragraph__debate__slug", "paragraph__number", "language", "status", "document_symbol", "text")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    yield from chunks(rows)


PARAGRAPH_TRANSLATIONS = Table(
    "paragraph_translations",
    gettext_noop("Paragraph translations"),
    gettext_noop(
        "The paragraphs of the published debates in other languages than their own, one per language: official "
        "UN translations and the archive's translations, each saying whose it is."
    ),
    (
        DEBATE,
        Field("paragraph", "integer", "The paragraph's number in the debate, in paragraphs.csv.", required=True),
        TRANSLATION_LANGUAGE,
        WHOSE_TRANSLATION,
        DOCUMENT_SYMBOL,
        Field(
            "text",
            "string",
            "The paragraph in this language, in Markdown; the original is paragraphs.text.",
            TRANSLATION_STATUS,
            True,
        ),
    ),
    ("debate", "paragraph", "language"),
    (
        ForeignKey(("debate",), "debates", ("debate",)),
        ForeignKey(("debate", "paragraph"), "paragraphs", ("debate", "paragraph")),
    ),
    paragraph_translation_rows,
    lambda source: published_paragraph_translations().count(),
)


def published_statement_translations():
    return InterventionTranslation.objects.filter(intervention__debate__status=PUBLISHED)


def statement_translation_rows(source):
    rows = (
        published_statement_translations()
        .order_by(
            "intervention__debate__start_date",
            "intervention__debate_id",
            "intervention__paragraph__number",
            "intervention__order",
            "language",
        )
        .values_list(
            "intervention__debate__slug", "intervention__paragraph__number", "intervention__order", "language",
            "status", "document_symbol", "text",
        )
        .iterator(chunk_size=CHUNK_SIZE)
    )  # fmt: skip
    yield from chunks(rows)


STATEMENT_TRANSLATIONS = Table(
    "statement_translations",
    gettext_noop("Statement translations"),
    gettext_noop(
        "The attributed statements of the published debates in other languages than their own, one per language, "
        "each word for word from its paragraph's text in that language where there is one: official UN "
        "translations and the archive's translations, each saying whose it is."
    ),
    (
        DEBATE,
        Field("paragraph", "integer", "Its paragraph's number in the debate.", required=True),
        Field("statement", "integer", "Its position in the paragraph, in statements.csv.", required=True),
        TRANSLATION_LANGUAGE,
        WHOSE_TRANSLATION,
        DOCUMENT_SYMBOL,
        Field(
            "text",
            "string",
            "The statement in this language, in Markdown; the original is statements.text.",
            TRANSLATION_STATUS,
            True,
        ),
    ),
    ("debate", "paragraph", "statement", "language"),
    (
        ForeignKey(("debate",), "debates", ("debate",)),
        ForeignKey(("debate", "paragraph"), "paragraphs", ("debate", "paragraph")),
        ForeignKey(("debate", "paragraph", "statement"), "statements", ("debate", "paragraph", "statement")),
    ),
    statement_translation_rows,
    lambda source: published_statement_translations().count(),
)


# The codebook ----------------------------------------------------------------------------------------------------


def codebook_rows(source):
    yield [
        (
            vocabulary["name"],
            value["value"],
            value["label"],
            value["definition"],
            value["count"],
            value["codebook_url"],
            value["explorer_url"],
        )
        for vocabulary in source.codebook["vocabularies"]
        for value in vocabulary["values"]
    ]


CODEBOOK = Table(
    "codebook",
    gettext_noop("Codebook"),
    gettext_noop(
        "Every value of every coding vocabulary (actor kinds, extents, stances, scopes, themes, topics) with its "
        "definition and how many published statements have it: /codebook.csv at the same state."
    ),
    (
        Field("vocabulary", "string", "The vocabulary, in vocabularies.csv; also the explorer's parameter.", "", True),
        Field("value", "string", "The value as the statements' fields and the explorer give it.", required=True),
        Field("label", "string", "What the value is called.", ARCHIVE, True),
        Field("definition", "string", "What the value means.", ARCHIVE),
        Field("count", "integer", "How many published statements have it.", required=True),
        Field("codebook_url", "string", "Its entry in the codebook on the site."),
        Field("explorer_url", "string", "The explorer filtered by it."),
    ),
    ("vocabulary", "value"),
    (ForeignKey(("vocabulary",), "vocabularies", ("vocabulary",)),),
    codebook_rows,
    lambda source: sum(len(vocabulary["values"]) for vocabulary in source.codebook["vocabularies"]),
)


def vocabulary_rows(source):
    yield [
        (vocabulary["name"], vocabulary["title"], vocabulary["question"])
        for vocabulary in source.codebook["vocabularies"]
    ]


VOCABULARIES = Table(
    "vocabularies",
    gettext_noop("Coding vocabularies"),
    gettext_noop("The codebook's vocabularies and the question each answers about a statement."),
    (
        Field("vocabulary", "string", "The vocabulary's name.", required=True),
        Field("title", "string", "Its title.", ARCHIVE, True),
        Field("question", "string", "What it records about a statement, and how many values a statement has.", ARCHIVE),
    ),
    ("vocabulary",),
    (),
    vocabulary_rows,
    lambda source: len(source.codebook["vocabularies"]),
)


# In the order they are written and listed; a table comes after those its foreign keys name, except the
# vocabularies, listed after the codebook they explain.
TABLES = (
    DEBATES,
    SEGMENTS,
    PARAGRAPHS,
    PARTICIPANTS,
    DOCUMENTS,
    STATEMENTS,
    DEBATE_DOCUMENTS,
    PARTICIPATIONS,
    TITLE_TRANSLATIONS,
    PARAGRAPH_TRANSLATIONS,
    STATEMENT_TRANSLATIONS,
    CODEBOOK,
    VOCABULARIES,
)
