"""The public page of a published debate, rendered once for each state of the archive and kept in a cache.

Rendering a long debate (every paragraph and statement with its labels, explorer
links and citations) costs a hundred times what serving the same bytes does, so
the page is rendered once and kept in Django's cache framework, under the alias
:data:`RENDERINGS` (``settings.CACHES``: Redis shared by every app server when
``DJANGO_CACHE_URL`` is set, else each process's own bounded memory), and served
as kept for as long as its key holds.  The key names everything the page
depends on:

- the archive's change stamp (:mod:`caching.stamp`), which database triggers move
  on every write to any table of the archive, so no edit path (the admin, a
  service, a bulk ``update()``, a renamed theme, raw SQL) can leave it stale:
  after a write the old keys are simply never asked for again, and age out;
- the release (:mod:`caching.release`), since a deploy may change the templates,
  and how static files are named;
- the scheme, host and script prefix the page is asked for, since citations hold
  absolute permalinks and links start with the prefix;
- the debate's slug.

The stamp is read before anything the page is rendered from, so a kept page is
never older than the state its key names.  Nothing in a kept page comes from
the request but its address: the reading text is rendered with the request (for
the permalinks), the rest of the page without it, so no user's data can be
kept.  Only the public page of a published debate is ever kept: drafts have no
public page, and :func:`debate_page_render` refuses them.
"""

import hashlib
import re
from dataclasses import dataclass
from html import unescape

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from caching.release import release
from debates.models import DebateDocument, TextOrigin
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
    shown_text,
)

# The cache alias that keeps rendered debate pages (config/settings.py).
RENDERINGS = "renderings"

PAGE_TEMPLATE = "debates/debate_detail.html"
READING_TEMPLATE = "includes/_debate_reading.html"


def rendering_key(request, stamp):
    """The key of the debate page rendered for ``request`` under ``stamp``: equal keys, equal pages."""
    parts = [
        release(),
        stamp.token,
        settings.STORAGES["staticfiles"]["BACKEND"],
        settings.STATIC_URL,
        request.scheme,
        request.get_host(),
        get_script_prefix(),
        get_language(),  # the page's words and its links (/fr/…) are the language's
    ]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def reading_context(debate):
    """What the reading text of ``debate`` shows, in a fixed number of queries.

    Each paragraph and statement is shown in the active language where it has a text in it (a translation), else
    in its original, the debate's language: ``shown`` (:class:`panels.models.ShownText`) says which.  A statement
    is placed in its paragraph's text in the language that text is shown in.
    """
    language = get_language()
    # An empty prefetch costs no query: a reader of the original language reads no translations.
    in_language = ParagraphTranslation.objects.filter(language=language)
    statements_in_language = InterventionTranslation.objects.filter(language=language)
    if language == debate.language:
        in_language, statements_in_language = in_language.none(), statements_in_language.none()
    interventions = Intervention.objects.select_related("participant", "source").prefetch_related(
        "themes", "topics", "named_participants", Prefetch("translations", queryset=statements_in_language)
    )
    paragraphs = list(
        Paragraph.objects.filter(debate=debate)
        .prefetch_related(
            "sources",
            Prefetch("interventions", queryset=interventions.order_by("order")),
            Prefetch("translations", queryset=in_language),
        )
        .order_by("number")
    )
    participations = list(
        Participation.objects.filter(debate=debate).select_related("participant", "source").order_by("order", "pk")
    )
    panels = list(Panel.objects.filter(debate=debate).order_by("order"))
    panels_by_id = {panel.pk: panel for panel in panels}
    for paragraph in paragraphs:
        # Attach the segment already loaded rather than query it again for each paragraph.
        paragraph.panel = panels_by_id.get(paragraph.panel_id)
        paragraph.statement_list = list(paragraph.interventions.all())
        paragraph.shown = shown_text(paragraph, debate.language, language)
        for statement in paragraph.statement_list:
            statement.paragraph = paragraph
            # In the language its paragraph is shown in, so that its words are found there.
            statement.shown = shown_text(statement, debate.language, paragraph.shown.language)
        paragraph.pieces, paragraph.statements_apart = place_statements(
            paragraph.shown.html, paragraph.statement_list, texts=[s.shown for s in paragraph.statement_list]
        )
        paragraph.statements_in_text = [s for s in paragraph.statement_list if s not in paragraph.statements_apart]
        paragraph.source_list = list(paragraph.sources.all())
    for panel in panels:
        panel.paragraph_list = [p for p in paragraphs if p.panel_id == panel.pk]
        panel.participation_list = [p for p in participations if p.panel_id == panel.pk]
    document_links = list(
        DebateDocument.objects.filter(debate=debate).select_related("document").order_by("order", "pk")
    )
    summary = next((link.document for link in document_links if link.relation == DebateDocument.Relation.SUMMARY), None)
    text_origin = common_text_origin(paragraphs)
    shown = [paragraph.shown for paragraph in paragraphs]
    translated = sum(1 for text in shown if text.is_translation)
    for paragraph in paragraphs:
        # On a page where some paragraphs are translated, each of the others says it is the original.
        paragraph.note_original = bool(translated) and paragraph.shown.is_fallback
    for paragraph in paragraphs:
        paragraph.source_refs = source_references(paragraph.source_list, named_above=text_origin is not None)
    return {
        "debate": debate,
        "title": debate_title(debate, language),
        "introduction": [p for p in paragraphs if p.section == Paragraph.Section.INTRODUCTION],
        "conclusion": [p for p in paragraphs if p.section == Paragraph.Section.CONCLUSION],
        "panels": panels,
        "participations": [p for p in participations if p.panel_id is None],
        "document_links": document_links,
        "summary_document": summary,
        "statement_count": sum(len(p.statement_list) for p in paragraphs),
        "text_origin": text_origin,
        "first_anchor": next((p.anchor for p in paragraphs), ""),
        "languages": ReadingLanguages(
            original=debate.language,
            wanted=language,
            translated=translated,
            total=len(shown),
        ),
    }


