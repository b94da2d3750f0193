"""Markdown rendering with an allow-list sanitizer.

Every Markdown field in the archive is rendered once, when it is saved, and
the sanitized HTML is stored beside its source.  Pages only ever print the
stored HTML, so rendering and sanitizing happen on the write path, never per
request.

Markdown lets authors write raw HTML, so the rendered output is passed through
nh3 (the Rust ``ammonia`` sanitizer) with a short allow-list of tags,
attributes and URL schemes.  Anything else, including ``<script>``,
``<iframe>``, ``<style>``, event-handler attributes and ``javascript:`` or
``data:`` URLs, is removed.
"""

from urllib.parse import urlsplit

import markdown
import nh3

ALLOWED_TAGS = frozenset(
    {
        "a",
        "abbr",
        "blockquote",
        "br",
        "code",
        "em",
        "h2",
        "h3",
        "h4",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "strong",
        "sub",
        "sup",
        "ul",
    }
)
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "mailto"})
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]


def sanitize_html(html: str) -> str:
    """Return ``html`` with everything outside the allow-list removed."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_URL_SCHEMES),
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def render_markdown(source: str) -> str:
    """Render Markdown ``source`` to sanitized HTML (an empty string for blank input)."""
    if not source or not source.strip():
        return ""
    html = markdown.markdown(source, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return sanitize_html(html)


def safe_link(url: str) -> str:
    """``url`` if its scheme is one of :data:`ALLOWED_URL_SCHEMES`, else an empty string."""
    url = (url or "").strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return ""
    return url if scheme in ALLOWED_URL_SCHEMES else ""
