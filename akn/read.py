"""Read an Akoma Ntoso file the archive exported (:mod:`akn.export`) back in, as a draft debate.

:func:`akn_import` checks the file, reads it, and saves the debate it describes in one transaction,
as a draft whatever its status was: a file that fails any check raises :class:`AknImportError`,
whose message names what is wrong and where, and nothing is saved.  The checks, in order:

1. the bytes: at most :data:`MAX_AKN_BYTES`, well-formed XML, no DTD (so no entities, nothing fetched);
2. the document: an ``<akomaNtoso>`` holding a ``<debateReport>``, valid against the OASIS Akoma
   Ntoso 3.0 schema (:mod:`akn.schema`);
3. the archive's expectations: its record in ``<proprietary source="#archive">``
   (:data:`akn.names.ARCHIVE_NAMESPACE`), every paragraph and statement of the body matched with
   its record and every record with its text, references that lead somewhere, labels from the
   archive's vocabularies (themes and topics must exist here), the debate's language and each
   translation's (its language, whose translation it is, its symbol), and then each row's own
   validation (``full_clean()``) as it is saved.

What is read from where (docs/akoma-ntoso.md): the texts from the body, where removing every tag of a
paragraph's ``debateSection`` but its ``<num>`` gives the paragraph word for word, and each
statement's text is the text of its ``<speech>`` or ``<summary>``; segment titles from their
``<heading>``; the speaker from ``<speech by=…>``; every label from the proprietary record; the
debate's language from ``FRBRlanguage`` (and its record's ``language``, which must agree); the
translations of its title, paragraphs and statements from the ``<translation>`` elements of their records.
Participants and documents are matched by slug with those already in the archive, which are used
as they are, or created from the file.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.admin.models import ADDITION, LogEntry
from django.db import IntegrityError, transaction
from lxml import etree

from debates.models import Debate, DebateDocument, DebateTranslation, Document, Participant, TextStatus, Theme, Topic
from panels.attribution import SLUG_ACTOR_KINDS
from panels.importing import clean_and_save
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
)

from .names import (
    AKN_LANGUAGES,
    AKN_NAMESPACE,
    ARCHIVE_ID,
    ARCHIVE_LANGUAGES,
    ARCHIVE_NAMESPACE,
    CONCLUSION_ID,
    DOCUMENT_TYPE,
    INTRODUCTION_ID,
    PARAGRAPH_NAME,
    akn,
    archive,
    reference,
    unreference,
)
from .schema import AknSchemaError, akn_validate

# A debate of the archive is some 100 KB of Akoma Ntoso; a hundred times that is refused unread.
MAX_AKN_BYTES = 10 * 1024 * 1024
STATEMENT_TAGS = (akn("speech"), akn("summary"))
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]
# Whose translation a text is, as a <translation>'s status says it: an original has no <translation>.
TRANSLATION_STATUSES = (TextStatus.UN_TRANSLATION.value, TextStatus.ARCHIVE_TRANSLATION.value)


class AknImportError(Exception):
    """A file that cannot be imported, with a message for people saying what is wrong and where."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self):
        return self.message


def akn_parse(data):
    """The root ``<akomaNtoso>`` of the Akoma Ntoso file ``data`` (bytes), checked against the schema.

    Raises :class:`AknImportError` for a file too large, not XML, with a DTD, of another kind, or invalid.
    """
    data = bytes(data)
    if len(data) > MAX_AKN_BYTES:
        raise AknImportError(
            f"The file is {len(data) / (1024 * 1024):.1f} MB; an Akoma Ntoso debate may be at most "
            f"{MAX_AKN_BYTES // (1024 * 1024)} MB."
        )
    if not data.strip():
        raise AknImportError("The file is empty.")
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise AknImportError(f"The file is not well-formed XML: {error.msg}.") from error
    if root.getroottree().docinfo.doctype:
        raise AknImportError("The file declares a DTD (<!DOCTYPE …>); Akoma Ntoso files have none: remove it.")
    if root.tag != akn("akomaNtoso"):
        raise AknImportError(
            f"The root element is <{_name(root.tag)}>, not Akoma Ntoso 3.0's <akomaNtoso> in the namespace "
            f"{AKN_NAMESPACE}."
        )
    report = root.find(akn(DOCUMENT_TYPE))
    if report is None:
        kinds = ", ".join(f"<{_name(child.tag)}>" for child in root) or "nothing"
        raise AknImportError(f"The file holds {kinds}, not a <{DOCUMENT_TYPE}>: the archive imports debate reports.")
    try:
        akn_validate(root)
    except AknSchemaError as error:
        raise AknImportError(str(error)) from error
    return root


