"""The staff preview of a debate's public page: its banner, its links and "View on site" for a draft's parts."""

import csv
import io
import json
from html.parser import HTMLParser
from http import HTTPStatus
from urllib.parse import urlsplit

import pytest
from django.contrib import admin
from django.urls import reverse

from debates.models import Debate, DebateDocument, Theme, Topic
from panels.models import Intervention, Paragraph, Participation
from tests.admin_helpers import make_editor, make_staff
from tests.factories import make_debate, make_document, make_intervention, make_panel, make_paragraph, make_participant

pytestmark = pytest.mark.django_db

DRAFT_TITLE = "Unpublished debate on human security"


class _Links(HTMLParser):
    """Every ``href`` of a page, and the ``href`` of its "View on site" link."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.view_on_site = [], None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
            if "viewsitelink" in (attrs.get("class") or "").split():
                self.view_on_site = attrs["href"]


def parse_links(html):
    parser = _Links()
    parser.feed(html)
    return parser


def followed_links(html):
    """The page's links a client can follow: neither elsewhere nor an anchor on the page itself."""
    return sorted({href for href in parse_links(html).hrefs if not href.startswith("#") and not urlsplit(href).netloc})


@pytest.fixture
def draft():
    """A draft with every kind of link its page can hold, and participants only it names (unknown to the public)."""
    debate = make_debate(
        status=Debate.Status.DRAFT, title=DRAFT_TITLE, slug="unpublished-debate", abstract="Its *aim*."
    )
    panel = make_panel(debate, title="The notion")
    first = make_paragraph(debate, text="First paragraph. One panelist suggested a definition.")
    second = make_paragraph(debate, panel, text="Second paragraph. Some participants expressed concern.")
    topic = Topic.objects.create(slug="a-topic", name="A topic", description="A topic for the preview's labels.")
    statement = make_intervention(
        first,
        text="One panelist suggested a definition.",
        participant=make_participant(),
        themes=[Theme.objects.first().slug],
        topics=[topic.slug],
    )
    statement.named_participants.set([make_participant()])
    make_intervention(second, text="A statement its paragraph does not hold word for word.")
    summary = make_document(url="https://example.org/summary")
    DebateDocument.objects.create(debate=debate, document=summary, relation=DebateDocument.Relation.SUMMARY)
    chair = make_participant()
    Participation.objects.create(debate=debate, participant=chair, role=Participation.Role.CONVENER, source=summary)
    Participation.objects.create(
        debate=debate, participant=chair, panel=panel, role=Participation.Role.MODERATOR, source=summary
    )
    return debate


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def preview_html(client, debate):
    response = client.get(reverse("admin:debates_debate_preview", args=[debate.pk]))
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_the_preview_of_a_draft_says_it_is_not_public(editor_client, draft):
    html = preview_html(editor_client, draft)
    assert '<div class="filter-form draft-banner" role="status">' in html
    assert "<strong>Draft — not public.</strong>" in html
    assert html.index("draft-banner") < html.index(f"<h1><bdi>{DRAFT_TITLE}</bdi></h1>")
    assert "style=" not in html  # the CSP allows no inline style


def test_the_preview_of_a_published_debate_is_its_public_page(editor_client):
    debate = make_debate(status=Debate.Status.PUBLISHED)
    make_intervention(make_paragraph(debate))
    html = preview_html(editor_client, debate)
    assert "draft-banner" not in html
    assert f'href="/interventions/?debate={debate.slug}"' in html


def test_every_link_of_a_draft_preview_answers_staff(editor_client, draft):
    links = followed_links(preview_html(editor_client, draft))
    assert f"/admin/panels/intervention/?debate__id__exact={draft.pk}" in links
    assert reverse("admin:debates_debate_preview_export", args=[draft.pk, "csv"]) in links
    assert reverse("admin:debates_debate_preview_export", args=[draft.pk, "json"]) in links
    assert f"{reverse('admin:debates_debate_preview', args=[draft.pk])}#p1-s1" in links
    for href in links:
        response = editor_client.get(href, follow=True)
        assert response.status_code == HTTPStatus.OK, href
        assert not urlsplit(href).path.startswith(draft.get_absolute_url()), href
    cite = reverse("admin:debates_debate_preview_cite", args=[draft.pk])
    assert any(href.startswith(f"{cite}?") and "format=bibtex" in href for href in links)


def test_the_links_to_a_drafts_statements_list_and_export_them(editor_client, draft):
    html = preview_html(editor_client, draft)
    statements = editor_client.get(f"/admin/panels/intervention/?debate__id__exact={draft.pk}")
    assert list(statements.context["cl"].result_list) == list(Intervention.objects.filter(debate=draft))
    rows = list(csv.DictReader(io.StringIO(editor_client.get(export_url(draft, "csv")).getvalue().decode())))
    assert [row["text"] for row in rows] == [
        "One panelist suggested a definition.",
        "A statement its paragraph does not hold word for word.",
    ]
    assert json.loads(editor_client.get(export_url(draft, "json")).getvalue())["count"] == 2
    assert editor_client.get(export_url(draft, "xml")).status_code == HTTPStatus.NOT_FOUND
    assert f"/debates/{draft.slug}/cite/" not in html


