"""Importing a summary in the admin: upload or paste → preview (nothing saved) → save as a draft; bad inputs refused."""

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from debates.models import Debate, DebateDocument, Document
from panels.importer.services import MAX_SUMMARY_BYTES
from panels.models import Intervention, Panel, Paragraph
from tests.admin_helpers import make_editor, make_staff
from tests.sources import shared_source_path

pytestmark = pytest.mark.django_db

URL = "/admin/debates/debate/import/"
FACTS = {"title": "Informal thematic debate on human security", "date": "2011-04-14", "session": "65"}
SMALL_SUMMARY = """Introduction

The informal thematic debate followed the adoption of resolution 64/291.

Panel 1: A possible approach

Some participants expressed concern over the misuse of the notion. One panelist suggested a framework.

Conclusion

There was general consensus that human security is people-centred.
"""


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor(username="editor"))
    return client


@pytest.fixture
def summary_2011():
    return shared_source_path().read_text(encoding="utf-8")


def snapshot():
    """Row counts of everything an import writes."""
    return {
        model.__name__: model.objects.count()
        for model in (Debate, Document, DebateDocument, Panel, Paragraph, Intervention)
    }


def preview(client, **data):
    return client.post(URL, {"kind": "informal-thematic-debate", **FACTS, **data})


def hidden_fields(html):
    """The name → value of the hidden inputs of the preview's "Save as draft" form, as a browser would send them."""
    form = html[html.index('id="summary-save-form"') :]
    form = form[: form.index("</form>")]
    fields = {}
    for attributes in re.findall(r"<input ([^>]*)>", form):
        name = re.search(r'name="([^"]*)"', attributes)
        value = re.search(r'value="([^"]*)"', attributes, re.S)
        if name and 'type="hidden"' in attributes:
            fields[name.group(1)] = value.group(1) if value else ""
    return fields


def unescape(value):
    return (
        value.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
    )


def test_import_page_offers_upload_and_paste(editor_client):
    response = editor_client.get(URL)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert 'type="file" name="file"' in html
    assert '<textarea name="text"' in html
    assert 'enctype="multipart/form-data"' in html


def test_changelist_links_to_the_import(editor_client):
    html = editor_client.get(reverse("admin:debates_debate_changelist")).content.decode()
    assert f'href="{URL}"' in html


def test_pasted_2011_summary_is_previewed_without_saving_then_saved_as_draft(editor_client, summary_2011):
    before = snapshot()
    response = preview(editor_client, text=summary_2011)
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    assert snapshot() == before

    proposal = response.context["proposal"]
    html = response.content.decode()
    assert html.count('<div class="import-paragraph"') == len(proposal.paragraphs) > 0
    unclassified = [s for s in proposal.statements if not s.classified]
    assert html.count("import-statement unclassified") == len(unclassified)
    assert html.count(">Not classified") == len(unclassified)
    assert "Panel 1" in html or "A possible approach for defining Human Security" in html

    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    assert data["text"].split() == summary_2011.split()
    data["_save"] = "Save as draft"
    response = editor_client.post(URL, data)
    assert response.status_code == HTTPStatus.FOUND
    debate = Debate.objects.get(title=FACTS["title"])
    assert response.headers["Location"] == reverse("admin:debates_debate_change", args=[debate.pk])
    assert debate.status == Debate.Status.DRAFT
    assert debate.paragraphs.count() == len(proposal.paragraphs)
    assert [p.text.split() for p in debate.paragraphs.order_by("number")] == [
        p.text.split() for p in proposal.paragraphs
    ]
    assert editor_client.get(debate.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND
    assert debate.history.first().history_user.username == "editor"


def test_uploaded_file_gives_the_same_preview_as_pasted_text(editor_client, summary_2011):
    upload = SimpleUploadedFile("summary.txt", shared_source_path().read_bytes(), content_type="text/plain")
    uploaded = preview(editor_client, file=upload).context["proposal"]
    pasted = preview(editor_client, text=summary_2011).context["proposal"]
    assert [p.text for p in uploaded.paragraphs] == [p.text for p in pasted.paragraphs]


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("cp1252", b""), ("utf-16-le", b"\xff\xfe"), ("utf-8", b"\xef\xbb\xbf")],
    ids=["windows-1252", "utf-16-bom", "utf-8-bom"],
)
def test_files_in_other_encodings_are_read_with_their_characters(editor_client, encoding, prefix):
    text = SMALL_SUMMARY.replace("misuse of the notion", "“misuse” of the notion – café")
    upload = SimpleUploadedFile("summary.txt", prefix + text.encode(encoding))
    response = preview(editor_client, file=upload)
    assert response.status_code == HTTPStatus.OK
    paragraphs = [p.text for p in response.context["proposal"].paragraphs]
    assert any("“misuse” of the notion – café" in text for text in paragraphs)


