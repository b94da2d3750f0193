"""More than a hundred known XSS payloads, fed through every Markdown field and the plain text fields
around them: nothing executable is stored, and nothing executable reaches a public page."""

from http import HTTPStatus
from pathlib import Path

import markdown
import pytest
from django.apps import apps
from django.conf import settings

from debates.markdown import MARKDOWN_EXTENSIONS
from debates.models import Debate, DebateTranslation, Participant
from panels.importing import SummaryImportError, summary_import
from panels.models import (
    Intervention,
    InterventionTranslation,
    Panel,
    Paragraph,
    ParagraphTranslation,
    Participation,
)
from tests.factories import make_debate, make_document, make_panel, make_paragraph
from tests.public_site import crawl
from tests.security.html_safety import executable_parts

PAYLOADS = [line for line in (Path(__file__).parent / "xss_payloads.txt").read_text().splitlines() if line.strip()]
# Every Markdown field, as (model label, field); a new one must be added to build_with_payload too.
MARKDOWN_FIELDS = {
    ("debates.Debate", "abstract"),
    ("panels.Panel", "summary"),
    ("panels.Paragraph", "text"),
    ("panels.Intervention", "text"),
    ("panels.ParagraphTranslation", "text"),
    ("panels.InterventionTranslation", "text"),
}


def test_the_payload_list_is_long_and_really_dangerous():
    assert len(set(PAYLOADS)) >= 100
    unsanitized = [markdown.markdown(payload, extensions=MARKDOWN_EXTENSIONS) for payload in PAYLOADS]
    dangerous = [payload for payload, html in zip(PAYLOADS, unsanitized, strict=True) if executable_parts(html)]
    # Without the sanitizer most of them would run: the checker sees them, so its silence below means something.
    assert len(dangerous) >= 100


def project_models():
    """The project's own models, without django-simple-history's copies (written by the saves tested here)."""
    for model in apps.get_models():
        path = Path(model._meta.app_config.path)
        if path.is_relative_to(settings.BASE_DIR) and ".venv" not in path.parts and not hasattr(model, "instance_type"):
            yield model


def test_every_markdown_field_is_covered():
    """A Markdown field is one stored beside its rendered ``<name>_html``."""
    found = set()
    for model in project_models():
        names = {field.name for field in model._meta.get_fields()}
        found |= {(model._meta.label, name) for name in names if f"{name}_html" in names}
    assert found == MARKDOWN_FIELDS


def build_with_payload(number, payload, source):
    """One published debate with the payload in every Markdown field and in the plain text fields around them."""
    debate = make_debate(slug=f"xss-{number}", title=payload[:300], abstract=payload, venue=payload[:200])
    panel = make_panel(debate, title=payload[:300], summary=payload)
    paragraph = make_paragraph(debate, panel, text=payload)
    participant = Participant.objects.create(
        slug=f"xss-speaker-{number}", name=payload[:200], kind=Participant.Kind.PERSON, note=payload
    )
    Participation.objects.create(
        debate=debate, panel=panel, participant=participant, role=Participation.Role.SPEAKER, source=source
    )
    statement = Intervention.objects.create(
        debate=debate,
        paragraph=paragraph,
        order=1,
        text=payload,
        actor_kinds=1,
        extent="one",
        stance="suggested",
        participant=participant,
        source=source,
    )
    # The French page shows the translations: the payload there too, in the title, the paragraph and the statement.
    DebateTranslation.objects.create(debate=debate, language="fr", title=payload[:300])
    ParagraphTranslation.objects.create(paragraph=paragraph, language="fr", text=payload)
    InterventionTranslation.objects.create(intervention=statement, language="fr", text=payload)


@pytest.fixture
def debates_with_payloads(db):
    source = make_document(title="<script>alert('document')</script>")
    for number, payload in enumerate(PAYLOADS):
        build_with_payload(number, payload, source)
    return Debate.objects.filter(slug__startswith="xss-")


def test_stored_html_holds_nothing_executable(debates_with_payloads):
    stored = {
        "Debate.abstract_html": Debate.objects.values_list("slug", "abstract_html"),
        "Panel.summary_html": Panel.objects.values_list("debate__slug", "summary_html"),
        "Paragraph.text_html": Paragraph.objects.values_list("debate__slug", "text_html"),
        "Intervention.text_html": Intervention.objects.values_list("debate__slug", "text_html"),
        "ParagraphTranslation.text_html": ParagraphTranslation.objects.values_list(
            "paragraph__debate__slug", "text_html"
        ),
        "InterventionTranslation.text_html": InterventionTranslation.objects.values_list(
            "intervention__debate__slug", "text_html"
        ),
    }
    problems = {}
    for field, rows in stored.items():
        for slug, html in rows:
            assert html or slug.split("-")[-1].isdigit()
            if found := executable_parts(html):
                problems[f"{field} of {slug}"] = found
    assert problems == {}
    assert Debate.objects.filter(slug__startswith="xss-").count() == len(PAYLOADS)


def test_public_pages_hold_nothing_executable(client, debates_with_payloads):
    """Every debate's and speaker's page, and every other kind of page the site's links lead to."""
    urls = [f"/debates/xss-{number}/" for number in range(len(PAYLOADS))]
    urls += [f"/fr/debates/xss-{number}/" for number in range(len(PAYLOADS))]
    urls += [f"/participants/xss-speaker-{number}/" for number in range(len(PAYLOADS))]
    pages = {url: client.get(url) for url in urls}
    pages.update(crawl(client, limit=600, per_route=8))

    problems = {}
    for url, response in pages.items():
        assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, url
        assert response.status_code == HTTPStatus.OK or url not in urls, url
        is_html = response.headers.get("Content-Type", "").startswith("text/html")
        if is_html and (found := executable_parts(response.content.decode(), whole_page=True)):
            problems[url] = found
    assert problems == {}


SUMMARY_TEMPLATE = """Introduction

{payload}

One panelist suggested that {payload} should be considered.

Panel 1: {payload}

Some participants expressed concern that {payload}.

Conclusion

There was general consensus that {payload}.
"""


def test_the_importer_stores_and_shows_nothing_executable(client, db):
    imported, refused, problems = [], [], {}
    for number, payload in enumerate(PAYLOADS):
        try:
            debate = summary_import(
                text=SUMMARY_TEMPLATE.format(payload=payload),
                title=f"Imported debate {number} {payload}"[:300],
                date="2011-04-14",
                session=65,
                slug=f"imported-xss-{number}",
                source_title=payload,
            )
        except SummaryImportError:
            refused.append(payload)  # refused with a message and nothing saved is safe too
            continue
        imported.append(debate)
        stored = [
            *Paragraph.objects.filter(debate=debate).values_list("text_html", flat=True),
            *Intervention.objects.filter(debate=debate).values_list("text_html", flat=True),
            *Panel.objects.filter(debate=debate).values_list("summary_html", flat=True),
        ]
        # The payload went in: every paragraph came from the text that carries it.
        assert Paragraph.objects.filter(debate=debate).count() >= 4
        for html in stored:
            if found := executable_parts(html):
                problems[f"stored, {debate.slug}"] = found
        # Imports are drafts; published, the debate's page shows every imported part.
        Debate.objects.filter(pk=debate.pk).update(status=Debate.Status.PUBLISHED)
        response = client.get(debate.get_absolute_url())
        assert response.status_code == HTTPStatus.OK
        if found := executable_parts(response.content.decode(), whole_page=True):
            problems[f"page, {debate.slug}"] = found

    assert len(imported) >= 100, refused
    assert problems == {}