def akn_import(*, data, slug=None, user=None):
    """Save the debate of the Akoma Ntoso file ``data`` (bytes) as a draft, in one transaction, and return it.

    ``slug`` gives the debate another slug than the file's (to import a copy beside the original).  When
    ``user`` is given, history and the admin's log name them.  Raises :class:`AknImportError`, and saves
    nothing, when the file fails a check (see the module's docstring).
    """
    record = read_debate(akn_parse(data))
    if slug:
        record.debate["slug"] = slug
    if Debate.objects.filter(slug=record.debate["slug"]).exists():
        raise AknImportError(
            f"A debate with the slug “{record.debate['slug']}” already exists; import the file under another slug."
        )
    user = user if getattr(user, "pk", None) is not None else None
    try:
        with transaction.atomic():
            debate = _save(record, user)
    except IntegrityError as error:
        raise AknImportError(f"The debate could not be saved: {error}") from error
    return debate


@dataclass
class DebateRecord:
    """What a file says of a debate, checked against the archive's expectations and not yet saved.

    Plain values keyed by model field names: ``debate``, and lists of ``documents``, ``participants``,
    ``participations``, ``segments``, ``paragraphs`` (each with its ``statements``); the translations of
    the title (``title_translations``), of each paragraph and of each statement (their ``translations``),
    each a dict of ``language``, ``status``, ``document_symbol``, ``text`` and ``where`` (its name in errors).
    """

    debate: dict = field(default_factory=dict)
    title_translations: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    participants: list = field(default_factory=list)
    participations: list = field(default_factory=list)
    segments: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)


def read_debate(root):
    """The :class:`DebateRecord` of a parsed and valid file (:func:`akn_parse`); :class:`AknImportError` if the
    file breaks one of the archive's expectations."""
    return _Reader(root).read()