def debate_title(debate, language):
    """The title of ``debate`` to show a reader in ``language`` (:class:`panels.models.ShownText`)."""
    translations = () if language == debate.language else debate.translations.filter(language=language)
    return shown_text(debate, debate.language, language, translations, text_field="title")


@dataclass(frozen=True)
class ReadingLanguages:
    """In which languages a debate's paragraphs are shown to a reader of ``wanted``: the page's note says so."""

    original: str
    wanted: str
    translated: int  # paragraphs shown in a translation into ``wanted``
    total: int

    @property
    def is_original(self):
        return self.original == self.wanted

    @property
    def all_translated(self):
        return self.total > 0 and self.translated == self.total


@dataclass(frozen=True)
class CommonOrigin:
    """Whose words every paragraph of a debate is (``origin``: a :class:`TextOrigin`), and from which documents."""

    origin: str
    sources: list

    @property
    def is_official(self):
        return self.origin == TextOrigin.OFFICIAL


def source_references(documents, *, named_above):
    """How a paragraph's marker names each of its sources: ``[(name, url), …]``.

    A document is named by its symbol; one without a symbol by its title, unless the head of the page
    already names every paragraph's sources (``named_above``), where the marker would only repeat it.
    """
    return [(d.symbol or d.title, d.link) for d in documents if d.symbol or not named_above]


def common_text_origin(paragraphs):
    """The one origin and the one list of sources all of ``paragraphs`` share, or None if they differ.

    None too when a paragraph is shown in a translation: then each paragraph's marker says whose words it is.
    """
    if any(p.shown.is_translation for p in paragraphs):
        return None
    origins = {(p.text_origin, tuple(source.pk for source in p.source_list)) for p in paragraphs}
    if len(origins) != 1:
        return None
    return CommonOrigin(paragraphs[0].text_origin, paragraphs[0].source_list)


def debate_page_cache_key(slug, key):
    """Where the page of the debate ``slug`` rendered under ``key`` (:func:`rendering_key`) is kept."""
    return "debate-page." + hashlib.blake2b(f"{key}\n{slug}".encode(), digest_size=16).hexdigest()


