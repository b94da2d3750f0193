"""The debate page is rendered once, stored, and served as stored until anything on it changes (debates.rendering)."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse, set_script_prefix

from caching.release import release
from caching.stamp import current_stamp
from debates import services
from debates.backup import backup_models
from debates.models import Debate, DebateRendering, Theme
from debates.rendering import debate_page_render, rendering_key
from debates.templatetags.archive import explorer_url
from panels.models import Intervention, Paragraph
from tests.admin_helpers import make_editor, make_reviewer
from tests.factories import build_debate

pytestmark = pytest.mark.django_db

MARKER = "<p>This sentence is only in the stored copy.</p>"


def published_debate(status=Debate.Status.PUBLISHED):
    return build_debate(
        {
            "debate": {"title": "A debate on early warning", "status": status},
            "introduction": [
                {
                    "text": "Panelists discussed prevention. One panelist suggested early warning.",
                    "statements": [
                        {
                            "text": "One panelist suggested early warning systems.",
                            "themes": ["freedom-from-fear"],
                        }
                    ],
                }
            ],
            "panels": [
                {
                    "title": "Prevention in practice",
                    "paragraphs": [
                        {
                            "text": "Participants stressed regional arrangements.",
                            "statements": [{"text": "Some participants stressed regional arrangements."}],
                        }
                    ],
                }
            ],
        }
    )


def mark_the_stored_copy(debate):
    """Change the stored page behind the view's back: the marker shows whenever the stored copy is served."""
    stored = DebateRendering.objects.get(debate=debate)
    stored.html = stored.html.replace("</main>", f"{MARKER}</main>")
    stored.save()


@pytest.fixture
def debate(client):
    """A published debate whose page has been viewed once (so it is stored)."""
    debate = published_debate()
    assert client.get(debate.get_absolute_url()).status_code == HTTPStatus.OK
    return debate


def test_the_first_view_stores_the_page_and_later_views_serve_it_without_rendering(client):
    debate = published_debate()
    url = debate.get_absolute_url()
    assert not DebateRendering.objects.exists()
    stamp = current_stamp()

    with CaptureQueriesContext(connection) as first_queries:
        first = client.get(url)
    assert first.status_code == HTTPStatus.OK
    assert "includes/_paragraph.html" in [template.name for template in first.templates]
    assert DebateRendering.objects.get(debate=debate).html.encode() == first.content
    assert current_stamp() == stamp, "storing the page must not move the archive's change stamp"

    with CaptureQueriesContext(connection) as second_queries:
        second = client.get(url)
    assert second.status_code == HTTPStatus.OK
    assert second.templates == []
    assert len(second_queries) == 2  # the change stamp, then the stored page
    assert len(first_queries) > len(second_queries)
    assert second.content == first.content

    mark_the_stored_copy(debate)
    assert MARKER in client.get(url).content.decode()


def test_the_stored_page_is_the_page_rendered_afresh(client, debate):
    url = debate.get_absolute_url()
    stored = client.get(url)
    assert stored.templates == []
    DebateRendering.objects.all().delete()
    fresh = client.get(url)
    assert "includes/_debate_reading.html" in [template.name for template in fresh.templates]
    assert fresh.content == stored.content
    assert b"One panelist suggested early warning systems." in fresh.content
    assert b"<title>A debate on early warning (2011)" in fresh.content
    assert b'<a class="label label-theme" href="/interventions/?theme=freedom-from-fear">' in fresh.content
    assert b"http://testserver/debates/" in fresh.content  # absolute permalinks in the citations
    assert client.head(url).status_code == HTTPStatus.OK


def test_editing_a_statement_shows_at_once(client, debate):
    mark_the_stored_copy(debate)
    statement = Intervention.objects.get(debate=debate, text__startswith="One panelist")
    statement.text = "One panelist proposed a regional early warning centre."
    statement.save()
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "One panelist proposed a regional early warning centre." in content
    assert "early warning systems" not in content
    assert MARKER not in content


def test_a_bulk_update_of_a_paragraph_shows_at_once(client, debate):
    """``QuerySet.update()`` sends no signal and calls no ``save()``: the database trigger still sees it."""
    mark_the_stored_copy(debate)
    Paragraph.objects.filter(debate=debate, number=2).update(text_html="<p>Participants stressed subregions.</p>")
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "<p>Participants stressed subregions.</p>" in content
    assert "<p>Participants stressed regional arrangements.</p>" not in content
    assert MARKER not in content


def test_renaming_a_theme_shows_at_once(client, debate):
    mark_the_stored_copy(debate)
    Theme.objects.filter(slug="freedom-from-fear").update(name="Freedom from fear and violence")
    content = client.get(debate.get_absolute_url()).content.decode()
    assert "Freedom from fear and violence" in content
    assert MARKER not in content


