"""Data entry in the admin: lists, search and filters on every model, inlines in order, Markdown previews, widgets."""

from http import HTTPStatus

import pytest
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.forms import CheckboxSelectMultiple
from django.urls import reverse

from debates.models import Debate, Theme, Topic
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Intervention, Panel, Paragraph
from tests.admin_helpers import change_form_data, inline_prefix, make_editor, make_staff
from tests.factories import make_debate, make_document, make_intervention, make_panel, make_paragraph, make_participant

pytestmark = pytest.mark.django_db

ARCHIVE_MODELS = [model for model in admin.site._registry if model._meta.app_label in {"debates", "panels"}]


@pytest.fixture
def superuser_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-not-used-123"))
    return client


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def tree():
    debate = make_debate(status=Debate.Status.DRAFT)
    panel = make_panel(debate, title="The notion")
    paragraphs = [
        make_paragraph(debate, text="First paragraph. One panelist suggested a definition."),
        make_paragraph(debate, panel, text="Second paragraph. Some participants expressed concern."),
        make_paragraph(debate, panel, text="Third paragraph. There was general consensus."),
    ]
    make_intervention(paragraphs[0], text="One panelist suggested a definition.", participant=make_participant())
    return debate, panel, paragraphs


@pytest.mark.parametrize("model", ARCHIVE_MODELS, ids=lambda model: model._meta.label)
def test_every_model_has_a_searchable_filterable_list(superuser_client, tree, model):
    model_admin = admin.site._registry[model]
    assert model_admin.search_fields, f"{model._meta.label} has no search"
    assert model_admin.list_filter, f"{model._meta.label} has no list filter"
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = superuser_client.get(url, {"q": "panelist"})
    assert response.status_code == HTTPStatus.OK
    assert response.context["cl"].has_filters


def test_debate_search_finds_by_title_and_filter_by_status(superuser_client):
    make_debate(title="Thematic debate on human security", status=Debate.Status.PUBLISHED)
    make_debate(title="Another event", status=Debate.Status.DRAFT)
    url = reverse("admin:debates_debate_changelist")
    found = superuser_client.get(url, {"q": "human security"}).context["cl"].result_list
    assert [debate.title for debate in found] == ["Thematic debate on human security"]
    drafts = superuser_client.get(url, {"status__exact": "draft"}).context["cl"].result_list
    assert [debate.title for debate in drafts] == ["Another event"]


def test_debate_page_shows_panels_and_paragraphs_inline_in_order(superuser_client, tree):
    debate, _, paragraphs = tree
    response = superuser_client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    assert response.status_code == HTTPStatus.OK
    formsets = {inline.formset.model: inline.formset for inline in response.context["inline_admin_formsets"]}
    assert [form.instance.number for form in formsets[Paragraph].forms] == [1, 2, 3]
    assert [form.instance.title for form in formsets[Panel].forms] == ["The notion"]
    assert "Preview Markdown" in response.content.decode()


def test_typing_a_new_number_moves_a_paragraph_and_renumbers_the_others(superuser_client, tree):
    debate, _, paragraphs = tree
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    response = superuser_client.get(url)
    data = change_form_data(response)
    prefix = inline_prefix(response, Paragraph)
    data[f"{prefix}-2-position"] = "1"  # the third paragraph becomes the first
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    numbers = dict(Paragraph.objects.filter(debate=debate).values_list("pk", "number"))
    assert numbers == {paragraphs[2].pk: 1, paragraphs[0].pk: 2, paragraphs[1].pk: 3}


def test_a_new_paragraph_typed_at_a_taken_number_is_inserted_there(superuser_client, tree):
    debate, panel, paragraphs = tree
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    response = superuser_client.get(url)
    data = change_form_data(response)
    prefix = inline_prefix(response, Paragraph)
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "4",
            f"{prefix}-3-position": "2",
            f"{prefix}-3-section": "panel",
            f"{prefix}-3-panel": str(panel.pk),
            f"{prefix}-3-text": "An inserted paragraph.",
            f"{prefix}-3-text_origin": "archive",  # the select's default, as a browser sends it
            f"{prefix}-3-debate": str(debate.pk),
        }
    )
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    texts = list(Paragraph.objects.filter(debate=debate).order_by("number").values_list("text", flat=True))
    assert texts == [paragraphs[0].text, "An inserted paragraph.", paragraphs[1].text, paragraphs[2].text]


def test_moving_a_statement_down_within_its_paragraph(superuser_client):
    debate = make_debate(status=Debate.Status.DRAFT)
    paragraph = make_paragraph(debate, text="A said this. B said that. C said more.")
    source = make_document()
    statements = [make_intervention(paragraph, text=text, source=source) for text in ["A said this.", "B said that."]]
    statements.append(make_intervention(paragraph, text="C said more.", source=source))
    url = reverse("admin:panels_paragraph_change", args=[paragraph.pk])
    response = superuser_client.get(url)
    data = change_form_data(response)
    prefix = inline_prefix(response, Intervention)
    data[f"{prefix}-0-position"] = "3"
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND, response.context and response.context["errors"]
    ordered = list(paragraph.interventions.order_by("order").values_list("text", flat=True))
    assert ordered == ["B said that.", "C said more.", "A said this."]


def test_a_statement_not_in_its_paragraph_is_refused_with_a_message_at_the_field(superuser_client, tree):
    _, _, paragraphs = tree
    statement = paragraphs[0].interventions.get()
    url = reverse("admin:panels_intervention_change", args=[statement.pk])
    data = change_form_data(superuser_client.get(url))
    data["text"] = "Words that the paragraph does not contain."
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["text"] == [
        "The statement must be quoted word for word from its paragraph."
    ]
    statement.refresh_from_db()
    assert statement.text == "One panelist suggested a definition."


