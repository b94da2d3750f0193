"""A debate written as an Akoma Ntoso 3.0 ``debateReport``, the AKN4UN document type of a meeting's report.

:func:`akn_export` gives the file's bytes and :func:`akn_tree` its root element; docs/akoma-ntoso.md
describes the mapping element by element.  In short:

* ``<meta>``: FRBR work, expression and manifestation addresses in the ``/akn/un/debateReport/…`` form
  (:func:`akn.names.frbr_uri`); the themes and topics its statements are filed under as
  ``<classification>`` keywords; ``<references>`` naming every participant (people as ``TLCPerson``,
  States, groups and organizations as ``TLCOrganization``), the actor kinds as ``TLCRole``, and as
  ``TLCConcept`` whose words a text is and the extents; and every label of the archive's own in
  ``<proprietary source="#archive">``, in the archive's namespace (:data:`akn.names.ARCHIVE_NAMESPACE`),
  with the texts' translations: the expression is the original, in the debate's language
  (``FRBRlanguage``, :data:`akn.names.AKN_LANGUAGES`), and each translation of its title, a paragraph or
  a statement is an ``<archive:translation language=… status=… symbol=…>`` in the record of what it
  translates, saying whose translation it is.
* ``<mainBody>``: the introduction, each segment and the conclusion as a ``debateSection``, each
  paragraph in it as a ``debateSection name="paragraph"`` with its ``<num>``, saying whose words it is
  (``refersTo`` the concept ``#official-un-text`` or ``#archive-account``).  In a paragraph, a statement
  by a named participant is a ``<speech by=… as=…>``, any other a ``<summary refersTo=…>`` naming its
  actor kinds, with its role and quantity words marked (:mod:`akn.marks`); the text around them is
  ``<narrative>``, or the whitespace between them.  No speaker is ever named that the archive does not
  record.

Removing every tag from a paragraph's ``debateSection`` but its ``<num>`` leaves the paragraph's text
word for word, as stored (its Markdown source), so each paragraph keeps ``xml:space="preserve"`` and
the file is indented only outside the paragraphs.  A statement whose words cannot be marked in its
paragraph (one that overlaps another, or is not in it word for word) is kept in the proprietary
block with its text instead.

Everything is read in a fixed number of queries, whatever the size of the debate.
"""

import re
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone, translation
from lxml import etree

from debates.dates import un_date_range
from debates.models import DebateDocument, DebateTranslation, Participant, TextOrigin, TitleOrigin
from panels.attribution import ActorKind, Extent
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
    anchor,
)

from .marks import attribution_marks, name_marks, without_overlaps
from .names import (
    AKN_LANGUAGES,
    AKN_NAMESPACE,
    ARCHIVE_ID,
    ARCHIVE_NAME,
    ARCHIVE_NAMESPACE,
    ARCHIVE_PREFIX,
    CONCLUSION_ID,
    COUNTRY,
    DOCUMENT_NAME,
    DOCUMENT_TYPE,
    INTRODUCTION_ID,
    PARAGRAPH_NAME,
    THEMES_ID,
    TOPICS_ID,
    UN_BODY,
    UN_BODY_ID,
    XML_NAMESPACE,
    akn,
    archive,
    extent_id,
    frbr_uri,
    ontology_href,
    reference,
    segment_id,
)

# Whose words a text or a title is, as concepts a paragraph, a heading or the title refers to.
TEXT_ORIGIN_CONCEPTS = {
    TextOrigin.OFFICIAL: "official-un-text",
    TextOrigin.ARCHIVE: "archive-account",
}
TITLE_ORIGIN_CONCEPTS = {
    TitleOrigin.OFFICIAL: "official-title",
    TitleOrigin.ARCHIVE: "archive-description",
}
SECTION_HEADINGS = {INTRODUCTION_ID: "Introduction", CONCLUSION_ID: "Conclusion"}
MANIFESTATION_FORMAT = "application/akn+xml"
# XML 1.0 cannot hold these characters at all, not even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Whitespace as XML understands it: the only text allowed between the blocks of a paragraph.
XML_WHITESPACE = " \t\n\r"
XML_SPACE = f"{{{XML_NAMESPACE}}}space"
# Elements the file is indented inside; nothing inside a paragraph, a heading or a title is.
INDENTED = frozenset(
    akn(tag)
    for tag in (
        "akomaNtoso",
        DOCUMENT_TYPE,
        "meta",
        "identification",
        "FRBRWork",
        "FRBRExpression",
        "FRBRManifestation",
        "classification",
        "references",
        "proprietary",
        "preface",
        "mainBody",
    )
)


