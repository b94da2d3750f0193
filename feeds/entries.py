"""What a feed holds, whatever its format: a :class:`Feed` of :class:`Entry`, built from published debates only.

A statement's entry says whose words it is, in its title, its content and a
category (``text-origin``); a debate's entry says which of its title and
account are the UN's own and which the archive's. Entries are dated by
publication: a statement by the first publication of its debate.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, escape, format_html, strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, gettext

from debates.models import Debate, TextOrigin, TitleOrigin
from panels.models import Intervention
from public import terms

# How many entries a feed holds: the newest.
FEED_SIZE = 50
# The archive's name, as an author and in the feeds' titles: a name, not translated.
ARCHIVE_NAME = "Human Security Debates Archive"
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # an archive never changed yet
# Who wrote a text, by its origin: the UN's summary, or the archive's own account of it.
AUTHORS = {TextOrigin.OFFICIAL: "United Nations", TextOrigin.ARCHIVE: ARCHIVE_NAME}


@dataclass(frozen=True)
class Category:
    """A term an entry is filed under; ``scheme`` is the address of the vocabulary it belongs to."""

    term: str
    label: str
    scheme: str


@dataclass
class Entry:
    id: str  # the permanent address, absolute
    url: str
    title: str
    content_html: str
    published: datetime
    updated: datetime
    author: str
    text_origin: str  # TextOrigin value
    categories: list = field(default_factory=list)
    extension: dict = field(default_factory=dict)  # the JSON Feed's _archive object

    @property
    def content_text(self):
        return strip_tags(self.content_html).strip()


@dataclass
class Feed:
    title: str
    description: str
    page_url: str  # the page the feed follows, absolute
    entries: list
    updated: datetime  # see newest()


def origin_category(origin, base_url):
    """The category of whose words a text is: its term the machine value, its label in the feed's language."""
    return Category(origin, str(TextOrigin(origin).label), f"{base_url}{reverse('codebook:codebook')}#rule-origin")


def html_text(message, **values):
    """``message`` (a translated text with ``%(name)s`` placeholders) as HTML: escaped, with ``values`` escaped
    (unless already safe) put in."""
    return mark_safe(escape(message) % {name: conditional_escape(value) for name, value in values.items()})  # noqa: S308


def debate_entries(base_url):
    """The :data:`FEED_SIZE` debates published last, newest publication first."""
    debates = Debate.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]
    entries = []
    for debate in debates:
        url = f"{base_url}{debate.get_absolute_url()}"
        title_origin = TitleOrigin(debate.title_origin)
        content = render_to_string("feeds/debate_entry.html", {"debate": debate, "title_origin": title_origin})
        entries.append(
            Entry(
                id=url,
                url=url,
                title=f"{debate.title} ({debate.start_date:%Y})",
                content_html=content,
                published=debate.published_at or debate.updated_at,
                updated=max(debate.updated_at, debate.published_at or debate.updated_at),
                author=ARCHIVE_NAME,
                text_origin=TextOrigin.ARCHIVE,
                categories=[
                    Category(debate.kind, str(debate.get_kind_display()), f"{base_url}{reverse('public:debate-list')}"),
                    Category(
                        f"title-{title_origin.value}",
                        str(title_origin.label),
                        f"{base_url}{reverse('codebook:codebook')}",
                    ),
                ],
                extension={
                    "debate": debate.slug,
                    "title_origin": title_origin.value,
                    "title_origin_label": str(title_origin.label),
                    "abstract_origin": TextOrigin.ARCHIVE.value,
                    "abstract_origin_label": str(TextOrigin.ARCHIVE.label),
                    "start_date": debate.start_date.isoformat(),
                },
            )
        )
    return entries


def newest_statement_ids(index, selected):
    """The ids of at most :data:`FEED_SIZE` statements of ``selected`` (a bit set of ``index``): those of the
    debates published last first, each debate's in reading order.

    Debates come from the database in order of publication, and only those the selection has statements in
    (``counts_per_debate``, remembered by the index) are read from the index, until the feed is full.
    """
    limit = FEED_SIZE
    counts = index.counts_per_debate(selected)
    if not counts:
        return []
    ids = []
    order = Debate.objects.published().order_by("-published_at", "-pk").values_list("pk", flat=True)
    for pk in order.iterator(chunk_size=2000):
        if pk not in counts:
            continue
        ids.extend(index.page(selected & index.debate(pk), 0, limit - len(ids)))
        if len(ids) >= limit:
            break
    return ids


