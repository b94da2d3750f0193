"""``/debates/<slug>/akn.xml``: a published debate's file, found as its page is; drafts are 404 for the public."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from akn.export import akn_export
from akn.schema import akn_schema
from debates.models import Debate
from tests.factories import build_debate

from .support import load_fixture, parse

pytestmark = pytest.mark.django_db


def akn_url(slug):
    return reverse("public:debate-akn", kwargs={"slug": slug})


def test_a_published_debate_is_served_as_akoma_ntoso(client):
    debate = load_fixture("human-security-2011")
    response = client.get(f"/debates/{debate.slug}/akn.xml")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/akn+xml; charset=utf-8"
    assert response["Content-Disposition"] == f'inline; filename="{debate.slug}.akn.xml"'
    assert response.content == akn_export(debate)
    akn_schema().assertValid(parse(response.content))
    assert client.head(akn_url(debate.slug)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("status", [Debate.Status.DRAFT, Debate.Status.IN_REVIEW, Debate.Status.WITHDRAWN])
def test_a_debate_the_public_cannot_see_is_404_as_its_page_is(client, status):
    debate = build_debate(
        {"debate": {"status": status, "slug": "not-public"}, "introduction": [{"text": "Secret words."}]}
    )
    page = client.get(debate.get_absolute_url())
    response = client.get(akn_url(debate.slug))
    assert page.status_code == response.status_code == HTTPStatus.NOT_FOUND
    assert b"Secret words" not in response.content


def test_a_draft_is_404_even_for_staff_as_its_page_is(admin_client):
    debate = build_debate({"debate": {"status": Debate.Status.DRAFT}, "introduction": [{"text": "Secret words."}]})
    assert admin_client.get(debate.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert admin_client.get(akn_url(debate.slug)).status_code == HTTPStatus.NOT_FOUND


def test_an_unknown_debate_is_404(client):
    assert client.get(akn_url("no-such-debate")).status_code == HTTPStatus.NOT_FOUND


def test_the_file_answers_conditional_requests_like_every_public_page(client):
    debate = load_fixture("human-security-2008")
    response = client.get(akn_url(debate.slug))
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(akn_url(debate.slug), headers={"if-none-match": response["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED
    debate.title = "A new title"
    debate.save()
    changed = client.get(akn_url(debate.slug), headers={"if-none-match": response["ETag"]})
    assert changed.status_code == HTTPStatus.OK
    assert b"A new title" in changed.content


def test_the_debate_page_links_to_its_file(client):
    debate = load_fixture("human-security-2010")
    html = client.get(debate.get_absolute_url()).content.decode()
    url = akn_url(debate.slug)
    assert f'<link rel="alternate" type="application/akn+xml" href="{url}" title="Akoma Ntoso XML">' in html
    assert re.search(rf'<a href="{re.escape(url)}" type="application/akn\+xml">Akoma Ntoso XML</a>', html)
