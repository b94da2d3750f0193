"""A :class:`feeds.entries.Feed` written as Atom 1.0 (RFC 4287) or JSON Feed 1.1 (https://jsonfeed.org/version/1.1).

Atom is Django's own writer (:class:`django.utils.feedgenerator.Atom1Feed`),
given each entry's content and labelled categories; JSON Feed, which Django
does not write, is a dictionary. Both carry whose words each text is: Atom in
a ``category`` of the ``#rule-origin`` scheme and the entry's author, JSON
Feed in the ``_archive`` extension object (with ``about``, as the spec asks).
"""

import json

from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import get_language

from .entries import ARCHIVE_NAME

ATOM_TYPE = "application/atom+xml; charset=utf-8"
JSON_FEED_TYPE = "application/feed+json; charset=utf-8"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


class ArchiveAtomFeed(feedgenerator.Atom1Feed):
    """Atom with each entry's ``content`` as HTML and its categories with their scheme and label, dated by its
    newest entry or, empty, by the last change of a published debate (Django's writer would give the time of
    the request)."""

    def __init__(self, *args, updated, **kwargs):
        super().__init__(*args, **kwargs)
        self.updated = updated

    def latest_post_date(self):
        return self.updated

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for category in item["labelled_categories"]:
            handler.addQuickElement(
                "category", "", {"term": category.term, "scheme": category.scheme, "label": category.label}
            )
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


def atom(feed, feed_url):
    """The feed as Atom 1.0 text."""
    writer = ArchiveAtomFeed(
        title=feed.title,
        link=feed.page_url,
        description=feed.description,
        feed_url=feed_url,
        feed_guid=feed_url,
        author_name=ARCHIVE_NAME,
        updated=feed.updated,
        language=get_language() or "en",  # xml:lang: the language of its titles and labels
    )
    for entry in feed.entries:
        writer.add_item(
            title=entry.title,
            link=entry.url,
            description=None,  # no summary: the content is the whole text
            unique_id=entry.id,
            unique_id_is_permalink=True,
            pubdate=entry.published,
            updateddate=entry.updated,
            author_name=entry.author,
            labelled_categories=entry.categories,
            content_html=entry.content_html,
        )
    return writer.writeString("utf-8")


def json_feed(feed, feed_url, base_url):
    """The feed as JSON Feed 1.1 text."""
    about = f"{base_url}{reverse('codebook:codebook')}#rule-origin"
    document = {
        "version": JSON_FEED_VERSION,
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed_url,
        "description": feed.description,
        "authors": [{"name": ARCHIVE_NAME, "url": f"{base_url}/"}],
        "language": get_language() or "en",  # the language of its titles and labels (BCP 47 tags ignore case)
        "items": [
            {
                "id": entry.id,
                "url": entry.url,
                "title": entry.title,
                "content_html": entry.content_html,
                "content_text": entry.content_text,
                "date_published": entry.published.isoformat(),
                "date_modified": entry.updated.isoformat(),
                "authors": [{"name": entry.author}],
                "tags": [category.label for category in entry.categories],
                "_archive": {"about": about, **entry.extension},
            }
            for entry in feed.entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=1)