class _Reader:
    def __init__(self, root):
        self.root = root
        self.report = root.find(akn(DOCUMENT_TYPE))
        self.record = DebateRecord()

    def read(self):
        proprietary = self._proprietary()
        self._debate(proprietary)
        self._documents(proprietary)
        self._participants(proprietary)
        self._participations(proprietary)
        self._segments(proprietary)
        self._paragraphs(proprietary)
        self._body()
        return self.record

    def _proprietary(self):
        for proprietary in self.report.iterfind(f"{akn('meta')}/{akn('proprietary')}"):
            if proprietary.get("source") == reference(ARCHIVE_ID) and proprietary.find(archive("debate")) is not None:
                return proprietary
        raise AknImportError(
            f'The file has no <proprietary source="#archive"> holding the archive\'s record (<debate> in the '
            f"namespace {ARCHIVE_NAMESPACE}): it was not exported by this archive, and the labels of its "
            "statements cannot be read."
        )

    # The proprietary record

    def _language(self, element):
        """The debate's language: its expression's ``FRBRlanguage``, which the record's ``language`` (when the file
        has one: files exported before translations were carried do not) must agree with."""
        language = self.report.find(
            "/".join(akn(tag) for tag in ("meta", "identification", "FRBRExpression", "FRBRlanguage"))
        ).get("language")
        if language not in ARCHIVE_LANGUAGES:
            raise AknImportError(
                f'The expression\'s <FRBRlanguage language="{language}">: “{language}” is not the code of one of the '
                f"archive's languages; use {_either(AKN_LANGUAGES.values())} (ISO 639-2 alpha-3)."
            )
        code = ARCHIVE_LANGUAGES[language]
        recorded = element.get("language")
        if recorded is not None and recorded != code:
            raise AknImportError(
                f"The debate's record says it is written in “{recorded}”, but its <FRBRlanguage> says “{language}” "
                f"({code}): correct one of them."
            )
        return code

    def _debate(self, proprietary):
        element = proprietary.find(archive("debate"))
        where = "The debate's record"
        start_date = _date(_required(element, "startDate", where), f"{where}: startDate")
        self.language = self._language(element)
        self.record.debate = {
            "slug": _required(element, "slug", where),
            "title": _required_text(element, "title", where),
            "title_origin": _required(element, "titleOrigin", where),
            "kind": _required(element, "kind", where),
            "session": _integer(_required(element, "session", where), f"{where}: session"),
            "start_date": start_date,
            "end_date": _date(element.get("endDate") or start_date.isoformat(), f"{where}: endDate"),
            "venue": _text(element, "venue"),
            "convener": _text(element, "convener"),
            "abstract": _text(element, "abstract"),
            "language": self.language,
        }
        self.record.title_translations = self._translations(element, "the debate's title")

    def _translations(self, record, owner):
        """The ``<translation>`` children of ``record``, the record of ``owner`` (``paragraph 4``, …), checked."""
        translations = []
        for element in record.iterfind(archive("translation")):
            language = element.get("language")
            if language is None or not language.strip():
                raise AknImportError(f"A <translation> of {owner} has no language.")
            where = f'The <translation language="{language}"> of {owner}'
            if language not in LANGUAGE_CODES:
                raise AknImportError(
                    f"{where}: “{language}” is not one of the archive's languages; use {_either(LANGUAGE_CODES)}."
                )
            if language == self.language:
                raise AknImportError(
                    f"{where}: “{language}” is the language the debate is written in, so its text there is the "
                    "original, not a translation."
                )
            if any(translation["language"] == language for translation in translations):
                raise AknImportError(f"{where} is there twice: {owner} has one text per language.")
            status = _required(element, "status", where)
            if status not in TRANSLATION_STATUSES:
                raise AknImportError(
                    f"{where}: its status “{status}” is neither “{TextStatus.UN_TRANSLATION}” (an official UN "
                    f"translation) nor “{TextStatus.ARCHIVE_TRANSLATION}” (the archive's)."
                )
            symbol = element.get("symbol", "")
            if status == TextStatus.UN_TRANSLATION and not symbol.strip():
                raise AknImportError(
                    f"{where} is an official UN translation but has no symbol: give the symbol of the UN document "
                    "it is from."
                )
            if status == TextStatus.ARCHIVE_TRANSLATION and symbol:
                raise AknImportError(
                    f"{where} is the archive's translation, so it has no symbol (“{symbol}”): only an official UN "
                    "translation is from a UN document."
                )
            if len(element):
                raise AknImportError(f"{where} holds elements; a translation is text only.")
            if not (element.text or "").strip():
                raise AknImportError(f"{where} has no text.")
            translations.append(
                {
                    "language": language,
                    "status": status,
                    "document_symbol": symbol,
                    "text": element.text,
                    "where": where,
                }
            )
        return translations

    def _documents(self, proprietary):
        seen = set()
        for element in proprietary.iterfind(archive("document")):
            where = f"Document “{element.get('slug', '?')}”"
            slug = _required(element, "slug", where)
            if slug in seen:
                raise AknImportError(f"{where} is recorded twice.")
            seen.add(slug)
            date = element.get("date")
            relation, order = element.get("relation"), element.get("order")
            self.record.documents.append(
                {
                    "fields": {
                        "slug": slug,
                        "symbol": element.get("symbol", ""),
                        "title": _required_text(element, "title", where),
                        "title_origin": _required(element, "titleOrigin", where),
                        "date": _date(date, f"{where}: date") if date else None,
                        "kind": _required(element, "kind", where),
                        "url": element.get("url", ""),
                    },
                    "relation": relation,
                    "order": _integer(order, f"{where}: order") if relation else None,
                }
            )
        self.document_slugs = seen

    def _document(self, slug, where):
        if slug not in self.document_slugs:
            raise AknImportError(f"{where} names the document “{slug}”, which the file does not record.")
        return slug

    def _participants(self, proprietary):
        self.participant_refs = {}
        for element in proprietary.iterfind(archive("participant")):
            where = f"Participant “{element.get('slug', '?')}”"
            slug = _required(element, "slug", where)
            if slug in self.participant_refs.values():
                raise AknImportError(f"{where} is recorded twice.")
            eid = unreference(_required(element, "ref", where))
            if eid is None or eid in self.participant_refs:
                raise AknImportError(
                    f"{where}: its ref must be a #reference of its own to its TLCPerson or TLCOrganization."
                )
            self.participant_refs[eid] = slug
            self.record.participants.append(
                {
                    "slug": slug,
                    "name": _required_text(element, "name", where),
                    "kind": _required(element, "kind", where),
                    "role": _text(element, "role"),
                    "affiliation": _text(element, "affiliation"),
                    "note": _text(element, "note"),
                    "country_code": element.get("countryCode", ""),
                }
            )
        self.participant_slugs = set(self.participant_refs.values())
        references = self.report.find(f"{akn('meta')}/{akn('references')}")
        agents = set()
        if references is not None:
            agents = {el.get("eId") for el in references if el.tag in (akn("TLCPerson"), akn("TLCOrganization"))}
        for eid, slug in self.participant_refs.items():
            if eid not in agents:
                raise AknImportError(
                    f"Participant “{slug}” refers to #{eid}, but the references hold no TLCPerson or "
                    "TLCOrganization with that eId."
                )

    def _participant(self, slug, where):
        if slug not in self.participant_slugs:
            raise AknImportError(f"{where} names the participant “{slug}”, whom the file does not record.")
        return slug

    def _participations(self, proprietary):
        for element in proprietary.iterfind(archive("participation")):
            where = f"The part of “{element.get('participant', '?')}” in the debate"
            segment = element.get("segment")
            self.record.participations.append(
                {
                    "participant": self._participant(_required(element, "participant", where), where),
                    "role": _required(element, "role", where),
                    "segment": _integer(segment, f"{where}: segment") if segment else None,
                    "order": _integer(element.get("order", "0"), f"{where}: order"),
                    "note": _text(element, "note"),
                    "source": self._document(_required(element, "source", where), where),
                }
            )

    def _segments(self, proprietary):
        self.segments_by_id = {}
        for element in proprietary.iterfind(archive("segment")):
            where = f"Segment {element.get('order', '?')}"
            order = _integer(_required(element, "order", where), f"{where}: order")
            eid = unreference(_required(element, "ref", where))
            if eid is None or eid in self.segments_by_id or eid in (INTRODUCTION_ID, CONCLUSION_ID):
                raise AknImportError(f"{where}: its ref must be a #reference of its own to its debateSection.")
            segment = {
                "order": order,
                "kind": _required(element, "kind", where),
                "title_origin": _required(element, "titleOrigin", where),
                "summary": _text(element, "summary"),
                "title": None,
            }
            self.segments_by_id[eid] = segment
            self.record.segments.append(segment)
        for participation in self.record.participations:
            if participation["segment"] is not None and all(
                s["order"] != participation["segment"] for s in self.record.segments
            ):
                raise AknImportError(
                    f"The part of “{participation['participant']}” in the debate is in segment "
                    f"{participation['segment']}, which the file does not record."
                )

    def _paragraphs(self, proprietary):
        self.paragraphs_by_number, self.paragraphs_by_id = {}, {}
        for element in proprietary.iterfind(archive("paragraph")):
            where = f"Paragraph {element.get('number', '?')}"
            number = _integer(_required(element, "number", where), f"{where}: number")
            eid = unreference(_required(element, "ref", where))
            if number in self.paragraphs_by_number:
                raise AknImportError(f"{where} is recorded twice.")
            if eid is None or eid in self.paragraphs_by_id:
                raise AknImportError(f"{where}: its ref must be a #reference of its own to its debateSection.")
            paragraph = {
                "number": number,
                "text_origin": _required(element, "textOrigin", where),
                "sources": [self._document(slug, where) for slug in element.get("sources", "").split()],
                "statements": [],
                "text": None,
                "translations": self._translations(element, f"paragraph {number}"),
            }
            self.paragraphs_by_number[number] = paragraph
            self.paragraphs_by_id[eid] = paragraph
            self.record.paragraphs.append(paragraph)

        self.statements_by_id = {}
        for element in proprietary.iterfind(archive("statement")):
            where = f"Statement {element.get('order', '?')} of paragraph {element.get('paragraph', '?')}"
            number = _integer(_required(element, "paragraph", where), f"{where}: paragraph")
            paragraph = self.paragraphs_by_number.get(number)
            if paragraph is None:
                raise AknImportError(f"{where} is in a paragraph the file does not record.")
            order = _integer(_required(element, "order", where), f"{where}: order")
            if any(s["order"] == order for s in paragraph["statements"]):
                raise AknImportError(f"{where} is recorded twice.")
            kinds = _required(element, "actorKinds", where).split()
            unknown = [kind for kind in kinds if kind not in SLUG_ACTOR_KINDS]
            if not kinds or unknown:
                raise AknImportError(
                    f"{where}: “{' '.join(unknown)}” is not an actor kind; use {', '.join(SLUG_ACTOR_KINDS)}."
                    if unknown
                    else f"{where} has no actor kind."
                )
            speaker = element.get("speaker")
            statement = {
                "order": order,
                "actor_kinds": sum({SLUG_ACTOR_KINDS[kind] for kind in kinds}),
                "extent": element.get("extent", ""),
                "stance": element.get("stance", ""),
                "scope": _required(element, "scope", where),
                "needs_review": _boolean(element.get("needsReview", "false"), f"{where}: needsReview"),
                "participant": self._participant(speaker, where) if speaker else None,
                "named_participants": [
                    self._participant(s, where) for s in element.get("namedParticipants", "").split()
                ],
                "themes": element.get("themes", "").split(),
                "topics": element.get("topics", "").split(),
                "source": self._document(_required(element, "source", where), where),
                "text": None,
                "where": where,
                "translations": self._translations(element, f"statement {order} of paragraph {number}"),
            }
            eid = unreference(element.get("ref", ""))
            if eid is None:
                text = element.find(archive("text"))
                if text is None or not (text.text or "").strip():
                    raise AknImportError(f"{where} has neither a ref to its place in the text nor a <text> of its own.")
                statement["text"] = text.text
            elif eid in self.statements_by_id:
                raise AknImportError(f"{where}: another statement is recorded at #{eid}.")
            else:
                self.statements_by_id[eid] = (paragraph, statement)
            paragraph["statements"].append(statement)

    # The body

    def _body(self):
        body = self.report.find(akn("mainBody"))
        for section in body:
            if section.tag == akn("p") and not len(section) and not (section.text or "").strip():
                continue  # what the export writes for a debate with no text yet
            where = f"<{_name(section.tag)}> in the body (line {section.sourceline})"
            if section.tag != akn("debateSection"):
                raise AknImportError(f"{where}: the archive reads only debateSections there.")
            eid = section.get("eId")
            if eid in (INTRODUCTION_ID, CONCLUSION_ID):
                self._section(section, eid, None)
            elif eid in self.segments_by_id:
                segment = self.segments_by_id[eid]
                if segment["title"] is not None:
                    raise AknImportError(f"{where}: segment {segment['order']} is in the body twice.")
                heading = section.find(akn("heading"))
                if heading is None or not "".join(heading.itertext()).strip():
                    raise AknImportError(f"Segment {segment['order']} has no <heading> with its title.")
                segment["title"] = "".join(heading.itertext())
                self._section(section, Paragraph.Section.PANEL, segment["order"])
            else:
                raise AknImportError(
                    f"{where}: its eId “{eid}” is neither the introduction, the conclusion nor a segment the "
                    "archive's record names."
                )
        for segment in self.record.segments:
            if segment["title"] is None:
                raise AknImportError(f"Segment {segment['order']} is recorded but has no debateSection in the body.")
        for paragraph in self.record.paragraphs:
            if paragraph["text"] is None:
                raise AknImportError(f"Paragraph {paragraph['number']} is recorded but is not in the body.")
        for eid, (_, statement) in self.statements_by_id.items():
            if statement["text"] is None:
                raise AknImportError(f"{statement['where']} is recorded at #{eid}, which its paragraph does not hold.")

    def _section(self, section, kind, segment_order):
        for child in section:
            if child.tag in (akn("heading"), akn("num"), akn("subheading")):
                continue
            where = f"<{_name(child.tag)}> (line {child.sourceline})"
            if child.tag != akn("debateSection") or child.get("name") != PARAGRAPH_NAME:
                raise AknImportError(f"{where}: a section of the debate holds only paragraphs.")
            paragraph = self.paragraphs_by_id.get(child.get("eId"))
            if paragraph is None:
                raise AknImportError(f"{where}: the archive's record has no paragraph #{child.get('eId')}.")
            num = child.find(akn("num"))
            if num is None or "".join(num.itertext()).strip() != str(paragraph["number"]):
                raise AknImportError(
                    f"{where}: paragraph #{child.get('eId')} must begin with <num>{paragraph['number']}</num>."
                )
            if paragraph["text"] is not None:
                raise AknImportError(f"{where}: paragraph {paragraph['number']} is in the body twice.")
            paragraph["text"] = paragraph_text(child)
            paragraph["section"] = kind
            paragraph["segment"] = segment_order
            for element in child.iter(*STATEMENT_TAGS):
                self._statement(element, paragraph)

    def _statement(self, element, paragraph):
        eid = element.get("eId")
        where = f"<{_name(element.tag)}> (line {element.sourceline})"
        found = self.statements_by_id.get(eid)
        if found is None or found[0] is not paragraph:
            raise AknImportError(
                f"{where}: paragraph {paragraph['number']}'s record has no statement #{eid}; every statement of "
                "the text needs its labels in the archive's record."
            )
        statement = found[1]
        speaker = statement["participant"]
        if speaker is None and element.tag == akn("speech"):
            raise AknImportError(f"{where}: {statement['where']} has no speaker, so it must be a <summary>.")
        if speaker is not None:
            by = self.participant_refs.get(unreference(element.get("by", "")))
            if element.tag != akn("speech") or by != speaker:
                raise AknImportError(
                    f"{where}: {statement['where']} is by “{speaker}”, so it must be a <speech by=…> referring to them."
                )
        statement["text"] = text_without(element, akn("from"))