def bad_upload(data, name="summary.txt"):
    return {"file": SimpleUploadedFile(name, data)}


BAD_INPUTS = {
    "empty file": (bad_upload(b""), "file", "empty"),
    "binary file": (bad_upload(bytes(range(256)) * 8, "summary.bin"), "file", "binary"),
    "pdf file": (bad_upload(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "summary.pdf"), "file", "PDF"),
    "file over the limit": (bad_upload(b"Introduction\n\n" + b"a" * MAX_SUMMARY_BYTES), "file", "at most 5 MB"),
    "blank text": ({"text": "\n\n   \n"}, "text", "paste the summary text"),
    "no paragraphs": ({"text": "Introduction\n\nPanel 1: Nothing under it\n"}, "text", "No paragraphs"),
    "title missing": ({"text": SMALL_SUMMARY, "title": ""}, "title", "title is required"),
    "date missing": ({"text": SMALL_SUMMARY, "date": ""}, "date", "date is required"),
    "date malformed": ({"text": SMALL_SUMMARY, "date": "14/04/2011"}, "date", "YYYY-MM-DD"),
    "date impossible": ({"text": SMALL_SUMMARY, "date": "2011-02-30"}, "date", "not a real date"),
    "session missing": ({"text": SMALL_SUMMARY, "session": ""}, "session", "session number is required"),
    "file and text": ({"text": SMALL_SUMMARY, **bad_upload(SMALL_SUMMARY.encode())}, "text", "not both"),
    "nothing given": ({}, "text", "Upload a summary file or paste"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_gives_a_form_error_at_the_field_and_saves_nothing(editor_client, case):
    data, field, words = BAD_INPUTS[case]
    before = snapshot()
    response = preview(editor_client, **data)
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import.html"
    errors = response.context["form"].errors
    assert field in errors, errors
    assert words.lower() in " ".join(errors[field]).lower()
    assert snapshot() == before
    response = editor_client.post(URL, {"kind": "informal-thematic-debate", **FACTS, **data, "_save": "1"})
    assert response.status_code == HTTPStatus.OK
    assert snapshot() == before


def test_text_without_headings_is_refused_with_a_text_error_and_nothing_saved(editor_client):
    before = snapshot()
    response = preview(editor_client, text="A paragraph with no heading above it. Some participants said so.")
    assert response.status_code == HTTPStatus.OK
    assert "No sections were recognized" in " ".join(response.context["form"].errors["text"])
    assert snapshot() == before


def test_slug_taken_between_preview_and_save_is_a_form_error(editor_client):
    data = {"kind": "informal-thematic-debate", **FACTS, "text": SMALL_SUMMARY, "slug": "hs-2011", "_save": "1"}
    assert editor_client.post(URL, data).status_code == HTTPStatus.FOUND
    before = snapshot()
    response = editor_client.post(URL, data)
    assert response.status_code == HTTPStatus.OK
    assert "already exists" in " ".join(response.context["form"].errors["slug"])
    assert snapshot() == before


def test_markdown_carrying_scripts_is_shown_inert_and_stored_sanitized(editor_client):
    text = SMALL_SUMMARY.replace(
        "There was general consensus",
        '<script>alert("x")</script><img src=x onerror=alert(1)> There was general consensus',
    )
    response = preview(editor_client, text=text)
    html = response.content.decode()
    assert '<script>alert("x")' not in html
    assert "<img src=x" not in html
    response = editor_client.post(URL, {"kind": "informal-thematic-debate", **FACTS, "text": text, "_save": "1"})
    assert response.status_code == HTTPStatus.FOUND
    debate = Debate.objects.get(title=FACTS["title"])
    for paragraph in debate.paragraphs.all():
        assert "<script" not in paragraph.text_html
        assert "onerror" not in paragraph.text_html
    for statement in debate.interventions.all():
        assert "<script" not in statement.text_html


def test_staff_without_the_right_to_add_debates_cannot_import(client):
    client.force_login(make_staff())
    assert client.get(URL).status_code == HTTPStatus.FORBIDDEN
    before = snapshot()
    assert client.post(URL, {**FACTS, "text": SMALL_SUMMARY, "_save": "1"}).status_code == HTTPStatus.FORBIDDEN
    assert snapshot() == before
