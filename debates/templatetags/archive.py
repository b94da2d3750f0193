"""Template helpers for the public pages: absolute permalinks, explorer links and dictionary look-ups."""

from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """``path`` as an absolute URL on the host the page was asked for (for citations and exports)."""
    request = getattr(context, "request", None)
    return request.build_absolute_uri(path) if request else path


@register.simple_tag
def explorer_url(**params):
    """The explorer filtered by ``params``, e.g. ``{% explorer_url theme=theme.slug %}``.

    A debate page links every label of every statement to the explorer, hundreds of links from a few
    dozen distinct values: each distinct link is built once per URL configuration and script prefix.
    """
    items = tuple(
        (name, tuple(value) if isinstance(value, list | tuple) else str(value))
        for name, value in params.items()
        if value not in (None, "")
    )
    return _explorer_url(get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), items)


@lru_cache(maxsize=4096)
def _explorer_url(urlconf, script_prefix, items):
    """``script_prefix`` only keys the memory: ``reverse()`` reads it itself."""
    path = reverse("debates:intervention-list", urlconf=urlconf)
    query = urlencode(items, doseq=True)
    return f"{path}?{query}" if query else path


@register.filter
def get_item(mapping, key):
    """``mapping[key]``, or None (also when there is no mapping): ``{{ counts|get_item:debate.pk }}``."""
    return mapping.get(key) if mapping else None


def date_span(start, end):
    """'14 April 2011', '20–21 May 2010', '30 April – 2 May 2010', '30 December 2010 – 2 January 2011'."""
    if start == end:
        return f"{start.day} {start:%B %Y}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{end.day} {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    return f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"


@register.simple_tag(takes_context=True)
def debate_citation(context, debate, summary_document=None):
    """A ready citation of the whole debate: title, General Assembly, date, summary symbol, permalink."""
    parts = [f"{debate.title}, United Nations General Assembly, {date_span(debate.start_date, debate.end_date)}."]
    if summary_document and summary_document.symbol:
        parts.append(f"{summary_document.symbol}.")
    parts.append(absolute_url(context, debate.get_absolute_url()))
    return " ".join(parts)


@register.simple_tag(takes_context=True)
def citation(context, debate, paragraph, intervention=None, summary_document=None):
    """A ready citation of a paragraph (or of one statement in it), ending with its absolute permalink.

    Debate title, General Assembly, date; segment and paragraph (and statement); the document symbol,
    where the statement's source or the debate's summary has one; the permalink.
    """
    parts = [f"{debate.title}, United Nations General Assembly, {date_span(debate.start_date, debate.end_date)}."]
    panel = paragraph.panel
    if panel is not None:
        place = f"{panel.label}: “{panel.title}”" if panel.kind == panel.Kind.PANEL else f"{panel.label}"
    else:
        place = paragraph.get_section_display()
    place += f", paragraph {paragraph.number}"
    anchor = paragraph.anchor
    if intervention:
        place += f", statement {intervention.order}"
        anchor = f"{paragraph.anchor}-s{intervention.order}"
    parts.append(f"{place}.")
    documents = [intervention.source if intervention else None, summary_document]
    symbol = next((document.symbol for document in documents if document and document.symbol), "")
    if symbol:
        parts.append(f"{symbol}.")
    parts.append(absolute_url(context, f"{debate.get_absolute_url()}#{anchor}"))
    return " ".join(parts)