def test_a_drafts_citations_answer_staff_marked_as_a_drafts(client, editor_client, draft):
    cite = reverse("admin:debates_debate_preview_cite", args=[draft.pk])
    text = editor_client.get(cite, {"p": 1, "s": 1}).content.decode()
    assert text.startswith("Draft — not public.")
    assert DRAFT_TITLE in text
    bibtex = editor_client.get(cite, {"format": "bibtex", "p": 1})
    assert bibtex.status_code == HTTPStatus.OK
    assert bibtex["Content-Disposition"].startswith('attachment; filename="DRAFT-')
    assert bibtex.content.decode().lstrip().startswith("@")
    assert editor_client.get(cite, {"format": "nonsense"}).status_code == HTTPStatus.BAD_REQUEST
    # The public citation of the draft does not exist, and the staff one is not the public's.
    assert editor_client.get(reverse("public:cite", args=[draft.slug])).status_code == HTTPStatus.NOT_FOUND
    client.logout()
    assert client.get(cite).status_code == HTTPStatus.FOUND


def test_a_published_debates_staff_citation_is_the_public_one(editor_client):
    debate = make_debate(status=Debate.Status.PUBLISHED)
    make_intervention(make_paragraph(debate))
    staff = editor_client.get(reverse("admin:debates_debate_preview_cite", args=[debate.pk]), {"format": "ris"})
    public = editor_client.get(reverse("public:cite", args=[debate.slug]), {"format": "ris"})
    assert staff.content == public.content
    assert staff["Content-Disposition"] == public["Content-Disposition"]


def export_url(debate, export_format):
    return reverse("admin:debates_debate_preview_export", args=[debate.pk, export_format])


def test_no_link_of_a_draft_preview_shows_the_draft_to_the_public(client, editor_client, draft):
    links = followed_links(preview_html(editor_client, draft))
    client.logout()
    assert client.get(reverse("admin:debates_debate_preview", args=[draft.pk])).status_code == HTTPStatus.FOUND
    for href in links:
        response = client.get(href)
        if urlsplit(href).path.startswith("/admin/"):
            assert response.status_code == HTTPStatus.FOUND, href
            assert response["Location"].startswith(reverse("admin:login")), href
        else:
            assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}, href
            assert draft.slug.encode() not in response.getvalue(), href
            assert DRAFT_TITLE.encode() not in response.getvalue(), href


def test_staff_without_a_role_cannot_export_a_draft(client, draft):
    client.force_login(make_staff())
    assert client.get(export_url(draft, "csv")).status_code == HTTPStatus.FORBIDDEN


@pytest.mark.parametrize(
    "name", ["public:intervention-list", "public:intervention-export-csv", "public:intervention-export-json"]
)
def test_the_public_explorer_and_exports_still_refuse_a_draft(editor_client, draft, name):
    assert editor_client.get(reverse(name), {"debate": draft.slug}).status_code == HTTPStatus.BAD_REQUEST


def view_on_site(client, obj):
    """The "View on site" link of ``obj``'s admin change page."""
    opts = obj._meta
    response = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]))
    assert response.status_code == HTTPStatus.OK
    return parse_links(response.content.decode()).view_on_site


@pytest.mark.parametrize("model", [Paragraph, Intervention])
def test_view_on_site_of_a_drafts_part_opens_the_preview_at_it(editor_client, draft, model):
    part = model.objects.filter(debate=draft).order_by("pk").first()
    href = view_on_site(editor_client, part)
    assert href == f"{reverse('admin:debates_debate_preview', args=[draft.pk])}#{part.anchor}"
    assert f'id="{part.anchor}"' in editor_client.get(href).content.decode()


def test_view_on_site_of_a_segment_of_a_draft_opens_the_preview_at_it(draft):
    panel = draft.panels.get()
    url = admin.site._registry[type(panel)].get_view_on_site_url(panel)
    assert url == f"{reverse('admin:debates_debate_preview', args=[draft.pk])}#panel-1"


@pytest.mark.parametrize("model", [Paragraph, Intervention])
def test_view_on_site_of_a_published_debates_part_opens_its_public_page(editor_client, model):
    debate = make_debate(status=Debate.Status.PUBLISHED)
    make_intervention(make_paragraph(debate))
    part = model.objects.get(debate=debate)
    response = editor_client.get(view_on_site(editor_client, part))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith(part.get_absolute_url())
    assert editor_client.get(part.get_absolute_url()).status_code == HTTPStatus.OK
