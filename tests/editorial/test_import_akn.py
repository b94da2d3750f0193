"""Importing an Akoma Ntoso file exported by the archive through the admin's import screen."""

from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from akn.export import akn_export
from debates.models import Debate
from tests.akn.support import load_fixture, snapshot
from tests.editorial.test_admin_import import URL
from tests.editorial.test_admin_import import snapshot as row_counts

pytestmark = pytest.mark.django_db


def upload(client, data, **fields):
    return client.post(URL, {"file": SimpleUploadedFile("debate.akn.xml", data, "application/xml"), **fields})


def test_an_exported_file_is_imported_as_a_draft_with_its_labels(editor_client):
    original = load_fixture("human-security-2011")
    data = akn_export(original)
    response = upload(editor_client, data, slug="the-2011-debate-again")
    assert response.status_code == HTTPStatus.FOUND
    copy = Debate.objects.get(slug="the-2011-debate-again")
    assert response["Location"].endswith(f"/admin/debates/debate/{copy.pk}/change/")
    assert copy.status == Debate.Status.DRAFT
    # The same debate, label for label, beside the original (the snapshot leaves the slug out).
    assert snapshot(copy) == snapshot(original)


def test_a_bad_file_is_an_error_at_the_file_and_saves_nothing(editor_client):
    load_fixture("human-security-2011")
    before = row_counts()
    taken = upload(editor_client, akn_export(Debate.objects.get()))
    assert taken.status_code == HTTPStatus.OK
    assert "already exists; import the file under another slug" in taken.context["form"].errors["file"][0]
    broken = upload(editor_client, b'<?xml version="1.0"?><akomaNtoso><debateReport>')
    assert "not well-formed XML" in broken.context["form"].errors["file"][0]
    assert row_counts() == before


def test_a_text_starting_with_a_tag_is_still_read_as_a_summary(editor_client):
    text = b"<!-- a note -->\n\nIntroduction\n\nOne panelist suggested a review.\n"
    response = upload(
        editor_client, text, title="A test", date="2011-04-14", session="65", kind="informal-thematic-debate"
    )
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