def statement_entries(index, ids, base_url):
    """The entries of the statements ``ids``, in that order (published debates' only).

    Each entry is built once per state of the archive and kept with the facet index's rendered statements
    (``index.html``): a feed asked for again, or another feed listing the same statement, builds nothing.
    """
    keys = {pk: ("feed-entry", pk, base_url, get_language()) for pk in ids}
    found = {pk: index.html.get(key) for pk, key in keys.items()}
    missing = [pk for pk, entry in found.items() if entry is None]
    if missing:
        codebook = f"{base_url}{reverse('codebook:codebook')}"
        origins = {origin: origin_category(origin.value, base_url) for origin in TextOrigin}
        for statement in Intervention.objects.published().for_listing().filter(pk__in=missing):
            entry = _statement_entry(statement, base_url, codebook, origins)
            found[statement.pk] = index.html.put(keys[statement.pk], entry)
    return [found[pk] for pk in ids if found[pk] is not None]


def _statement_entry(statement, base_url, codebook, origins):
    debate, paragraph = statement.debate, statement.paragraph
    themes, topics = list(statement.themes.all()), list(statement.topics.all())
    # The terms' names in the feed's language (a feed is made for one language and kept for it).
    names = {(record._meta.model_name, record.slug): terms.record_term(record).label for record in [*themes, *topics]}
    origin = TextOrigin(statement.text_origin)
    origin_label = str(origin.label)
    url = f"{base_url}{statement.permalink}"
    # Translators: where a statement is, in a feed: "Debate title (2010), paragraph 14, statement 2".
    where = gettext("%(debate)s (%(year)s), paragraph %(paragraph)s, statement %(statement)s") % {
        "debate": debate.title,
        "year": f"{debate.start_date:%Y}",
        "paragraph": paragraph.number,
        "statement": statement.order,
    }
    labels = []
    if themes:
        # Translators: in a feed entry, the themes a statement is filed under; %(themes)s names them.
        about = ", ".join(names["theme", theme.slug] for theme in themes)
        labels.append(html_text(gettext("About: %(themes)s. "), themes=about))
    if topics:
        filed = ", ".join(names["topic", topic.slug] for topic in topics)
        labels.append(html_text(gettext("Topics: %(topics)s. "), topics=filed))
    if statement.participant:
        labels.append(html_text(gettext("Speaker: %(name)s."), name=statement.participant.name))
    # Translators: in a feed entry, above a statement: "Official UN text, from Debate title (2010), paragraph 14,
    # statement 2:"; %(origin)s is whose words it is.
    source = gettext("%(origin)s, from %(where)s:")
    content = format_html(
        "<p>{}</p>\n<blockquote>{}</blockquote>\n<p>{}</p>\n<p>{}</p>\n",
        html_text(source, origin=format_html("<strong>{}</strong>", origin_label), where=where),
        mark_safe(statement.text_html),  # noqa: S308 (sanitised when saved: debates.markdown)
        mark_safe("".join(labels)),  # noqa: S308 (each part escaped by html_text)
        format_html('<a href="{}">{}</a>', url, gettext("Read it in its debate")),
    )
    published = debate.published_at or debate.updated_at
    return Entry(
        id=url,
        url=url,
        # Translators: a feed entry's title: whose words ("Official UN text"), the statement's start, and where it is.
        title=gettext("%(origin)s: “%(text)s” (%(where)s)")
        % {"origin": origin_label, "text": Truncator(statement.text).chars(90), "where": where},
        content_html=content,
        published=published,
        updated=max(debate.updated_at, published),
        author=AUTHORS[origin],
        text_origin=origin.value,
        categories=[
            origins[origin],
            *(Category(theme.slug, names["theme", theme.slug], f"{codebook}#theme") for theme in themes),
            *(Category(topic.slug, names["topic", topic.slug], f"{codebook}#topic") for topic in topics),
        ],
        extension={
            "text_origin": origin.value,
            "text_origin_label": origin_label,
            "debate": debate.slug,
            "paragraph": paragraph.number,
            "statement": statement.order,
            "themes": [theme.slug for theme in themes],
            "topics": [topic.slug for topic in topics],
            "participant": statement.participant.slug if statement.participant else None,
        },
    )


def newest(entries):
    """When a feed last changed: its newest entry's date; for an empty one, the last change of a published
    debate (a date of the content, so that a restored backup serves the same feed)."""
    found = max((entry.updated for entry in entries), default=None)
    if found is None:
        found = Debate.objects.published().aggregate(last=Max("updated_at"))["last"]
    return found or EPOCH
