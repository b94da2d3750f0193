"""Participants, documents, themes and topics that a published debate shows change only through a reviewer."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from debates.models import Debate, Participant
from tests.admin_helpers import change_form_data, make_editor, make_reviewer
from tests.factories import make_debate, make_document, make_intervention, make_paragraph, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_speaker():
    debate = make_debate(status=Debate.Status.PUBLISHED)
    participant = make_participant(name="Ambassador Original")
    make_intervention(make_paragraph(debate), text="One panelist suggested a definition.", participant=participant)
    return debate, participant


def rename(client, participant, name):
    url = reverse("admin:debates_participant_change", args=[participant.pk])
    response = client.get(url)
    data = (
        change_form_data(response) if response.status_code == HTTPStatus.OK and "adminform" in response.context else {}
    )
    data.update({"name": name, "slug": participant.slug, "kind": participant.kind})
    return client.post(url, data)


def test_an_editors_rename_of_a_published_speaker_does_not_reach_the_public(client, published_speaker):
    debate, participant = published_speaker
    client.force_login(make_editor())
    page = client.get(reverse("admin:debates_participant_change", args=[participant.pk]))
    assert page.status_code == HTTPStatus.OK
    assert 'name="name"' not in page.content.decode()
    assert "only a reviewer can change it" in page.content.decode()
    response = rename(client, participant, "Someone Else")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Participant.objects.get(pk=participant.pk).name == "Ambassador Original"
    client.logout()
    public = client.get(participant.get_absolute_url()).content.decode()
    assert "Ambassador Original" in public and "Someone Else" not in public


def test_a_reviewers_change_goes_through_and_the_history_says_who(client, published_speaker):
    _, participant = published_speaker
    reviewer = make_reviewer()
    client.force_login(reviewer)
    response = rename(client, participant, "Ambassador Corrected")
    assert response.status_code == HTTPStatus.FOUND
    participant.refresh_from_db()
    assert participant.name == "Ambassador Corrected"
    assert participant.history.latest().history_user == reviewer


def test_an_editor_may_still_change_a_record_only_drafts_use(client):
    draft = make_debate(status=Debate.Status.DRAFT)
    participant = make_participant(name="Draft Speaker")
    make_intervention(make_paragraph(draft), text="One panelist suggested a definition.", participant=participant)
    client.force_login(make_editor())
    assert rename(client, participant, "Draft Speaker Renamed").status_code == HTTPStatus.FOUND
    assert Participant.objects.get(pk=participant.pk).name == "Draft Speaker Renamed"


def test_an_editor_cannot_repoint_a_document_a_published_debate_cites(client):
    debate = make_debate(status=Debate.Status.PUBLISHED)
    document = make_document(title="GA/99999", url="https://press.un.org/en/example.htm")
    make_intervention(make_paragraph(debate), text="One panelist suggested a definition.", source=document)
    client.force_login(make_editor())
    url = reverse("admin:debates_document_change", args=[document.pk])
    response = client.post(
        url, {"slug": document.slug, "title": "Elsewhere", "url": "https://example.org/", "kind": "summary"}
    )
    assert response.status_code == HTTPStatus.FORBIDDEN
    document.refresh_from_db()
    assert (document.title, document.url) == ("GA/99999", "https://press.un.org/en/example.htm")
