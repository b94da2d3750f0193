"""Decode an uploaded summary, preview what it would import, and save it as a draft debate.

These functions are what the admin screens and the ``import_summary``
command call.  Every problem a person can fix raises
:class:`SummaryImportError`, whose ``field`` says which input is wrong
(``"file"``, ``"text"``, ``"title"``, ``"date"``, ``"session"``, ``"kind"``,
``"symbol"`` or ``"slug"``) so a form can show the message beside it.  A failed import
saves nothing.  :func:`summary_duplicates` finds the debates of the archive
that already hold most of a summary's paragraphs.

This is the importer's only contact with the database, so it lives here, beside
the models it writes, and not in :mod:`panels.importer`: that package reads
plain text into a proposal and imports no Django.
"""

import datetime
import hashlib
import unicodedata
from collections import Counter
from dataclasses import dataclass

from django.contrib.admin.models import ADDITION, LogEntry
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from debates.models import Debate, DebateDocument, Document, TextOrigin, Theme, TitleOrigin, Topic
from panels.attribution import SLUG_ACTOR_KINDS, ActorKind, Extent, Scope, Stance
from panels.importer.metadata import parse_date
from panels.importer.parse import MAX_PARAGRAPH_CHARS, ParagraphTooLong, parse_summary
from panels.importer.proposal import ProposedDebate, SectionKind
from panels.importer.split import SplitError, apply_splits
from panels.models import Intervention, Panel, Paragraph

# The limits on a summary, checked before it is read (the paragraph length as soon as the paragraphs are
# rebuilt, before any statement is looked for).  A UN summary is some 10–60 KB, a few hundred lines and
# paragraphs of a few thousand characters; the limits leave room for a hundred times that, and keep the work
# of one preview to a few seconds.
MAX_SUMMARY_BYTES = 5 * 1024 * 1024
# Far above any summary (the 2011 one has 200 lines), and low enough that a preview at the limit stays well
# under two seconds (make bench: 50,000 short lines took 1.9 s to preview).
MAX_SUMMARY_LINES = 20_000
MAX_LINE_CHARS = MAX_PARAGRAPH_CHARS
DEFAULT_KIND = Debate.Kind.INFORMAL_THEMATIC_DEBATE
DOCUMENT_SLUG_SUFFIX = "-summary"
MAX_DEBATE_SLUG_LENGTH = Document._meta.get_field("slug").max_length - len(DOCUMENT_SLUG_SUFFIX)
# Share of control characters above which decoded bytes are taken to be binary, not text.
MAX_CONTROL_CHARACTER_SHARE = 0.05

_BOMS = [
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8-sig", "UTF-8"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
]
# What the importer says of a file it recognizes as a binary format, each a whole message.
_BINARY_SIGNATURES = [
    (
        b"%PDF",
        _(
            "This is a PDF file: copy its text into a plain-text file and import that; the importer reads plain text "
            "or Markdown."
        ),
    ),
    (
        b"PK\x03\x04",
        _(
            "This is a ZIP archive (a Word .docx file is one): save the summary as plain text; the importer reads "
            "plain text or Markdown."
        ),
    ),
    (
        b"\xd0\xcf\x11\xe0",
        _(
            "This is an old Word or Office file: save the summary as plain text; the importer reads plain text or "
            "Markdown."
        ),
    ),
    (b"{\\rtf", _("This is an RTF file: save the summary as plain text; the importer reads plain text or Markdown.")),
    (b"\x89PNG", _("This is a PNG image; the importer reads plain text or Markdown.")),
    (b"\xff\xd8\xff", _("This is a JPEG image; the importer reads plain text or Markdown.")),
    (b"GIF8", _("This is a GIF image; the importer reads plain text or Markdown.")),
]
# Model field → the importer's input that a person would change.
_FIELD_NAMES = {
    "slug": "slug",
    "title": "title",
    "start_date": "date",
    "end_date": "date",
    "session": "session",
    "symbol": "symbol",
}
# A summary is taken to be in the archive already when at least this share of its paragraphs are paragraphs of
# one debate there (compared as :func:`paragraph_fingerprint` gives them).
DUPLICATE_SHARE = 0.6