def test_a_control_character_no_format_can_carry_is_refused_at_its_field(superuser_client, tree):
    debate, _, paragraphs = tree
    url = reverse("admin:panels_paragraph_change", args=[paragraphs[0].pk])
    data = change_form_data(superuser_client.get(url))
    data["text"] = "A text pasted from a PDF\x0bwith a vertical tab."
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["text"] == [
        "This text holds an invisible control character (U+000B) at position 25, which no format of the archive "
        "can carry: remove it."
    ]
    paragraphs[0].refresh_from_db()
    assert "\x0b" not in paragraphs[0].text
    debate_url = reverse("admin:debates_debate_change", args=[debate.pk])
    data = change_form_data(superuser_client.get(debate_url))
    data["title"] = "A\x0ctitle"
    assert "title" in superuser_client.post(debate_url, data).context["adminform"].form.errors


def test_statement_form_has_checkboxes_choices_and_autocomplete(superuser_client, tree):
    _, _, paragraphs = tree
    statement = paragraphs[0].interventions.get()
    response = superuser_client.get(reverse("admin:panels_intervention_change", args=[statement.pk]))
    form = response.context["adminform"].form
    assert isinstance(form.fields["themes"].widget.widget, CheckboxSelectMultiple)
    assert isinstance(form.fields["actor_kinds"].widget, CheckboxSelectMultiple)
    assert [value for value, _ in form.fields["extent"].choices if value] == Extent.values
    assert [value for value, _ in form.fields["stance"].choices if value] == Stance.values
    for name in ("participant", "topics", "source", "paragraph"):
        assert isinstance(form.fields[name].widget.widget, AutocompleteSelect | AutocompleteSelectMultiple), name


def test_correcting_an_attribution_saves_labels(superuser_client, tree):
    _, _, paragraphs = tree
    statement = paragraphs[0].interventions.get()
    url = reverse("admin:panels_intervention_change", args=[statement.pk])
    data = change_form_data(superuser_client.get(url))
    data["actor_kinds"] = [str(ActorKind.PANELIST), str(ActorKind.PARTICIPANT)]
    data["extent"] = Extent.SEVERAL
    data["themes"] = [str(Theme.objects.get(slug="freedom-from-fear").pk)]
    data["topics"] = [str(Topic.objects.order_by("slug").first().pk)]
    response = superuser_client.post(url, data)
    assert response.status_code == HTTPStatus.FOUND
    statement.refresh_from_db()
    assert statement.actor_kinds == ActorKind.PANELIST | ActorKind.PARTICIPANT
    assert statement.extent == Extent.SEVERAL
    assert list(statement.themes.values_list("slug", flat=True)) == ["freedom-from-fear"]
    assert statement.topics.count() == 1


def test_markdown_preview_returns_sanitized_html(editor_client):
    url = reverse("admin:debates_debate_markdown_preview")
    response = editor_client.post(url, {"text": "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"})
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<strong>Bold</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html
    assert editor_client.get(url).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_saved_markdown_is_shown_rendered_under_the_field(superuser_client):
    debate = make_debate(status=Debate.Status.DRAFT, abstract="An *emphasized* word.<script>x()</script>")
    html = superuser_client.get(reverse("admin:debates_debate_change", args=[debate.pk])).content.decode()
    assert '<div class="markdown-rendered"><p>An <em>emphasized</em> word.' in html
    assert "<script>x()" not in html


def test_status_cannot_be_changed_through_the_debate_form(superuser_client):
    debate = make_debate(status=Debate.Status.DRAFT)
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    data = change_form_data(superuser_client.get(url))
    data["status"] = Debate.Status.PUBLISHED
    assert superuser_client.post(url, data).status_code == HTTPStatus.FOUND
    debate.refresh_from_db()
    assert debate.status == Debate.Status.DRAFT


def test_staff_without_a_role_sees_no_archive_model(client):
    client.force_login(make_staff())
    response = client.get(reverse("admin:debates_debate_changelist"))
    assert response.status_code == HTTPStatus.FORBIDDEN


def test_view_on_site_is_offered_only_for_published_debates(superuser_client):
    draft = make_debate(status=Debate.Status.DRAFT)
    published = make_debate(status=Debate.Status.PUBLISHED)
    draft_page = superuser_client.get(reverse("admin:debates_debate_change", args=[draft.pk])).content.decode()
    assert "View on site" not in draft_page
    assert f'href="{reverse("admin:debates_debate_preview", args=[draft.pk])}"' in draft_page
    published_page = superuser_client.get(reverse("admin:debates_debate_change", args=[published.pk]))
    assert "View on site" in published_page.content.decode()


def test_staff_preview_shows_a_draft_as_it_would_be_published(editor_client):
    draft = make_debate(status=Debate.Status.DRAFT, title="Draft under review")
    response = editor_client.get(reverse("admin:debates_debate_preview", args=[draft.pk]))
    assert response.status_code == HTTPStatus.OK
    assert "Draft under review" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_an_inline_row_whose_id_was_swapped_for_another_debates_paragraph_is_refused(editor_client, tree):
    debate, _, paragraphs = tree
    published = make_debate(status=Debate.Status.PUBLISHED)
    foreign = make_paragraph(published, text="A published paragraph of another debate.")
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    response = editor_client.get(url)
    data = change_form_data(response)
    prefix = inline_prefix(response, Paragraph)
    data[f"{prefix}-1-id"] = str(foreign.pk)
    data[f"{prefix}-1-text"] = "Tampered text."
    before = sorted(Paragraph.objects.values_list("pk", "debate_id", "number", "text"))
    response = editor_client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["errors"], "the tampered row must be a form error"
    assert sorted(Paragraph.objects.values_list("pk", "debate_id", "number", "text")) == before
