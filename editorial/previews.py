"""Staff previews of a debate's public page, drafts included, whose every link works for staff.

The preview is the public page (:func:`public.rendering.debate_page_html`) under a
"not public" banner.  For a debate the public cannot see, the links that would lead to
the refusal of a public page are rewritten to where staff can follow them:

- the debate's page and permanent links → the preview, at the anchor;
- its statements in the explorer → the admin's statement list filtered by the debate;
- its CSV and JSON exports → :func:`statements_export`, a staff-only export of its statements;
- a participant the public does not know yet → their admin page, and so is the explorer
  filtered by them;
- its citations (text and downloads) → :func:`preview_citation`, the same citation for staff, marked as a
  draft's.

Every other link (the site's sections, the explorer by label, the codebook, documents
elsewhere) is left as the public page has it.  The public explorer and exports still
refuse an unpublished debate: nothing here makes a draft public.
"""

import re
from html import unescape
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

from django.http import Http404
from django.urls import Resolver404, get_script_prefix, resolve, reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from debates.models import Participant
from panels.models import Intervention, anchor
from public.exports import csv_response, json_response
from public.rendering import debate_page_html
from public.views_citations import citation_response

PREVIEW_TEMPLATE = "admin/debates/debate/preview.html"

EXPORTS = {"csv": csv_response, "json": json_response}

# A link of the rendered page.  Links do not nest, so the first </a> closes it.
_LINK = re.compile(r'<a\b(?P<before>[^>]*?)\shref="(?P<href>[^"]*)"(?P<after>[^>]*)>(?P<content>.*?)</a>', re.DOTALL)


def preview_url(debate, fragment=""):
    """The address of the staff preview of ``debate``, at ``fragment`` (an anchor such as ``p3-s2``) if given."""
    url = reverse("admin:debates_debate_preview", args=[debate.pk])
    return f"{url}#{fragment}" if fragment else url


def debate_preview_html(request, debate):
    """The page of ``debate`` as the public would see it once published, with the banner and staff links."""
    html = debate_page_html(request, debate, template=PREVIEW_TEMPLATE)
    if debate.is_published:
        return html  # its public links work as they are
    return rewrite_links(html, PreviewLinks(debate).target)


def rewrite_links(html, target):
    """``html`` with each link's address replaced by ``target(address)``; a link whose target is None is unlinked."""

    def replace(match):
        href = target(unescape(match["href"]))
        if href is None:
            return match["content"]
        return f'<a{match["before"]} href="{escape(href)}"{match["after"]}>{match["content"]}</a>'

    return _LINK.sub(replace, html)


class PreviewLinks:
    """Where each link of the public page of an unpublished ``debate`` leads in its preview (:meth:`target`)."""

    def __init__(self, debate):
        self.debate = debate
        self._public_participants = {}

    def target(self, href):
        """The address a staff member should follow for ``href``, or None for a link to drop."""
        parts = urlsplit(href)
        prefix = get_script_prefix()
        if parts.scheme or parts.netloc or not parts.path.startswith(prefix):
            return href  # elsewhere, or an anchor on this page
        try:
            match = resolve("/" + parts.path.removeprefix(prefix))
        except Resolver404:
            return href
        query = parse_qs(parts.query, keep_blank_values=True)
        slug = match.kwargs.get("slug")
        name = match.view_name
        if name == "public:debate-detail" and slug == self.debate.slug:
            return preview_url(self.debate, parts.fragment)
        if name in {"public:paragraph-permalink", "public:statement-permalink"} and slug == self.debate.slug:
            return preview_url(self.debate, anchor(match.kwargs["number"], match.kwargs.get("order")))
        if name == "public:cite" and slug == self.debate.slug:
            url = reverse("admin:debates_debate_preview_cite", args=[self.debate.pk])
            return f"{url}?{parts.query}" if parts.query else url
        if query == {"debate": [self.debate.slug]}:
            return self._statements_url(name) or href
        if name == "public:participant-detail" and not self._is_public(slug):
            return self._participant_url(slug) or href
        if (
            name == "public:intervention-list"
            and list(query) == ["participant"]
            and not self._is_public(query["participant"][0])
        ):
            return self._participant_url(query["participant"][0]) or href
        return href

    def _statements_url(self, name):
        """The staff counterpart of the explorer or an export of the debate's statements."""
        if name == "public:intervention-list":
            return f"{reverse('admin:panels_intervention_changelist')}?debate__id__exact={self.debate.pk}"
        formats = {"public:intervention-export-csv": "csv", "public:intervention-export-json": "json"}
        if name in formats:
            return reverse("admin:debates_debate_preview_export", args=[self.debate.pk, formats[name]])
        return None

    def _is_public(self, slug):
        if slug not in self._public_participants:
            self._public_participants[slug] = Participant.objects.public().filter(slug=slug).exists()
        return self._public_participants[slug]

    @staticmethod
    def _participant_url(slug):
        pk = Participant.objects.filter(slug=slug).values_list("pk", flat=True).first()
        return reverse("admin:debates_participant_change", args=[pk]) if pk else None


def statements_export(request, debate, export_format):
    """Every statement of ``debate`` (any status) as the public CSV or JSON export would give them."""
    if export_format not in EXPORTS:
        raise Http404("No such export.")
    base_url = request.build_absolute_uri("/").rstrip("/")
    response = EXPORTS[export_format](Intervention.objects.filter(debate=debate), base_url)
    response["X-Robots-Tag"] = "noindex"
    return response


# Translators: the first line of a citation of a draft debate, given as text to staff by its preview.
DRAFT_CITATION_NOTE = _(
    "Draft — not public. This citation's address answers only once the debate is published; do not cite it before then."
)


def preview_citation(request, debate):
    """The citation the public page's "Cite" would give for ``debate``, for staff, whatever its status.

    For an unpublished debate, a citation shown as text starts with :data:`DRAFT_CITATION_NOTE`, and a
    downloaded one's file name with ``DRAFT-``, so that it is not taken for a citation of a public page.
    """
    response = citation_response(request, debate)
    response["X-Robots-Tag"] = "noindex"
    if debate.is_published or response.status_code != HTTPStatus.OK:
        return response
    disposition = response.get("Content-Disposition")
    if disposition:
        response["Content-Disposition"] = disposition.replace('filename="', 'filename="DRAFT-', 1)
    else:
        response.content = f"{DRAFT_CITATION_NOTE}\n\n".encode() + response.content
    return response


class PreviewOnSiteMixin:
    """The "View on site" of a debate's part (segment, paragraph, statement): its place in the staff preview until
    the debate is published, its public page after."""

    def get_view_on_site_url(self, obj=None):
        if obj is None or obj.debate.is_published:
            return super().get_view_on_site_url(obj)
        return preview_url(obj.debate, obj.anchor)
