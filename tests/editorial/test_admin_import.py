"""Importing a summary in the admin: upload or paste → preview (nothing saved) → save as a draft; bad inputs refused."""

import re
from http import HTTPStatus

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from debates.models import Debate, DebateDocument, Document
from panels.importing import MAX_SUMMARY_BYTES
from panels.models import Intervention, Panel, Paragraph
from tests.admin_helpers import make_editor, make_staff
from tests.sources import source_path

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


def snapshot():
    """Row counts of everything an import writes."""
    return {
        model.__name__: model.objects.count()
        for model in (Debate, Document, DebateDocument, Panel, Paragraph, Intervention)
    }


def preview(client, **data):
    return client.post(URL, {"kind": "informal-thematic-debate", **FACTS, **data})


def hidden_fields(html):
    """The name → value of the "Save as draft" form of the preview, as a browser would send it (unticked boxes
    and the submit buttons left out)."""
    form = html[html.index('id="summary-save-form"') :]
    form = form[: form.index("</form>")]
    fields = {}
    for attributes in re.findall(r"<input ([^>]*)>", form):
        name = re.search(r'name="([^"]*)"', attributes)
        value = re.search(r'value="([^"]*)"', attributes, re.S)
        kind = re.search(r'type="([^"]*)"', attributes).group(1)
        if not name or kind == "submit" or (kind == "checkbox" and "checked" not in attributes):
            continue
        fields[name.group(1)] = value.group(1) if value else ("on" if kind == "checkbox" else "")
    for name, options in re.findall(r'<select name="([^"]*)"[^>]*>(.*?)</select>', form, re.S):
        fields[name] = re.search(r'<option value="([^"]*)"[^>]*selected', options).group(1)
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
    upload = SimpleUploadedFile("summary.txt", source_path().read_bytes(), content_type="text/plain")
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
    "date malformed": ({"text": SMALL_SUMMARY, "date": "next Thursday"}, "date", "14 April 2011 or 14/04/2011"),
    "date day first": ({"text": SMALL_SUMMARY, "date": "04/14/2011"}, "date", "not a real date"),
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
    # The same text again is a duplicate: confirmed here, so that the slug is what stops it.
    data["confirm_duplicate"] = "on"
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


# --- Hostile and oversized inputs (issue 11): every one gets the import form's own answer, nothing is saved -------


def wrapped_paragraphs(count, line="One panelist noted that the point numbered {number}"):
    body = "\n\n".join(line.format(number=number) + "\nwas made\non five short\nlines." for number in range(count))
    return "Introduction\n\n" + body + "\n"


def refused_at(response, field):
    """The error messages at ``field`` of the import form the response shows (and it is the import form)."""
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import.html"
    return " ".join(response.context["form"].errors[field])


def test_the_import_form_states_the_limits(editor_client):
    html = editor_client.get(URL).content.decode()
    assert html.count("at most 5 MB, 20,000 lines, and 20,000 characters in a line or a paragraph") == 2


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Introduction\n\n" + " " * 100_000 + "\n\nSome participants noted it.\n",
            "Line 3 of the summary text has 100,000",
        ),
        ("Introduction\n\nSome participants noted that " + "very " * 29_000 + ".\n", "has 145,030 characters"),
    ],
    ids=["100000-spaces", "145-kb-sentence"],
)
def test_hostile_pastes_are_refused_at_the_text(editor_client, text, words):
    before = snapshot()
    assert words in refused_at(preview(editor_client, text=text), "text")
    assert snapshot() == before


def test_50000_short_lines_are_refused_at_the_text(editor_client):
    text = wrapped_paragraphs(10_000)
    assert len(text.splitlines()) == 50_001
    before = snapshot()
    assert refused_at(preview(editor_client, text=text), "text") == (
        "The summary text has 50,002 lines; a summary may have at most 20,000."
    )
    assert snapshot() == before