def stored_debate_page(slug, key):
    """The kept page (encoded, as served) of the published debate ``slug`` if rendered under ``key``, else None.

    One cache get and no query: a page is kept only for a debate read as published after the stamp in ``key`` was
    read, and any change of its status moves the stamp, so no request reading the stamp after that change asks for
    this key.
    """
    return caches[RENDERINGS].get(debate_page_cache_key(slug, key))


def debate_page_html(request, debate, *, template=PAGE_TEMPLATE):
    """Render the page of ``debate`` afresh (nothing kept): the reading text with the request, the rest without.

    ``template`` is the page around the reading text: another one (a staff preview's) extends :data:`PAGE_TEMPLATE`.
    """
    context = reading_context(debate)
    reading_text = render_to_string(READING_TEMPLATE, context, request)
    return render_to_string(
        template,
        {
            "debate": debate,
            "title": context["title"],
            "statement_count": context["statement_count"],
            "reading_text": reading_text,
            # For the language switcher and hreflang (languages.templatetags): the page's address, without the
            # query, which the kept page is shared across.
            "page_path": request.path,
            "page_origin": f"{request.scheme}://{request.get_host()}",
        },
    )


def debate_page_render(request, debate, key):
    """Render the page of the published ``debate`` and keep it under ``key`` (:func:`rendering_key`).

    Returns the page encoded, as served.  It is kept encoded because reading a long text with a few non-ASCII
    characters back from the cache costs more than ten times reading its bytes.  ``debate`` must have been read
    after the stamp in ``key``.  Nothing is written to the database: the stamp does not move, and the reader is
    not pinned to the primary (config.routers).
    """
    if not debate.is_published:
        raise ValueError(f"Only a published debate's page is kept; {debate.slug} is {debate.status}.")
    page = debate_page_html(request, debate).encode(settings.DEFAULT_CHARSET)
    caches[RENDERINGS].set(debate_page_cache_key(debate.slug, key), page)
    return page


# Marking each statement where it stands in its paragraph.  A statement is quoted word for word from its
# paragraph's Markdown, so its visible words occur in the paragraph's rendered (sanitized) HTML: they are
# found there, whitespace aside, and the HTML is cut around them.  A cut must leave well-formed HTML that a
# <span> may wrap, so it may only widen over inline elements that hold nothing else; a statement that cannot
# be wrapped so (across two list items, say), or that another statement already covers, is listed below
# its paragraph instead.

_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);")
# The inline elements the Markdown sanitizer allows (debates.markdown): a statement's span may widen over them.
_INLINE_TAGS = frozenset({"a", "abbr", "code", "em", "strong", "sub", "sup"})
_VOID_TAGS = frozenset({"br", "hr"})


@dataclass(frozen=True)
class _Tag:
    start: int
    end: int
    name: str
    closing: bool


@dataclass
class StatementPiece:
    """A run of a paragraph's HTML: a statement's words when ``statement`` is set, plain text otherwise."""

    html: str
    statement: object = None


@dataclass(frozen=True)
class StatementText:
    """A statement's text as :func:`place_statements` looks for it: rendered and as written."""

    html: str
    text: str


def _visible_text(html):
    """The characters a reader sees in ``html``, each with the offsets of its source, and the tags."""
    chars, tags, position = [], [], 0

    def add_text(start, end):
        cursor = start
        for entity in _ENTITY.finditer(html, start, end):
            chars.extend((char, i, i + 1) for i, char in enumerate(html[cursor : entity.start()], cursor))
            chars.extend((char, entity.start(), entity.end()) for char in unescape(entity.group()))
            cursor = entity.end()
        chars.extend((char, i, i + 1) for i, char in enumerate(html[cursor:end], cursor))

    for match in _TAG.finditer(html):
        add_text(position, match.start())
        tag = _Tag(match.start(), match.end(), match.group(2).lower(), bool(match.group(1)))
        tags.append(tag)
        if tag.name not in _INLINE_TAGS:
            chars.append((" ", tag.start, tag.start))  # a line break or a block boundary reads as a space
        position = match.end()
    add_text(position, len(html))
    return chars, tags