def test_withdrawing_removes_the_page_at_once_and_publishing_again_renders_it_afresh(client, debate):
    reviewer = make_reviewer(username="reviewer")
    url = debate.get_absolute_url()
    mark_the_stored_copy(debate)

    services.debate_withdraw(debate=debate, user=reviewer)
    assert client.get(url).status_code == HTTPStatus.NOT_FOUND

    services.debate_publish(debate=debate, user=reviewer)
    republished = client.get(url)
    assert republished.status_code == HTTPStatus.OK
    assert MARKER not in republished.content.decode()
    assert b"One panelist suggested early warning systems." in republished.content


def test_a_drafts_page_is_never_rendered_stored_or_shown(client, admin_client):
    draft = published_debate(status=Debate.Status.DRAFT)
    url = draft.get_absolute_url()
    for visitor in (client, admin_client):  # no preview for staff either: the admin is where drafts are read
        response = visitor.get(url)
        assert response.status_code == HTTPStatus.NOT_FOUND
        assert b"early warning systems" not in response.content
    assert not DebateRendering.objects.exists()

    reviewer = make_reviewer(username="reviewer")
    services.debate_submit_for_review(debate=draft, user=make_editor(username="editor"))
    services.debate_publish(debate=draft, user=reviewer)
    assert b"early warning systems" in client.get(url).content
    assert DebateRendering.objects.filter(debate=draft).exists()


def test_the_staff_preview_renders_afresh_and_stores_nothing(admin_client, debate):
    draft = published_debate(status=Debate.Status.DRAFT)
    preview = admin_client.get(reverse("admin:debates_debate_preview", args=[draft.pk]))
    assert preview.status_code == HTTPStatus.OK
    assert b"early warning systems" in preview.content
    assert not DebateRendering.objects.filter(debate=draft).exists()
    with pytest.raises(ValueError):
        debate_page_render(RequestFactory().get("/"), draft, "any key")
    assert not DebateRendering.objects.filter(debate=draft).exists()

    mark_the_stored_copy(debate)
    preview = admin_client.get(reverse("admin:debates_debate_preview", args=[debate.pk]))
    assert b"early warning systems" in preview.content
    assert MARKER not in preview.content.decode()


def test_a_debate_reopened_as_a_draft_is_not_served_from_its_stored_page(client, debate):
    reviewer = make_reviewer(username="reviewer")
    services.debate_withdraw(debate=debate, user=reviewer)
    services.debate_reopen(debate=debate, user=reviewer)
    # Even a stored page under the current key is not served: the lookup asks for a published debate.
    current_key = rendering_key(RequestFactory().get(debate.get_absolute_url()), current_stamp())
    DebateRendering.objects.filter(debate=debate).update(key=current_key)
    response = client.get(debate.get_absolute_url())
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"early warning systems" not in response.content


def test_the_page_is_stored_for_the_address_it_was_asked_on(client, debate, settings):
    settings.ALLOWED_HOSTS = ["testserver", "archive.example.org"]
    url = debate.get_absolute_url()
    mark_the_stored_copy(debate)

    other_host = client.get(url, headers={"host": "archive.example.org"}).content.decode()
    assert f"http://archive.example.org{url}#p1-s1" in other_host
    assert "http://testserver" not in other_host
    assert MARKER not in other_host

    mark_the_stored_copy(debate)
    other_scheme = client.get(url, headers={"host": "archive.example.org"}, secure=True).content.decode()
    assert f"https://archive.example.org{url}#p1-s1" in other_scheme
    assert "http://archive.example.org" not in other_scheme
    assert MARKER not in other_scheme


def test_a_new_release_renders_the_page_afresh(client, debate, settings):
    mark_the_stored_copy(debate)
    settings.ARCHIVE_RELEASE = "a-later-release"
    release.cache_clear()
    try:
        assert MARKER not in client.get(debate.get_absolute_url()).content.decode()
    finally:
        release.cache_clear()


def test_backups_leave_stored_pages_out(debate):
    assert DebateRendering.objects.exists()
    assert "debates.debaterendering" not in backup_models()
    assert "debates.debate" in backup_models()


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, "/interventions/"),
        ({"theme": "freedom-from-fear"}, "/interventions/?theme=freedom-from-fear"),
        ({"actor": "panelist", "extent": "", "stance": None}, "/interventions/?actor=panelist"),
        (
            {"theme": ["freedom-from-fear", "freedom-from-want"]},
            "/interventions/?theme=freedom-from-fear&theme=freedom-from-want",
        ),
        ({"q": "early warning & response"}, "/interventions/?q=early+warning+%26+response"),
    ],
)
def test_explorer_links(params, expected):
    assert explorer_url(**params) == expected
    assert explorer_url(**params) == expected  # the second time from memory, the same


def test_explorer_links_follow_the_script_prefix():
    assert explorer_url(topic="use-of-force") == "/interventions/?topic=use-of-force"
    set_script_prefix("/archive/")
    try:
        assert explorer_url(topic="use-of-force") == "/archive/interventions/?topic=use-of-force"
    finally:
        set_script_prefix("/")
    assert explorer_url(topic="use-of-force") == "/interventions/?topic=use-of-force"