def test_3000_paragraphs_are_previewed_a_page_at_a_time(editor_client):
    text = wrapped_paragraphs(3_000)
    assert len(text.splitlines()) == 15_001
    before = snapshot()
    response = preview(editor_client, text=text)
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    html = response.content.decode()
    assert "3000 paragraphs" in html
    assert html.count('<div class="import-paragraph"') == 100
    assert "This preview shows paragraphs 1–100 of 3000 (page 1 of 30)" in html
    assert 'name="preview_page" value="2">Show paragraphs 101–200<' in html
    assert snapshot() == before


def test_a_big_preview_pages_through_paragraphs_and_lists_the_first_statements_to_check(editor_client):
    # Every paragraph mentions participants without a formula the importer knows: one statement to check each.
    text = wrapped_paragraphs(250, line="The points of participants numbered {number} and more")
    response = preview(editor_client, text=text, preview_page="3")
    html = response.content.decode()
    assert [p["number"] for s in response.context["outline"] for p in s["paragraphs"]] == list(range(201, 251))
    assert "This preview shows paragraphs 201–250 of 250 (page 3 of 3)" in html
    assert 'value="2">Show paragraphs 101–200<' in html
    assert "Show paragraphs 251" not in html
    check_list = html[html.index('<ul class="import-check-statements">') :]
    check_list = check_list[: check_list.index("</ul>")]
    assert check_list.count("<li>") == 100
    assert "250 statements are not fully classified" in html
    assert "… and 150 more statements to check, not listed here." in html
    # Listed once, among the statements to check, not again among the warnings.
    assert "names no speaker the importer recognizes" not in html
    for page in ("0", "99", "x"):
        outline = preview(editor_client, text=text, preview_page=page).context["outline"]
        assert outline[0]["paragraphs"][0]["number"] == (201 if page == "99" else 1)

    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    data["_save"] = "Save as draft"
    assert editor_client.post(URL, data).status_code == HTTPStatus.FOUND
    assert Debate.objects.get(title=FACTS["title"]).paragraphs.count() == 250


@pytest.mark.parametrize(
    ("megabytes", "field", "words"),
    [
        (5.0001, "text", "The summary text is 5.0 MB; a summary may be at most 5 MB."),
        (7, "text", "The summary text is 7.0 MB; a summary may be at most 5 MB."),
        # Over DATA_UPLOAD_MAX_MEMORY_SIZE (10 MB): Django stops reading, the import view answers.
        (
            11,
            "text",
            "more than the 10 MB this page can read; a summary may be at most 5 MB. Nothing was read or saved.",
        ),
    ],
    ids=["just-over", "7-mb", "11-mb"],
)
def test_oversize_pastes_get_the_import_forms_message(editor_client, megabytes, field, words):
    before = snapshot()
    text = "Introduction\n\n" + "Some participants noted it.\n" * int(megabytes * 1024 * 1024 / 28)
    assert words in refused_at(preview(editor_client, text=text), field)
    response = editor_client.post(URL, {"kind": "informal-thematic-debate", **FACTS, "text": text, "_save": "1"})
    assert words in refused_at(response, field)
    assert snapshot() == before


def test_an_oversize_file_is_measured_before_it_is_read(editor_client):
    before = snapshot()
    upload = SimpleUploadedFile("summary.txt", b"Introduction\n\n" + b"Some participants noted it.\n" * 262_144)
    message = refused_at(preview(editor_client, file=upload), "file")
    assert message == "The file is 7.0 MB; a summary may be at most 5 MB."
    assert snapshot() == before


def test_a_paste_over_djangos_bound_gets_the_import_form_with_csrf_checks_on(client):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(make_editor(username="editor"))
    token = client.get(URL).context["csrf_token"]
    text = "Introduction\n\n" + "a" * (11 * 1024 * 1024)
    response = client.post(
        URL, {**FACTS, "kind": "informal-thematic-debate", "text": text, "csrfmiddlewaretoken": token}
    )
    assert "this page can read" in refused_at(response, "text")


def test_the_import_still_refuses_a_post_without_its_csrf_token(client):
    client = type(client)(enforce_csrf_checks=True)
    client.force_login(make_editor(username="editor"))
    response = client.post(URL, {**FACTS, "kind": "informal-thematic-debate", "text": "Introduction\n\nA text."})
    assert response.status_code == HTTPStatus.FORBIDDEN