class AknExportError(Exception):
    """A debate that cannot be written as Akoma Ntoso; the message says which text and why."""


@dataclass
class DebateContent:
    """Everything a debate's file is written from, read once."""

    debate: object
    panels: list
    paragraphs: list
    statements_by_paragraph: dict
    participations: list
    document_links: list
    documents: list
    participants: list
    themes: list
    topics: list
    title_translations: list


def debate_content(debate):
    """Read ``debate``'s segments, paragraphs, statements, participations, documents and translations: twelve
    queries."""
    paragraphs = list(
        Paragraph.objects.filter(debate=debate)
        .prefetch_related("sources", Prefetch("translations", ParagraphTranslation.objects.order_by("language")))
        .order_by("number")
    )
    statements = list(
        Intervention.objects.filter(debate=debate)
        .select_related("participant", "source")
        .prefetch_related(
            "themes",
            "topics",
            Prefetch("named_participants", Participant.objects.order_by("slug")),
            Prefetch("translations", InterventionTranslation.objects.order_by("language")),
        )
        .order_by("paragraph__number", "order", "pk")
    )
    statements_by_paragraph = {paragraph.pk: [] for paragraph in paragraphs}
    for statement in statements:
        statements_by_paragraph[statement.paragraph_id].append(statement)
    panels = list(Panel.objects.filter(debate=debate).order_by("order"))
    participations = list(
        Participation.objects.filter(debate=debate).select_related("participant", "source").order_by("order", "pk")
    )
    document_links = list(
        DebateDocument.objects.filter(debate=debate).select_related("document").order_by("order", "pk")
    )

    documents = {link.document.pk: link.document for link in document_links}
    for paragraph in paragraphs:
        documents.update((source.pk, source) for source in paragraph.sources.all())
    documents.update((statement.source.pk, statement.source) for statement in statements)
    documents.update((participation.source.pk, participation.source) for participation in participations)
    linked = {link.document.pk for link in document_links}
    unlinked = sorted((d for pk, d in documents.items() if pk not in linked), key=lambda document: document.slug)

    participants = {participation.participant.pk: participation.participant for participation in participations}
    for statement in statements:
        if statement.participant is not None:
            participants[statement.participant.pk] = statement.participant
        participants.update((named.pk, named) for named in statement.named_participants.all())

    themes = {theme.pk: theme for statement in statements for theme in statement.themes.all()}
    topics = {topic.pk: topic for statement in statements for topic in statement.topics.all()}
    return DebateContent(
        debate=debate,
        panels=panels,
        paragraphs=paragraphs,
        statements_by_paragraph=statements_by_paragraph,
        participations=participations,
        document_links=document_links,
        documents=[link.document for link in document_links] + unlinked,
        participants=sorted(participants.values(), key=lambda participant: participant.slug),
        themes=sorted(themes.values(), key=lambda theme: (theme.order, theme.slug)),
        topics=sorted(topics.values(), key=lambda topic: (topic.name, topic.slug)),
        title_translations=list(DebateTranslation.objects.filter(debate=debate).order_by("language")),
    )


def akn_export(debate):
    """``debate`` as an Akoma Ntoso file: UTF-8 bytes with an XML declaration."""
    return etree.tostring(akn_tree(debate), xml_declaration=True, encoding="UTF-8")