def paragraph_text(section):
    """The text of a paragraph's ``debateSection``: every text in it but its ``<num>``'s, tags removed."""
    return text_without(section, akn("num"))


def text_without(element, left_out):
    """The text of ``element`` with every tag removed, leaving out its children ``left_out`` (a tag) and their text."""
    parts = [element.text or ""]
    for child in element:
        if child.tag != left_out:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


# Reading values


def _name(tag):
    return etree.QName(tag).localname if isinstance(tag, str) else "?"


def _required(element, name, where):
    value = element.get(name)
    if value is None or not value.strip():
        raise AknImportError(f"{where} has no {name}.")
    return value


def _text(element, name):
    child = element.find(archive(name))
    return "" if child is None else (child.text or "")


def _required_text(element, name, where):
    value = _text(element, name)
    if not value.strip():
        raise AknImportError(f"{where} has no <{name}>.")
    return value


def _integer(value, where):
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = -1
    if number < 0 or str(number) != value.strip():
        raise AknImportError(f"{where}: “{value}” is not a whole number.")
    return number


def _date(value, where):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise AknImportError(f"{where}: “{value}” is not a date such as 2011-04-14.") from error


def _either(values):
    """``a, b or c``."""
    values = list(values)
    return f"{', '.join(values[:-1])} or {values[-1]}" if len(values) > 1 else "".join(values)