def _normalized(chars):
    """``chars``' text with each run of whitespace as one space, and the index in ``chars`` of each character."""
    text, index = [], []
    for i, (char, _, _) in enumerate(chars):
        if char.isspace():
            if text and text[-1] == " ":
                continue
            char = " "
        text.append(char)
        index.append(i)
    return "".join(text), index


def _plain_words(html):
    """The visible words of ``html`` with runs of whitespace as one space."""
    text, _ = _normalized(_visible_text(html)[0])
    return text.strip()


def _pairs(tags):
    """``{index of an opening tag: index of its closing tag}`` in a well-formed list of tags."""
    pairs, stack = {}, []
    for i, tag in enumerate(tags):
        if tag.name in _VOID_TAGS:
            continue
        if not tag.closing:
            stack.append(i)
        elif stack and tags[stack[-1]].name == tag.name:
            pairs[stack.pop()] = i
    return pairs


def _wrappable(html, tags, pairs, start, end):
    """``(start, end)`` widened so that a <span> may wrap ``html[start:end]``, or None if it cannot be."""
    closing_of = {tags[i]: tags[j] for i, j in pairs.items()}

    def holds_text(a, b):
        return bool(_plain_words(html[a:b]))

    while True:
        # An element open around ``start`` and closed inside, or opened inside and closed after ``end``.
        crossing_in = [o for o, c in closing_of.items() if o.end <= start and start <= c.start < end]
        crossing_out = [o for o, c in closing_of.items() if start <= o.start < end and c.end > end]
        if not crossing_in and not crossing_out:
            break
        if crossing_in:
            outer = min(crossing_in, key=lambda tag: tag.start)
            if outer.name not in _INLINE_TAGS or holds_text(outer.end, start):
                return None
            start = outer.start
        if crossing_out:
            outer = min(crossing_out, key=lambda tag: tag.start)
            close = closing_of[outer]
            if outer.name not in _INLINE_TAGS or holds_text(end, close.start):
                return None
            end = close.end
    # The statement's labels hold links, and a link may not hold another.
    if any(o.name == "a" and o.end <= start and c.start >= end for o, c in closing_of.items()):
        return None
    return start, end


def place_statements(html, statements, texts=None):
    """Cut a paragraph's ``html`` into :class:`StatementPiece` runs around the words of each of ``statements``.

    ``texts`` are the statements' texts to look for, each with ``html`` and ``text`` (default: the statements'
    own, ``text_html`` and ``text``).  Returns ``(pieces, apart)``: the runs in reading order, and the statements
    whose words could not be marked in the text (to be listed below it).
    """
    chars, tags = _visible_text(html)
    text, index = _normalized(chars)
    pairs = _pairs(tags)
    placed, apart, cursor = [], [], 0
    if texts is None:
        texts = [StatementText(statement.text_html, statement.text) for statement in statements]
    for statement, words_of in zip(statements, texts, strict=True):
        words = _plain_words(words_of.html) or " ".join(words_of.text.split())
        span = None
        found = text.find(words, cursor) if words else -1
        if found < 0 and words:
            found = text.find(words)
        while found >= 0 and span is None:
            first, last = chars[index[found]], chars[index[found + len(words) - 1]]
            span = _wrappable(html, tags, pairs, first[1], last[2])
            if span and any(span[0] < e and s < span[1] for s, e, _ in placed):
                span = None
            if span is None:
                found = text.find(words, found + 1)
        if span is None:
            apart.append(statement)
            continue
        placed.append((*span, statement))
        cursor = found + len(words)
    pieces, position = [], 0
    for start, end, statement in sorted(placed, key=lambda item: item[0]):
        if start > position:
            pieces.append(StatementPiece(html[position:start]))
        pieces.append(StatementPiece(html[start:end], statement))
        position = end
    if position < len(html) or not pieces:
        pieces.append(StatementPiece(html[position:]))
    return pieces, apart