def akn_tree(debate):
    """The root ``<akomaNtoso>`` element of ``debate``'s file, for any status (the public view shows published ones)."""
    return _Writer(debate_content(debate)).root()


def checked(value, where):
    """``value`` as text for the file; :class:`AknExportError` naming ``where`` if XML cannot hold it."""
    value = "" if value is None else str(value)
    bad = NOT_XML.search(value)
    if bad:
        raise AknExportError(
            f"{where} holds the character U+{ord(bad.group()):04X} at position {bad.start() + 1}, "
            "which XML cannot hold: remove it, then export again."
        )
    return value


def _element(parent, tag, text=None, **attributes):
    """A new child of ``parent`` (Akoma Ntoso's namespace unless ``tag`` is qualified) with text and attributes."""
    element = etree.SubElement(parent, tag if tag.startswith("{") else akn(tag))
    for name, value in attributes.items():
        if value is not None:
            element.set(name, value)
    if text is not None:
        element.text = text
    return element


def _fill(element, text, marks):
    """Put ``text`` in ``element``, each of ``marks`` (in text order, none overlapping) as an inline child."""
    cursor, last = 0, None
    for mark in marks:
        before = text[cursor : mark.start]
        if last is None:
            element.text = before
        else:
            last.tail = before
        last = _element(element, mark.tag, text[mark.start : mark.end], **mark.attributes)
        cursor = mark.end
    if last is None:
        element.text = text
    else:
        last.tail = text[cursor:]


def _translations(record, translations, where, text_field):
    """An ``<archive:translation>`` in ``record`` for each of ``translations`` (the ``text_field`` of each:
    ``title`` or ``text``), in the order of their languages: its language, whose translation it is, and
    for an official UN translation the symbol of the UN document it is from."""
    for text in translations:
        what = f"{where}, in its translation into “{text.language}”,"
        _element(
            record,
            archive("translation"),
            checked(getattr(text, text_field), what),
            language=text.language,
            status=text.status,
            symbol=checked(text.document_symbol, what) or None,
        )


def placed_statements(text, statements):
    """Where each of ``statements`` stands, word for word, in its paragraph's ``text``.

    Returns ``(placed, apart)``: ``[(start, end, statement), …]`` in text order, none overlapping, and
    the statements that could not be placed so.  Statements are placed in their order, each at the
    first occurrence of its exact text that overlaps none placed before it.
    """
    placed, apart = [], []
    for statement in statements:
        found = text.find(statement.text) if statement.text.strip() else -1
        while found >= 0:
            end = found + len(statement.text)
            if all(end <= start or stop <= found for start, stop, _ in placed):
                placed.append((found, end, statement))
                break
            found = text.find(statement.text, found + 1)
        else:
            apart.append(statement)
    return sorted(placed, key=lambda item: item[0]), apart


def indent(element, level=0):
    """Indent the file's structure, two spaces a level, never inside a paragraph, heading or statement."""
    if not len(element) or (element.text and element.text.strip()):
        return
    structural = element.tag in INDENTED or (
        element.tag == akn("debateSection") and element.get("name") != PARAGRAPH_NAME
    )
    if not structural and not element.tag.startswith(f"{{{ARCHIVE_NAMESPACE}}}"):
        return
    padding = "\n" + "  " * (level + 1)
    element.text = padding
    for child in element:
        child.tail = padding
        indent(child, level + 1)
    element[-1].tail = "\n" + "  " * level