class SummaryImportError(Exception):
    """A summary that cannot be imported, with a message for people and the input it concerns.

    ``field`` is one of ``"file"``, ``"text"``, ``"title"``, ``"date"``,
    ``"session"``, ``"kind"`` or ``"slug"`` (``None`` when no single input is at fault).
    """

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return self.message


def summary_limits_text() -> str:
    """The limits on a summary in words, for help texts (in the language active when it is called)."""
    return gettext(
        # Translators: the limits on an uploaded summary, shown inside a form's help text in parentheses.
        "at most %(megabytes)s MB, %(lines)s lines, and %(characters)s characters in a line or a paragraph"
    ) % {
        "megabytes": MAX_SUMMARY_BYTES // (1024 * 1024),
        "lines": f"{MAX_SUMMARY_LINES:,}",
        "characters": f"{MAX_PARAGRAPH_CHARS:,}",
    }


def summary_check_size(size: int) -> None:
    """Refuse a file of ``size`` bytes over :data:`MAX_SUMMARY_BYTES`; call it before reading a large upload."""
    if size > MAX_SUMMARY_BYTES:
        raise SummaryImportError(
            gettext("The file is %(size).1f MB; a summary may be at most %(limit)s MB.")
            % {"size": size / (1024 * 1024), "limit": MAX_SUMMARY_BYTES // (1024 * 1024)},
            field="file",
        )


def summary_decode(data: bytes) -> str:
    """The text of an uploaded summary file.

    The size is checked first (:data:`MAX_SUMMARY_BYTES`).  A byte-order mark
    selects UTF-8, UTF-16 or UTF-32; without one the bytes are read as UTF-8,
    and if they are not valid UTF-8, as Windows-1252 (what Word and older
    Windows tools write, with its curly quotes and dashes).  Binary files are
    refused: known formats (PDF, Word, images) by their signature, anything with
    NUL bytes, and anything whose decoded text is more than
    :data:`MAX_CONTROL_CHARACTER_SHARE` control characters.
    """
    data = bytes(data)
    summary_check_size(len(data))
    if not data:
        raise SummaryImportError(gettext("The file is empty."), field="file")

    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as error:
                raise SummaryImportError(
                    gettext(
                        # Translators: %(encoding)s is UTF-8, UTF-16 or UTF-32.
                        "The file starts with a %(encoding)s byte-order mark but is not valid %(encoding)s "
                        "(at byte %(byte)s)."
                    )
                    % {"encoding": name, "byte": error.start},
                    field="file",
                ) from error
            return _checked_text(text.lstrip("\ufeff"))

    for signature, message in _BINARY_SIGNATURES:
        if data.startswith(signature):
            raise SummaryImportError(str(message), field="file")
    if b"\x00" in data:
        raise SummaryImportError(
            gettext(
                "The file contains NUL bytes, so it is binary, not text. Upload plain text or Markdown "
                "(UTF-16 text needs a byte-order mark; UTF-8 is safest)."
            ),
            field="file",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return _checked_text(text)


def _checked_text(text):
    if not text.strip():
        raise SummaryImportError(gettext("The file contains no text (only spaces or blank lines)."), field="file")
    control = sum(
        1
        for character in text
        if character == "\ufffd" or (unicodedata.category(character) == "Cc" and character not in "\t\n\r\f")
    )
    if control / len(text) > MAX_CONTROL_CHARACTER_SHARE:
        raise SummaryImportError(
            gettext(
                "The file does not look like text: %(share)s of its characters are control characters or "
                "undecodable bytes. Upload plain text or Markdown."
            )
            % {"share": f"{control / len(text):.0%}"},
            field="file",
        )
    return text


def _clean_title(title):
    title = (title or "").strip()
    if not title:
        raise SummaryImportError(gettext("A title is required."), field="title")
    limit = Debate._meta.get_field("title").max_length
    if len(title) > limit:
        raise SummaryImportError(
            gettext("The title is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(title), "limit": limit},
            field="title",
        )
    return title


def _clean_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise SummaryImportError(gettext("A date is required, e.g. 2011-04-14 or 14 April 2011."), field="date")
    try:
        return parse_date(value)
    except ValueError as error:
        raise SummaryImportError(str(error), field="date") from error


def _clean_session(value, *, required):
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise SummaryImportError(
                gettext("The General Assembly session number is required, e.g. 65."), field="session"
            )
        return None
    try:
        session = int(str(value).strip())
    except ValueError as error:
        raise SummaryImportError(
            gettext("“%(value)s” is not a session number such as 65.") % {"value": value}, field="session"
        ) from error
    if not 1 <= session <= 32767:
        raise SummaryImportError(
            gettext("%(session)s is not a General Assembly session number.") % {"session": session}, field="session"
        )
    return session


def _clean_kind(kind):
    kind = kind or DEFAULT_KIND
    if kind not in Debate.Kind.values:
        raise SummaryImportError(
            # Translators: %(kinds)s lists the machine names of the kinds of debate (thematic-debate, …), as they are.
            gettext("“%(kind)s” is not a kind of debate; choose one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(Debate.Kind.values)},
            field="kind",
        )
    return Debate.Kind(kind)


def _clean_text(text):
    """The text, after checking it against the limits (see :data:`MAX_SUMMARY_BYTES`); nothing is parsed yet."""
    if not text or not text.strip():
        raise SummaryImportError(gettext("The summary text is empty."), field="text")
    size = len(text.encode("utf-8", errors="replace"))
    if size > MAX_SUMMARY_BYTES:
        raise SummaryImportError(
            gettext("The summary text is %(size).1f MB; a summary may be at most %(limit)s MB.")
            % {"size": size / (1024 * 1024), "limit": MAX_SUMMARY_BYTES // (1024 * 1024)},
            field="text",
        )
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if len(lines) > MAX_SUMMARY_LINES:
        raise SummaryImportError(
            gettext("The summary text has %(lines)s lines; a summary may have at most %(limit)s.")
            % {"lines": f"{len(lines):,}", "limit": f"{MAX_SUMMARY_LINES:,}"},
            field="text",
        )
    longest = max(range(len(lines)), key=lambda index: len(lines[index]))
    if len(lines[longest]) > MAX_LINE_CHARS:
        raise SummaryImportError(
            gettext(
                "Line %(line)s of the summary text has %(length)s characters; a line may have at most %(limit)s. "
                "Check that this is the summary's text, with its paragraphs on lines of their own."
            )
            % {"line": f"{longest + 1:,}", "length": f"{len(lines[longest]):,}", "limit": f"{MAX_LINE_CHARS:,}"},
            field="text",
        )
    return text


def _proposal(text):
    try:
        proposed = parse_summary(text)
    except ParagraphTooLong as error:
        raise SummaryImportError(
            gettext(
                "Paragraph %(number)s of the summary text has %(length)s characters; a paragraph may have at most "
                "%(limit)s. Check that the paragraphs are separated by blank lines."
            )
            % {"number": f"{error.number:,}", "length": f"{error.length:,}", "limit": f"{MAX_PARAGRAPH_CHARS:,}"},
            field="text",
        ) from error
    if not proposed.paragraphs:
        raise SummaryImportError(
            gettext(
                "No paragraphs were found in the text: it has no sections with text under them. "
                "Check that this is the summary and that its text was extracted."
            ),
            field="text",
        )
    if not proposed.headings_found:
        raise SummaryImportError(
            gettext(
                # Translators: “Introduction”, “Panel 1: …” and “Conclusion” are headings as summaries write them.
                "No sections were recognized: the text has no headings such as “Introduction”, “Panel 1: …” or "
                "“Conclusion” (or Markdown # headings). Add the summary's headings and try again."
            ),
            field="text",
        )
    return proposed


def summary_propose(text) -> ProposedDebate:
    """The debate ``text`` would give, read after checking it against the limits; nothing else is checked.

    Raises :class:`SummaryImportError` (at ``"text"``) for text over the limits, empty, or with no paragraphs
    or sections.  The import form calls it whatever its other fields hold, so that it reports every error at once.
    """
    return _proposal(_clean_text(text))


def statement_needs_review(statement) -> bool:
    """Whether a proposed statement is saved marked needs review: not fully read, or a label left empty."""
    return not (statement.classified and statement.actor_kinds and statement.extent and statement.stance)


@dataclass
class StatementCorrection:
    """An editor's choice of one proposed statement's labels, made in the preview before saving.

    Labels are slugs, as in :class:`~panels.importer.proposal.ProposedStatement`; an empty ``extent`` or
    ``stance`` stays empty (the statement is then saved needing review).  ``drop`` leaves the statement out.
    """

    actor_kinds: list[str]
    extent: str
    stance: str
    themes: list[str]
    topics: list[str]
    drop: bool = False


def summary_split(proposed, splits) -> None:
    """Make the editor's ``splits`` (pairs of paragraph number and offset in its text) in ``proposed``, in place.

    See :mod:`panels.importer.split`; a split that cannot be made raises :class:`SummaryImportError`.
    """
    try:
        apply_splits(proposed, splits)
    except SplitError as error:
        raise SummaryImportError(str(error), field="text") from error


def summary_correct(proposed, corrections) -> None:
    """Apply ``corrections``, keyed by (paragraph number, statement order), to ``proposed`` in place.

    A dropped statement is removed.  A corrected one takes the editor's labels and counts as read by a person:
    it is saved needing review only where a label is left empty.  An unknown label raises
    :class:`SummaryImportError` (the admin's form refuses it at its control first).
    """
    for paragraph in proposed.paragraphs:
        kept = []
        for statement in paragraph.statements:
            correction = corrections.get((paragraph.number, statement.order))
            if correction is None:
                kept.append(statement)
                continue
            if correction.drop:
                continue
            where = {"number": paragraph.number, "order": statement.order}
            unknown = [slug for slug in correction.actor_kinds if slug not in SLUG_ACTOR_KINDS]
            if unknown:
                raise SummaryImportError(
                    gettext("¶%(number)s, statement %(order)s: unknown actor kind “%(value)s”.")
                    % {**where, "value": unknown[0]},
                    field="text",
                )
            if (correction.extent or "") not in ("", *Extent.values):
                raise SummaryImportError(
                    gettext("¶%(number)s, statement %(order)s: unknown extent “%(value)s”.")
                    % {**where, "value": correction.extent},
                    field="text",
                )
            if (correction.stance or "") not in ("", *Stance.values):
                raise SummaryImportError(
                    gettext("¶%(number)s, statement %(order)s: unknown stance “%(value)s”.")
                    % {**where, "value": correction.stance},
                    field="text",
                )
            statement.actor_kinds = list(correction.actor_kinds)
            statement.extent = correction.extent or None
            statement.stance = correction.stance or None
            statement.themes = list(correction.themes)
            statement.topics = list(correction.topics)
            statement.classified = True
            statement.reason = ""
            kept.append(statement)
        paragraph.statements = kept


def summary_preview(*, text, title, date, session=None, kind=DEFAULT_KIND) -> ProposedDebate:
    """Check the inputs and return the debate the text would give, without saving anything.

    Raises :class:`SummaryImportError` for a missing title, a missing or
    malformed date, a bad session or kind, empty text, or text with no paragraphs.
    """
    _clean_title(title)
    _clean_date(date)
    _clean_session(session, required=False)
    _clean_kind(kind)
    return summary_propose(text)


def summary_check_symbol(symbol) -> str:
    """``symbol`` stripped, after checking that no document of the archive has it ("" when none is given)."""
    symbol = (symbol or "").strip()
    limit = Document._meta.get_field("symbol").max_length
    if len(symbol) > limit:
        raise SummaryImportError(
            gettext("The symbol is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(symbol), "limit": limit},
            field="symbol",
        )
    if symbol:
        existing = Document.objects.filter(symbol=symbol).first()
        if existing is not None:
            raise SummaryImportError(
                gettext(
                    "The document %(document)s is already in the archive with the symbol “%(symbol)s”: "
                    "is this summary imported already? Otherwise correct the symbol or leave it blank."
                )
                % {"document": existing, "symbol": symbol},
                field="symbol",
            )
    return symbol


def paragraph_fingerprint(text) -> bytes:
    """A short hash of a paragraph's words, the same whatever its case, spacing or Unicode form."""
    words = " ".join(unicodedata.normalize("NFKC", text).replace("\u00ad", "").casefold().split())
    return hashlib.blake2b(words.encode("utf-8"), digest_size=16).digest()


@dataclass
class DuplicateMatch:
    """A debate of the archive holding ``matched`` of the ``total`` paragraphs of a summary being imported."""

    debate: Debate
    matched: int
    total: int

    @property
    def share(self):
        """The share of the summary's paragraphs found in the debate, from 0 to 1."""
        return self.matched / self.total if self.total else 0


def summary_duplicates(proposed, *, share=DUPLICATE_SHARE) -> list[DuplicateMatch]:
    """The debates of the archive, whatever their status, that hold at least ``share`` of ``proposed``'s paragraphs.

    Paragraphs are compared by :func:`paragraph_fingerprint`.  The cost: one query reads the id of the debate
    and the text of every paragraph in the archive (streamed in chunks), and each is hashed in Python once —
    linear in the archive's paragraph text: some 5 µs of hashing for a paragraph of 600 characters, so
    milliseconds for the archive's hundreds of paragraphs and some 5 seconds (plus reading the text) for a
    million.  No model stores the fingerprints, so nothing has to be kept up to date.  Most-matched debates
    first.
    """
    # How often each paragraph occurs in the summary: a repeated paragraph found in a debate counts each time.
    wanted = Counter(paragraph_fingerprint(paragraph.text) for paragraph in proposed.paragraphs)
    total = sum(wanted.values())
    if not total:
        return []
    found = {}
    for debate_id, text in Paragraph.objects.values_list("debate_id", "text").iterator(chunk_size=2000):
        fingerprint = paragraph_fingerprint(text)
        if fingerprint in wanted:
            found.setdefault(debate_id, set()).add(fingerprint)
    matches = {debate_id: sum(wanted[fingerprint] for fingerprint in prints) for debate_id, prints in found.items()}
    debates = Debate.objects.in_bulk([debate_id for debate_id, count in matches.items() if count >= share * total])
    return sorted(
        (DuplicateMatch(debate=debate, matched=matches[pk], total=total) for pk, debate in debates.items()),
        key=lambda match: (-match.matched, match.debate.pk),
    )


def debate_slug_propose(*, title, date) -> str:
    """The slug an import uses when none is given: the title's slug, with the year if the title lacks it."""
    year = str(_clean_date(date).year)
    base = slugify(_clean_title(title)) or "debate"
    suffix = "" if year in base else f"-{year}"
    return base[: MAX_DEBATE_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix


def summary_check_slug(slug, *, title, date) -> str:
    """The debate's slug: ``slug``, or one made from the title and date when blank, checked and free.

    Raises :class:`SummaryImportError` at the slug when it is malformed, too long, or taken by a debate (or its
    summary document's slug by a document).
    """
    slug = (slug or "").strip() or debate_slug_propose(title=title, date=date)
    try:
        validate_slug(slug)
    except ValidationError as error:
        raise SummaryImportError(
            gettext("“%(slug)s” is not a valid slug: use letters, numbers, hyphens or underscores.") % {"slug": slug},
            field="slug",
        ) from error
    if len(slug) > MAX_DEBATE_SLUG_LENGTH:
        raise SummaryImportError(
            gettext("The slug is %(length)s characters long; the limit is %(limit)s.")
            % {"length": len(slug), "limit": MAX_DEBATE_SLUG_LENGTH},
            field="slug",
        )
    if Debate.objects.filter(slug=slug).exists():
        raise SummaryImportError(
            gettext("A debate with the slug “%(slug)s” already exists; choose another slug.") % {"slug": slug},
            field="slug",
        )
    document_slug = slug + DOCUMENT_SLUG_SUFFIX
    if Document.objects.filter(slug=document_slug).exists():
        raise SummaryImportError(
            gettext("A document with the slug “%(slug)s” already exists; choose another slug for the debate.")
            % {"slug": document_slug},
            field="slug",
        )
    return slug


def clean_and_save(instance, *, refuse, user=None, exclude=()):
    """``full_clean()`` then ``save()``, for the importers; ``user`` is the author of the first version.

    A ValidationError is raised again as ``refuse({field: [message, …]})``, the importer's own error.
    """
    try:
        instance.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise refuse(getattr(error, "message_dict", {"__all__": error.messages})) from error
    if user is not None:
        # django-simple-history records this user as the author of the first version.
        instance._history_user = user
    instance.save()
    return instance


def _clean_and_save(instance, *, context, user=None, exclude=()):
    """:func:`clean_and_save`; a ValidationError becomes a :class:`SummaryImportError` about the input."""

    def refuse(details):
        field, messages = next(iter(details.items()))
        return SummaryImportError(
            f"{context}: {field.replace('_', ' ')}: {' '.join(messages)}", field=_FIELD_NAMES.get(field, "text")
        )

    return clean_and_save(instance, refuse=refuse, user=user, exclude=exclude)


def summary_import(
    *,
    text,
    title,
    date,
    session,
    kind=DEFAULT_KIND,
    slug=None,
    source_title=None,
    symbol=None,
    splits=(),
    corrections=None,
    user=None,
) -> Debate:
    """Save the debate read from a summary's ``text`` as a draft, in one transaction, and return it.

    Creates the :class:`~debates.models.Debate` (status draft, one day long), a
    summary :class:`~debates.models.Document` (slug ``<debate slug>-summary``,
    title ``source_title`` or one made from the debate's, symbol ``symbol`` if given) linked to it, a
    :class:`~panels.models.Panel` for each panel or other segment, every
    paragraph, and an :class:`~panels.models.Intervention` for each proposed
    statement with at least one actor kind, its source the summary document.
    Statements the classifier could not read fully are saved too, marked
    ``needs_review``, with an empty extent or stance where those were unknown (never a guess: the
    debate is not published until a person chooses them);
    statements with no actor kind are left out (the preview lists them in its
    warnings).  Themes and topics whose slugs the database lacks are skipped.

    Each object is checked with ``full_clean()`` before it is saved; any
    problem raises :class:`SummaryImportError` and nothing is saved.  ``splits`` (pairs of paragraph number and
    offset in its text) and ``corrections`` (a dict of :class:`StatementCorrection` keyed by paragraph number and
    statement order, as numbered after the splits) are the editor's choices made in the preview, applied first
    (:func:`summary_split`, :func:`summary_correct`).  When
    ``user`` is given, an admin log entry records the import.
    """
    title = _clean_title(title)
    date = _clean_date(date)
    session = _clean_session(session, required=True)
    kind = _clean_kind(kind)
    text = _clean_text(text)
    proposed = _proposal(text)
    summary_split(proposed, splits or ())
    summary_correct(proposed, corrections or {})
    slug = summary_check_slug(slug, title=title, date=date)
    symbol = summary_check_symbol(symbol)
    source_title = (source_title or "").strip() or f"Summary of the {title}"

    user = user if getattr(user, "pk", None) is not None else None
    try:
        with transaction.atomic():
            debate = _clean_and_save(
                Debate(
                    title=title,
                    slug=slug,
                    kind=kind,
                    session=session,
                    start_date=date,
                    end_date=date,
                    status=Debate.Status.DRAFT,
                ),
                context=gettext("The debate"),
                user=user,
            )
            document = _clean_and_save(
                Document(
                    slug=slug + DOCUMENT_SLUG_SUFFIX,
                    symbol=symbol,
                    title=source_title[: Document._meta.get_field("title").max_length],
                    date=date,
                    kind=Document.Kind.SUMMARY,
                ),
                context=gettext("The summary document"),
                user=user,
            )
            _clean_and_save(
                DebateDocument(debate=debate, document=document, relation=DebateDocument.Relation.SUMMARY, order=1),
                context=gettext("The link to the summary document"),
                user=user,
            )
            _save_paragraphs(proposed, text=text, debate=debate, document=document, user=user)
            if user is not None:
                counts = proposed.counts()
                LogEntry.objects.log_actions(
                    user_id=user.pk,
                    queryset=[debate],
                    action_flag=ADDITION,
                    change_message=(
                        f"Imported as a draft from a summary: {counts['paragraphs']} paragraphs, "
                        f"{counts['statements'] - counts['unsavable']} statements."
                    ),
                    single_object=True,
                )
    except IntegrityError as error:
        raise SummaryImportError(
            gettext("The debate could not be saved: %(error)s") % {"error": error}, field="slug"
        ) from error
    return debate


def _save_paragraphs(proposed, *, text, debate, document, user):
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for section in proposed.sections:
        panel = None
        if section.paragraph_section == SectionKind.PANEL:
            panel = _clean_and_save(
                Panel(
                    debate=debate,
                    order=section.panel_order,
                    title=section.title[: Panel._meta.get_field("title").max_length],
                    # A heading read from the summary is the document's own; one the importer made up is not.
                    title_origin=TitleOrigin.OFFICIAL if section.title in text else TitleOrigin.ARCHIVE,
                    kind=section.panel_kind or Panel.Kind.PANEL,
                ),
                context=gettext("The segment “%(title)s”") % {"title": section.title},
                user=user,
            )
        for proposed_paragraph in section.paragraphs:
            paragraph = _clean_and_save(
                Paragraph(
                    debate=debate,
                    number=proposed_paragraph.number,
                    section=section.paragraph_section,
                    panel=panel,
                    text=proposed_paragraph.text,
                    # The summary's paragraphs are the UN's own words, imported as they stand.
                    text_origin=TextOrigin.OFFICIAL,
                ),
                context=gettext("¶%(number)s") % {"number": proposed_paragraph.number},
                user=user,
                exclude=["text_html"],
            )
            paragraph.sources.set([document])
            order = 0
            for statement in proposed_paragraph.statements:
                if not statement.savable:
                    continue
                order += 1
                intervention = _clean_and_save(
                    Intervention(
                        debate=debate,
                        paragraph=paragraph,
                        order=order,
                        text=statement.text,
                        actor_kinds=sum(ActorKind.from_slug(slug) for slug in statement.actor_kinds),
                        # A label the importer's rules did not determine is stored empty, "not read yet".
                        extent=statement.extent or "",
                        stance=statement.stance or "",
                        source=document,
                        # No freedom proposed: the statement stays filed under the freedoms with none ticked,
                        # which blocks publishing until someone codes it (no guess is stored).
                        scope=Scope.FREEDOMS,
                        needs_review=statement_needs_review(statement),
                    ),
                    context=gettext("¶%(number)s, statement %(order)s")
                    % {"number": proposed_paragraph.number, "order": order},
                    user=user,
                    exclude=["text_html"],
                )
                intervention.themes.set([themes[slug] for slug in statement.themes if slug in themes])
                intervention.topics.set([topics[slug] for slug in statement.topics if slug in topics])
