"""The public page of a published debate, rendered once for each state of the archive and stored.

Rendering a long debate (every paragraph and statement with its labels, explorer
links and citations) costs a hundred times what serving the same bytes does, so
the page is rendered once, stored in :class:`~debates.models.DebateRendering`,
and served as stored for as long as its key holds.  The key names everything
the page depends on:

- the archive's change stamp (:mod:`caching.stamp`), which database triggers move
  on every write to any table of the archive, so no edit path (the admin, a
  service, a bulk ``update()``, a renamed theme, raw SQL) can leave it stale;
- the release (:mod:`caching.release`), since a deploy may change the templates,
  and how static files are named;
- the scheme, host and script prefix the page is asked for, since citations hold
  absolute permalinks and links start with the prefix.

The stamp is read before anything the page is rendered from, so a stored page is
never older than the state its key names.  Nothing in a stored page comes from
the request but its address: the reading text is rendered with the request (for
the permalinks), the rest of the page without it, so no user's data can be
stored.  Only the public page of a published debate is ever stored: drafts have
no public page.
"""

import hashlib

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils import timezone

from caching.release import release
from config.routers import PRIMARY
from panels.models import Intervention, Panel, Paragraph, Participation

from .models import Debate, DebateDocument, DebateRendering

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
    ]
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def reading_context(debate):
    """What the reading text of ``debate`` shows, in a fixed number of queries."""
    interventions = Intervention.objects.select_related("participant", "source").prefetch_related("themes", "topics")
    paragraphs = list(
        Paragraph.objects.filter(debate=debate)
        .prefetch_related(Prefetch("interventions", queryset=interventions.order_by("order")))
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
    for panel in panels:
        panel.paragraph_list = [p for p in paragraphs if p.panel_id == panel.pk]
        panel.participation_list = [p for p in participations if p.panel_id == panel.pk]
    document_links = list(
        DebateDocument.objects.filter(debate=debate).select_related("document").order_by("order", "pk")
    )
    summary = next((link.document for link in document_links if link.relation == DebateDocument.Relation.SUMMARY), None)
    return {
        "debate": debate,
        "introduction": [p for p in paragraphs if p.section == Paragraph.Section.INTRODUCTION],
        "conclusion": [p for p in paragraphs if p.section == Paragraph.Section.CONCLUSION],
        "panels": panels,
        "participations": [p for p in participations if p.panel_id is None],
        "document_links": document_links,
        "summary_document": summary,
        "statement_count": sum(len(p.interventions.all()) for p in paragraphs),
    }


def stored_debate_page(slug, key):
    """The stored page of the published debate ``slug`` if it was stored under ``key``, else None: one query."""
    pages = DebateRendering.objects.filter(
        debate__slug=slug, debate__status=Debate.Status.PUBLISHED, key=key
    ).values_list("html", flat=True)
    return next(iter(pages[:1]), None)


def debate_page_html(request, debate):
    """Render the page of ``debate`` afresh (nothing stored): the reading text with the request, the rest without."""
    context = reading_context(debate)
    reading_text = render_to_string(READING_TEMPLATE, context, request)
    return render_to_string(
        PAGE_TEMPLATE,
        {"debate": debate, "statement_count": context["statement_count"], "reading_text": reading_text},
    )


def debate_page_render(request, debate, key):
    """Render the page of the published ``debate`` and store it under ``key`` (:func:`rendering_key`); its HTML.

    ``debate`` must have been read after the stamp in ``key``.
    """
    if not debate.is_published:
        raise ValueError(f"Only a published debate's page is stored; {debate.slug} is {debate.status}.")
    html = debate_page_html(request, debate)
    # One upsert on the primary, named explicitly (and the debate by its id) so that the router is not asked: this
    # write must not pin the reader to the primary (config.routers).
    DebateRendering.objects.using(PRIMARY).bulk_create(
        [DebateRendering(debate_id=debate.pk, key=key, html=html, rendered_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["debate"],
        update_fields=["key", "html", "rendered_at"],
    )
    return html
