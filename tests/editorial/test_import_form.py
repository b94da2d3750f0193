"""The import form (issue 13): every error at once, dates as people write them, facts read from the text, and the
guard against importing a debate the archive already holds."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from django.urls import reverse

from debates.models import Debate, Document
from tests.editorial.test_admin_import import (
    SMALL_SUMMARY,
    URL,
    hidden_fields,
    preview,
    snapshot,
    unescape,
)

pytestmark = pytest.mark.django_db


# Written for these tests: a summary that states its own title, date, session and symbol.
SUMMARY_WITH_FACTS = """United Nations                                   A/66/123
General Assembly                                 Distr.: General
                                                 2 June 2012
Sixty-sixth session

Summary of the informal thematic debate on disaster risk reduction
New York, 9 May 2012

Introduction

The debate was convened by the President of the General Assembly.

Panel 1: Building resilience in cities

One panelist suggested a framework for cities. Several participants noted the cost of rebuilding.

Conclusion

Participants agreed to continue the discussion.
"""


def errors_of(response):
    return {field: " ".join(messages) for field, messages in response.context["form"].errors.items()}


def test_every_error_is_reported_at_once_each_at_its_field(editor_client):
    before = snapshot()
    response = editor_client.post(
        URL,
        {
            "kind": "no-such-kind",
            "text": "Introduction\n\nPanel 1: Nothing under it\n",
            "title": "",
            "date": "next Thursday",
            "session": "",
            "slug": "not a slug!" * 20,
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import.html"
    errors = errors_of(response)
    assert set(errors) == {"kind", "text", "title", "date", "session", "slug"}
    assert "No paragraphs" in errors["text"]
    assert "title is required" in errors["title"]
    assert "14 April 2011 or 14/04/2011" in errors["date"]
    assert "session number is required" in errors["session"]
    html = response.content.decode()
    for field in errors:
        row = html[html.index(f'field-{field}"') :][:600]
        assert 'class="errorlist' in row, field
    assert "Please correct the errors below." in html
    assert snapshot() == before


@pytest.mark.parametrize("typed", ["2011-04-14", "14 April 2011", "14/04/2011"])
def test_the_three_date_forms_are_accepted_and_saved_as_the_same_day(editor_client, typed):
    response = preview(editor_client, text=SMALL_SUMMARY, date=typed)
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    assert response.context["form"].cleaned_data["date"] == datetime.date(2011, 4, 14)
    data = {name: unescape(value) for name, value in hidden_fields(response.content.decode()).items()}
    # The preview's date picker is sent the date as YYYY-MM-DD, the only form an <input type="date"> shows.
    assert data["date"] == "2011-04-14"
    assert editor_client.post(URL, {**data, "_save": "1"}).status_code == HTTPStatus.FOUND
    assert Debate.objects.get().start_date == datetime.date(2011, 4, 14)


def test_the_date_field_is_a_date_picker_that_takes_typed_text(editor_client):
    html = editor_client.get(URL).content.decode()
    assert re.search(r'<input type="date" name="date"', html)


@pytest.mark.parametrize(("typed", "words"), [("14-Apr-11", "is not a date"), ("31/04/2011", "not a real date")])
def test_a_bad_date_is_refused_at_the_date_field(editor_client, typed, words):
    before = snapshot()
    response = preview(editor_client, text=SMALL_SUMMARY, date=typed)
    assert response.templates[0].name == "admin/panels/summary_import.html"
    assert set(errors_of(response)) == {"date"}
    assert words in errors_of(response)["date"]
    assert snapshot() == before


def test_facts_the_text_states_are_proposed_prefilled_and_editable(editor_client):
    response = editor_client.post(
        URL, {"kind": "informal-thematic-debate", "text": SUMMARY_WITH_FACTS, "title": "", "date": "", "session": ""}
    )
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    form = response.context["form"]
    assert sorted(form.proposed_fields) == ["date", "session", "symbol", "title"]
    html = response.content.decode()
    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    assert {name: data[name] for name in ("title", "date", "session", "symbol")} == {
        "title": "Informal thematic debate on disaster risk reduction",
        "date": "2012-05-09",
        "session": "66",
        "symbol": "A/66/123",
    }
    # Editable on the preview: ordinary inputs, not hidden ones.
    assert re.search(r'<input type="text" name="title" value="Informal thematic debate on disaster', html)
    assert re.search(r'<input type="date" name="date" value="2012-05-09"', html)
    assert html.count("Read from the text: check it.") == 4

    data.update(title="Informal thematic debate on disaster risk reduction (2012)", _save="1")
    assert editor_client.post(URL, data).status_code == HTTPStatus.FOUND
    debate = Debate.objects.get()
    assert (debate.title, debate.start_date, debate.session) == (
        "Informal thematic debate on disaster risk reduction (2012)",
        datetime.date(2012, 5, 9),
        66,
    )
    assert debate.documents.get().symbol == "A/66/123"


def test_facts_typed_by_the_editor_win_over_the_text(editor_client):
    response = preview(editor_client, text=SUMMARY_WITH_FACTS, title="My title", date="10 May 2012", session="67")
    form = response.context["form"]
    assert form.proposed_fields == ["symbol"]
    assert (form.cleaned_data["title"], form.cleaned_data["date"], form.cleaned_data["session"]) == (
        "My title",
        datetime.date(2012, 5, 10),
        67,
    )


def test_a_symbol_already_in_the_archive_is_an_error_at_the_symbol(editor_client):
    Document.objects.create(slug="a-66-123", symbol="A/66/123", title="A report", kind=Document.Kind.REPORT)
    response = preview(editor_client, text=SUMMARY_WITH_FACTS)
    assert response.templates[0].name == "admin/panels/summary_import.html"
    assert "already in the archive with the symbol “A/66/123”" in errors_of(response)["symbol"]


def test_panel_headings_keep_their_label_in_the_preview_and_the_saved_panel(editor_client):
    response = preview(editor_client, text=SUMMARY_WITH_FACTS)
    html = response.content.decode()
    assert "<h2>Panel 1: Building resilience in cities " in html
    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    editor_client.post(URL, {**data, "_save": "1"})
    panel = Debate.objects.get().panels.get()
    assert str(panel) == "Panel 1: Building resilience in cities"


# --- The duplicate guard ----------------------------------------------------------------------------------------


@pytest.fixture
def published_2011():
    call_command("loaddata", "human-security-2011", verbosity=0)
    debate = Debate.objects.get()
    assert debate.status == Debate.Status.PUBLISHED
    return debate


def test_reimporting_the_published_2011_summary_is_flagged_and_needs_confirmation(
    editor_client, summary_2011, published_2011
):
    response = preview(editor_client, text=summary_2011, slug="hs-2011-again")
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    html = response.content.decode()
    change_url = reverse("admin:debates_debate_change", args=[published_2011.pk])
    assert "Already in the archive?" in html
    assert f'<a href="{change_url}">{published_2011.title}</a> (published, 14 April 2011): 16 of 16 paragraphs' in html
    assert 'name="confirm_duplicate"' in html

    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    assert "confirm_duplicate" not in data
    before = snapshot()
    response = editor_client.post(URL, {**data, "_save": "1"})
    assert response.status_code == HTTPStatus.OK
    assert response.templates[0].name == "admin/panels/summary_import_preview.html"
    assert set(errors_of(response)) == {"confirm_duplicate"}
    assert "already in the archive" in errors_of(response)["confirm_duplicate"]
    assert snapshot() == before

    response = editor_client.post(URL, {**data, "confirm_duplicate": "on", "_save": "1"})
    assert response.status_code == HTTPStatus.FOUND
    assert Debate.objects.get(slug="hs-2011-again").paragraphs.count() == 16


@pytest.mark.parametrize("status", [Debate.Status.DRAFT, Debate.Status.WITHDRAWN])
def test_duplicates_are_found_whatever_the_status_and_despite_case_and_spacing(editor_client, published_2011, status):
    Debate.objects.filter(pk=published_2011.pk).update(status=status)
    paragraphs = [" ".join(p.text.upper().split()) for p in published_2011.paragraphs.order_by("number")]
    # Ten of the sixteen paragraphs (62%), reflowed and in capitals, and one new paragraph: 10 of 11.
    text = "Introduction\n\n" + "\n\n".join(paragraphs[:10]) + "\n\nConclusion\n\nSomething else entirely.\n"
    response = preview(editor_client, text=text)
    assert [(m.debate, m.matched, m.total) for m in response.context["form"].duplicates] == [(published_2011, 10, 11)]


TOPICS = ["water", "migration", "climate change", "food security", "health"]


def test_a_text_sharing_few_paragraphs_is_not_flagged(editor_client, published_2011):
    paragraphs = [p.text for p in published_2011.paragraphs.order_by("number")]
    new = [f"Some participants said that {topic} deserves a debate of its own." for topic in TOPICS]
    text = "Introduction\n\n" + "\n\n".join(paragraphs[:4] + new) + "\n"
    response = preview(editor_client, text=text)
    assert response.context["form"].duplicates == []


def test_a_new_text_has_no_warning_and_saves_without_confirmation(editor_client, published_2011):
    response = preview(editor_client, text=SMALL_SUMMARY)
    html = response.content.decode()
    assert "Already in the archive?" not in html
    assert 'name="confirm_duplicate"' not in html
    data = {name: unescape(value) for name, value in hidden_fields(html).items()}
    assert editor_client.post(URL, {**data, "_save": "1"}).status_code == HTTPStatus.FOUND
    assert Debate.objects.count() == 2