class _Writer:
    """Writes one debate's file from its :class:`DebateContent`."""

    def __init__(self, content):
        self.content = content
        self.debate = content.debate
        if self.debate.language not in AKN_LANGUAGES:
            raise AknExportError(
                f"The debate's language “{self.debate.language}” is not one of the archive's languages "
                f"({', '.join(AKN_LANGUAGES)}): correct it, then export again."
            )
        self.role_ids = {kind.slug: kind.slug for kind in ActorKind}
        self.roles_used, self.extents_used, self.concepts_used = set(), set(), set()
        self.placed_ids = set()  # the statements marked in the text: the others are kept in the record
        self.participant_ids = self._participant_ids()

    def _participant_ids(self):
        """Each participant's eId: its slug, unless another element of the file has that eId already."""
        taken = {ARCHIVE_ID, UN_BODY_ID, THEMES_ID, TOPICS_ID, INTRODUCTION_ID, CONCLUSION_ID}
        taken |= set(self.role_ids.values()) | {extent_id(extent) for extent in Extent.values}
        taken |= set(TEXT_ORIGIN_CONCEPTS.values()) | set(TITLE_ORIGIN_CONCEPTS.values())
        taken |= {segment_id(panel.order) for panel in self.content.panels}
        for paragraph in self.content.paragraphs:
            taken.add(anchor(paragraph.number))
            taken |= {anchor(paragraph.number, s.order) for s in self.content.statements_by_paragraph[paragraph.pk]}
        ids = {}
        for participant in self.content.participants:
            eid = participant.slug if participant.slug not in taken else f"participant-{participant.slug}"
            suffix = 2
            while eid in taken:
                eid, suffix = f"participant-{participant.slug}-{suffix}", suffix + 1
            taken.add(eid)
            ids[participant.slug] = eid
        return ids

    def root(self):
        root = etree.Element(akn("akomaNtoso"), nsmap={None: AKN_NAMESPACE, ARCHIVE_PREFIX: ARCHIVE_NAMESPACE})
        report = _element(root, DOCUMENT_TYPE, name=DOCUMENT_NAME)
        meta = _element(report, "meta")
        # The body first: it records which roles, extents and concepts the references must name.
        preface = self._preface()
        body = self._body()
        self._identification(meta)
        self._classification(meta)
        self._references(meta)
        self._proprietary(meta)
        report.append(preface)
        report.append(body)
        indent(root)
        root.tail = "\n"
        return root

    # Metadata

    def _identification(self, meta):
        debate, uri = self.debate, frbr_uri(self.debate)
        paragraphs = self.content.paragraphs
        official = bool(paragraphs) and all(p.text_origin == TextOrigin.OFFICIAL for p in paragraphs)
        # Whose work the text is: the General Assembly's when every paragraph is its official text, else the
        # archive's (its account, or its own selection around official text); the file is always the archive's.
        author = reference(UN_BODY_ID if official else ARCHIVE_ID)
        date = debate.start_date.isoformat()
        identification = _element(meta, "identification", source=reference(ARCHIVE_ID))
        work = _element(identification, "FRBRWork")
        _element(work, "FRBRthis", value=uri.work_uri())
        _element(work, "FRBRuri", value=uri.work_uri(work_component=False))
        _element(work, "FRBRalias", value=checked(debate.title, "The debate's title"), name="title")
        _element(work, "FRBRdate", date=date, name="meeting")
        _element(work, "FRBRauthor", href=author)
        _element(work, "FRBRcountry", value=COUNTRY)
        _element(work, "FRBRnumber", value=debate.slug)
        expression = _element(identification, "FRBRExpression")
        _element(expression, "FRBRthis", value=uri.expression_uri())
        _element(expression, "FRBRuri", value=uri.expression_uri(work_component=False))
        _element(expression, "FRBRdate", date=date, name="meeting")
        _element(expression, "FRBRauthor", href=author)
        _element(expression, "FRBRlanguage", language=AKN_LANGUAGES[debate.language])
        manifestation = _element(identification, "FRBRManifestation")
        _element(manifestation, "FRBRthis", value=uri.manifestation_uri())
        _element(manifestation, "FRBRuri", value=uri.manifestation_uri(work_component=False))
        updated = timezone.localdate(debate.updated_at).isoformat()
        _element(manifestation, "FRBRdate", date=updated, name="updated")
        _element(manifestation, "FRBRauthor", href=reference(ARCHIVE_ID))
        _element(manifestation, "FRBRformat", value=MANIFESTATION_FORMAT)

    def _classification(self, meta):
        if not self.content.themes and not self.content.topics:
            return  # a classification holds at least one keyword
        classification = _element(meta, "classification", source=reference(ARCHIVE_ID))
        for terms, dictionary in ((self.content.themes, THEMES_ID), (self.content.topics, TOPICS_ID)):
            for term in terms:
                _element(
                    classification,
                    "keyword",
                    value=term.slug,
                    showAs=checked(term.name, f"The name of {dictionary[:-1]} “{term.slug}”"),
                    dictionary=reference(dictionary),
                )

    def _references(self, meta):
        references = _element(meta, "references", source=reference(ARCHIVE_ID))
        for document in self.content.documents:
            if document.url:
                _element(
                    references,
                    "activeRef",
                    href=checked(document.url, f"The link of document “{document.slug}”"),
                    showAs=checked(document.symbol or document.title, f"Document “{document.slug}”"),
                )
        _element(
            references,
            "TLCOrganization",
            eId=ARCHIVE_ID,
            href=ontology_href("organization", "human-security-debates-archive"),
            showAs=ARCHIVE_NAME,
        )
        _element(
            references,
            "TLCOrganization",
            eId=UN_BODY_ID,
            href=ontology_href("organization", "general-assembly"),
            showAs=UN_BODY,
        )
        for participant in self.content.participants:
            kind = "TLCPerson" if participant.kind == Participant.Kind.PERSON else "TLCOrganization"
            _element(
                references,
                kind,
                eId=self.participant_ids[participant.slug],
                href=ontology_href("person" if kind == "TLCPerson" else "organization", participant.slug),
                showAs=checked(participant.name, f"The name of participant “{participant.slug}”"),
            )
        for kind in ActorKind:
            if kind.slug in self.roles_used:
                role_href = ontology_href("role", kind.slug)
                _element(references, "TLCRole", eId=self.role_ids[kind.slug], href=role_href, showAs=kind.label)
        for extent in Extent:
            if extent.value in self.extents_used:
                eid = extent_id(extent.value)
                _element(references, "TLCConcept", eId=eid, href=ontology_href("concept", eid), showAs=extent.label)
        for concepts, labels in ((TEXT_ORIGIN_CONCEPTS, TextOrigin), (TITLE_ORIGIN_CONCEPTS, TitleOrigin)):
            for origin, eid in concepts.items():
                if eid in self.concepts_used:
                    with translation.override("en"):  # the file is the same at every address (/fr/…/akn.xml)
                        label = str(labels(origin).label)
                    _element(references, "TLCConcept", eId=eid, href=ontology_href("concept", eid), showAs=label)
        if self.content.themes:
            href = ontology_href("concept", "human-security-themes")
            _element(references, "TLCConcept", eId=THEMES_ID, href=href, showAs="Themes: the three freedoms")
        if self.content.topics:
            href = ontology_href("concept", "human-security-topics")
            _element(references, "TLCConcept", eId=TOPICS_ID, href=href, showAs="Topics")

    def _proprietary(self, meta):
        """The archive's own record of the debate: every field the archive keeps that Akoma Ntoso has no place for."""
        debate = self.debate
        proprietary = _element(meta, "proprietary", source=reference(ARCHIVE_ID))
        record = _element(
            proprietary,
            archive("debate"),
            slug=debate.slug,
            kind=debate.kind,
            session=str(debate.session),
            startDate=debate.start_date.isoformat(),
            endDate=debate.end_date.isoformat(),
            titleOrigin=debate.title_origin,
            status=debate.status,
            language=debate.language,
        )
        _element(record, archive("title"), checked(debate.title, "The debate's title"))
        for name in ("venue", "convener", "abstract"):
            value = getattr(debate, name)
            if value:
                _element(record, archive(name), checked(value, f"The debate's {name}"))
        _translations(record, self.content.title_translations, "The debate's title", "title")

        relations = {link.document.pk: link for link in self.content.document_links}
        for document in self.content.documents:
            link = relations.get(document.pk)
            where = f"Document “{document.slug}”"
            element = _element(
                proprietary,
                archive("document"),
                slug=document.slug,
                kind=document.kind,
                titleOrigin=document.title_origin,
                symbol=checked(document.symbol, where) or None,
                date=document.date.isoformat() if document.date else None,
                url=checked(document.url, where) or None,
                relation=link.relation if link else None,
                order=str(link.order) if link else None,
            )
            _element(element, archive("title"), checked(document.title, where))

        for participant in self.content.participants:
            where = f"Participant “{participant.slug}”"
            element = _element(
                proprietary,
                archive("participant"),
                slug=participant.slug,
                ref=reference(self.participant_ids[participant.slug]),
                kind=participant.kind,
                countryCode=participant.country_code or None,
            )
            for name in ("name", "role", "affiliation", "note"):
                value = getattr(participant, name)
                if value or name == "name":
                    _element(element, archive(name), checked(value, where))

        for participation in self.content.participations:
            element = _element(
                proprietary,
                archive("participation"),
                participant=participation.participant.slug,
                role=participation.role,
                segment=str(self._panel_order(participation.panel_id)) if participation.panel_id else None,
                order=str(participation.order),
                source=participation.source.slug,
            )
            if participation.note:
                where = f"The note on {participation.participant.slug}'s part in the debate"
                _element(element, archive("note"), checked(participation.note, where))

        for panel in self.content.panels:
            element = _element(
                proprietary,
                archive("segment"),
                ref=reference(segment_id(panel.order)),
                order=str(panel.order),
                kind=panel.kind,
                titleOrigin=panel.title_origin,
            )
            if panel.summary:
                _element(element, archive("summary"), checked(panel.summary, f"The note on segment {panel.order}"))

        for paragraph in self.content.paragraphs:
            element = _element(
                proprietary,
                archive("paragraph"),
                ref=reference(anchor(paragraph.number)),
                number=str(paragraph.number),
                textOrigin=paragraph.text_origin,
                sources=" ".join(source.slug for source in paragraph.sources.all()) or None,
            )
            _translations(element, paragraph.translations.all(), f"Paragraph {paragraph.number}", "text")
            for statement in self.content.statements_by_paragraph[paragraph.pk]:
                self._statement_record(proprietary, paragraph, statement)

    def _statement_record(self, proprietary, paragraph, statement):
        placed = statement.pk in self.placed_ids
        element = _element(
            proprietary,
            archive("statement"),
            ref=reference(anchor(paragraph.number, statement.order)) if placed else None,
            paragraph=str(paragraph.number),
            order=str(statement.order),
            actorKinds=" ".join(kind.slug for kind in ActorKind.decompose(statement.actor_kinds)),
            extent=statement.extent or None,
            stance=statement.stance or None,
            scope=statement.scope,
            needsReview="true" if statement.needs_review else "false",
            speaker=statement.participant.slug if statement.participant else None,
            namedParticipants=" ".join(p.slug for p in statement.named_participants.all()) or None,
            themes=" ".join(theme.slug for theme in statement.themes.all()) or None,
            topics=" ".join(topic.slug for topic in statement.topics.all()) or None,
            source=statement.source.slug,
        )
        where = f"Statement {statement.order} of paragraph {paragraph.number}"
        if not placed:
            _element(element, archive("text"), checked(statement.text, where))
        _translations(element, statement.translations.all(), where, "text")

    def _panel_order(self, panel_id):
        return next(panel.order for panel in self.content.panels if panel.pk == panel_id)

    # The text

    def _preface(self):
        debate = self.debate
        preface = etree.Element(akn("preface"))
        concept = TITLE_ORIGIN_CONCEPTS[debate.title_origin]
        self.concepts_used.add(concept)
        title = _element(preface, "p")
        _element(title, "docTitle", checked(debate.title, "The debate's title"), refersTo=reference(concept))
        date = _element(preface, "p")
        _element(date, "docDate", un_date_range(debate.start_date, debate.end_date), date=debate.start_date.isoformat())
        return preface

    def _body(self):
        body = etree.Element(akn("mainBody"))
        by_section = {section: [] for section in Paragraph.Section.values}
        by_panel = {panel.pk: [] for panel in self.content.panels}
        for paragraph in self.content.paragraphs:
            if paragraph.panel_id is not None:
                by_panel[paragraph.panel_id].append(paragraph)
            else:
                by_section[paragraph.section].append(paragraph)
        if by_section[Paragraph.Section.INTRODUCTION]:
            section = _element(body, "debateSection", name=INTRODUCTION_ID, eId=INTRODUCTION_ID)
            _element(section, "heading", SECTION_HEADINGS[INTRODUCTION_ID])
            self._paragraphs(section, by_section[Paragraph.Section.INTRODUCTION])
        for panel in self.content.panels:
            concept = TITLE_ORIGIN_CONCEPTS[panel.title_origin]
            self.concepts_used.add(concept)
            section = _element(body, "debateSection", name=panel.kind, eId=segment_id(panel.order))
            title = checked(panel.title, f"The title of segment {panel.order}")
            _element(section, "heading", title, refersTo=reference(concept))
            self._paragraphs(section, by_panel[panel.pk])
        if by_section[Paragraph.Section.CONCLUSION]:
            section = _element(body, "debateSection", name=CONCLUSION_ID, eId=CONCLUSION_ID)
            _element(section, "heading", SECTION_HEADINGS[CONCLUSION_ID])
            self._paragraphs(section, by_section[Paragraph.Section.CONCLUSION])
        if not len(body):
            _element(body, "p")  # a debate with no text yet: the schema wants something in the body
        return body

    def _paragraphs(self, section, paragraphs):
        for paragraph in paragraphs:
            concept = TEXT_ORIGIN_CONCEPTS[paragraph.text_origin]
            self.concepts_used.add(concept)
            element = _element(
                section,
                "debateSection",
                name=PARAGRAPH_NAME,
                eId=anchor(paragraph.number),
                refersTo=reference(concept),
            )
            element.set(XML_SPACE, "preserve")
            _element(element, "num", str(paragraph.number))
            text = checked(paragraph.text, f"Paragraph {paragraph.number}")
            placed, _ = placed_statements(text, self.content.statements_by_paragraph[paragraph.pk])
            cursor = 0
            for start, end, statement in placed:
                self._between(element, text[cursor:start])
                self._statement(element, paragraph, statement, text[start:end])
                self.placed_ids.add(statement.pk)
                cursor = end
            self._between(element, text[cursor:])

    @staticmethod
    def _between(paragraph_element, text):
        """Text of a paragraph outside its statements: whitespace between blocks, anything else a <narrative>."""
        if not text:
            return
        if text.strip(XML_WHITESPACE):
            _element(paragraph_element, "narrative", text)
        else:
            last = paragraph_element[-1]
            last.tail = (last.tail or "") + text

    def _statement(self, paragraph_element, paragraph, statement, text):
        kinds = [kind.slug for kind in ActorKind.decompose(statement.actor_kinds)]
        self.roles_used.update(kinds)
        eid = anchor(paragraph.number, statement.order)
        refers_to = " ".join(reference(self.role_ids[kind]) for kind in kinds)
        if statement.participant is not None:
            element = _element(
                paragraph_element,
                "speech",
                eId=eid,
                by=reference(self.participant_ids[statement.participant.slug]),
                refersTo=refers_to,
            )
            element.set("as", reference(self.role_ids[kinds[0]]))
            container = _element(element, "p")
        else:
            container = element = _element(paragraph_element, "summary", eId=eid, refersTo=refers_to)
        named = [statement.participant] if statement.participant else []
        named += list(statement.named_participants.all())
        marks = without_overlaps(
            attribution_marks(text, kinds, statement.extent, self.role_ids)
            + name_marks(text, named, self.participant_ids)
        )
        if any(mark.tag == "quantity" for mark in marks):  # a quantity is marked only when it says the extent
            self.extents_used.add(statement.extent)
        _fill(container, text, marks)