def _boolean(value, where):
    if value not in ("true", "false"):
        raise AknImportError(f"{where}: “{value}” is neither true nor false.")
    return value == "true"


# Saving


def _clean_and_save(instance, *, context, user, exclude=()):
    """:func:`panels.importing.clean_and_save`; a ValidationError becomes an :class:`AknImportError` naming
    ``context``."""

    def refuse(details):
        problems = "; ".join(
            f"{field.replace('_', ' ')}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in details.items()
        )
        return AknImportError(f"{context}: {problems}")

    return clean_and_save(instance, refuse=refuse, user=user, exclude=exclude)


def _terms(model, slugs, what):
    """``{slug: term}`` for every slug in ``slugs``; :class:`AknImportError` naming those the archive lacks."""
    terms = model.objects.in_bulk(set(slugs), field_name="slug")
    missing = sorted(set(slugs) - set(terms))
    if missing:
        raise AknImportError(
            f"The file files statements under {what} this archive does not have: {', '.join(missing)}. "
            f"Add them to the vocabulary first, or correct the file."
        )
    return terms


def _translation_fields(translation):
    """The fields every translation row has, from a translation as :meth:`_Reader._translations` reads it."""
    return {key: translation[key] for key in ("language", "status", "document_symbol")}


def _save(record, user):
    statements = [s for p in record.paragraphs for s in p["statements"]]
    themes = _terms(Theme, [slug for s in statements for slug in s["themes"]], "themes")
    topics = _terms(Topic, [slug for s in statements for slug in s["topics"]], "topics")

    documents = {}
    for entry in record.documents:
        fields = entry["fields"]
        existing = Document.objects.filter(slug=fields["slug"]).first()
        documents[fields["slug"]] = existing or _clean_and_save(
            Document(**fields), context=f"Document “{fields['slug']}”", user=user
        )
    participants = {}
    for fields in record.participants:
        existing = Participant.objects.filter(slug=fields["slug"]).first()
        participants[fields["slug"]] = existing or _clean_and_save(
            Participant(**fields), context=f"Participant “{fields['slug']}”", user=user
        )

    debate = _clean_and_save(Debate(status=Debate.Status.DRAFT, **record.debate), context="The debate", user=user)
    for entry in record.title_translations:
        _clean_and_save(
            DebateTranslation(debate=debate, title=entry["text"], **_translation_fields(entry)),
            context=entry["where"],
            user=user,
        )
    for entry in record.documents:
        if entry["relation"]:
            slug = entry["fields"]["slug"]
            _clean_and_save(
                DebateDocument(
                    debate=debate, document=documents[slug], relation=entry["relation"], order=entry["order"]
                ),
                context=f"The link to document “{slug}”",
                user=user,
            )
    panels = {}
    for segment in record.segments:
        panels[segment["order"]] = _clean_and_save(
            Panel(
                debate=debate,
                order=segment["order"],
                title=segment["title"],
                title_origin=segment["title_origin"],
                kind=segment["kind"],
                summary=segment["summary"],
            ),
            context=f"Segment {segment['order']}",
            user=user,
        )
    for participation in record.participations:
        _clean_and_save(
            Participation(
                debate=debate,
                panel=panels.get(participation["segment"]),
                participant=participants[participation["participant"]],
                role=participation["role"],
                order=participation["order"],
                note=participation["note"],
                source=documents[participation["source"]],
            ),
            context=f"The part of “{participation['participant']}” in the debate",
            user=user,
        )
    for entry in sorted(record.paragraphs, key=lambda paragraph: paragraph["number"]):
        paragraph = _clean_and_save(
            Paragraph(
                debate=debate,
                number=entry["number"],
                section=entry["section"],
                panel=panels.get(entry["segment"]),
                text=entry["text"],
                text_origin=entry["text_origin"],
            ),
            context=f"Paragraph {entry['number']}",
            user=user,
            exclude=["text_html"],
        )
        paragraph.sources.set([documents[slug] for slug in entry["sources"]])
        for translation in entry["translations"]:
            _clean_and_save(
                ParagraphTranslation(paragraph=paragraph, text=translation["text"], **_translation_fields(translation)),
                context=translation["where"],
                user=user,
                exclude=["text_html"],
            )
        for statement in sorted(entry["statements"], key=lambda statement: statement["order"]):
            intervention = _clean_and_save(
                Intervention(
                    debate=debate,
                    paragraph=paragraph,
                    order=statement["order"],
                    text=statement["text"],
                    actor_kinds=statement["actor_kinds"],
                    extent=statement["extent"],
                    stance=statement["stance"],
                    scope=statement["scope"],
                    needs_review=statement["needs_review"],
                    participant=participants[statement["participant"]] if statement["participant"] else None,
                    source=documents[statement["source"]],
                ),
                context=statement["where"],
                user=user,
                exclude=["text_html"],
            )
            intervention.named_participants.set([participants[slug] for slug in statement["named_participants"]])
            intervention.themes.set([themes[slug] for slug in statement["themes"]])
            intervention.topics.set([topics[slug] for slug in statement["topics"]])
            for translation in statement["translations"]:
                _clean_and_save(
                    InterventionTranslation(
                        intervention=intervention, text=translation["text"], **_translation_fields(translation)
                    ),
                    context=translation["where"],
                    user=user,
                    exclude=["text_html"],
                )
    if user is not None:
        LogEntry.objects.log_actions(
            user_id=user.pk,
            queryset=[debate],
            action_flag=ADDITION,
            change_message=(
                f"Imported as a draft from Akoma Ntoso: {len(record.paragraphs)} paragraphs, "
                f"{len(statements)} statements."
            ),
            single_object=True,
        )
    return debate
