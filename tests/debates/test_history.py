"""History: every change is recorded (who, when, what), can be compared with the version before, and restored."""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from debates.models import Debate, Document, Participant, Theme, Topic
from debates.services import version_restore
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Intervention, Panel, Paragraph, Participation
from tests.admin_helpers import change_form_data, make_editor, make_reviewer
from tests.factories import make_debate, make_document, make_intervention, make_paragraph, make_participant

pytestmark = pytest.mark.django_db


@pytest.fixture
def statement():
    paragraph = make_paragraph(
        make_debate(status=Debate.Status.DRAFT),
        text="Some participants expressed concern over the misuse of the notion. One panelist suggested a framework.",
    )
    return make_intervention(
        paragraph,
        text="Some participants expressed concern over the misuse of the notion.",
        actor_kinds=ActorKind.PARTICIPANT,
        extent=Extent.SOME,
        stance=Stance.EXPRESSED_CONCERN,
        themes=["freedom-from-fear"],
        topics=[Topic.objects.order_by("slug").first().slug],
    )


def labels(intervention):
    intervention = Intervention.objects.get(pk=intervention.pk)
    return {
        "text": intervention.text,
        "actor_kinds": intervention.actor_kinds,
        "extent": intervention.extent,
        "stance": intervention.stance,
        "themes": set(intervention.themes.values_list("slug", flat=True)),
        "topics": set(intervention.topics.values_list("slug", flat=True)),
    }


@pytest.mark.parametrize("model", [Debate, Panel, Paragraph, Intervention, Participant, Document, Participation])
def test_edited_models_keep_a_history(model):
    assert hasattr(model, "history")


def test_an_edit_in_the_admin_is_recorded_with_who_and_what(client, statement):
    editor = make_editor(username="editor")
    client.force_login(editor)
    url = reverse("admin:panels_intervention_change", args=[statement.pk])
    data = change_form_data(client.get(url))
    data["extent"] = Extent.SEVERAL
    assert client.post(url, data).status_code == HTTPStatus.FOUND

    latest = statement.history.first()
    assert latest.history_user == editor
    assert latest.history_type == "~"
    previous = latest.prev_record
    delta = latest.diff_against(previous)
    assert delta.changed_fields == ["extent"]
    assert (delta.changes[0].old, delta.changes[0].new) == (Extent.SOME, Extent.SEVERAL)


def test_compare_view_shows_the_change_word_by_word(client, statement):
    paragraph = statement.paragraph
    paragraph.text = paragraph.text.replace("a framework", "a broad framework")
    paragraph.save()
    client.force_login(make_editor())
    record = paragraph.history.first()
    url = reverse("admin:panels_paragraph_history_compare", args=[paragraph.pk, record.history_id])
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    [change] = response.context["changes"]
    assert change["field"] == "text"
    assert "<ins>broad</ins>" in str(change["diff"])
    assert "<ins>broad</ins>" in response.content.decode()


def test_compare_view_names_changed_labels_in_words(client, statement):
    statement.actor_kinds = ActorKind.PARTICIPANT | ActorKind.PANELIST
    statement.save()
    client.force_login(make_editor())
    record = statement.history.first()
    response = client.get(reverse("admin:panels_intervention_history_compare", args=[statement.pk, record.history_id]))
    [change] = response.context["changes"]
    assert (change["old"], change["new"]) == ("Participant", "Panelist, Participant")


def test_restore_brings_back_the_original_content_including_themes_and_topics(statement):
    reviewer = make_reviewer()
    original = labels(statement)
    original_record = statement.history.first()

    statement.text = "One panelist suggested a framework."
    statement.actor_kinds = ActorKind.PANELIST
    statement.extent = Extent.ONE
    statement.stance = Stance.SUGGESTED
    statement.save()
    statement.themes.set(Theme.objects.filter(slug="freedom-from-want"))
    statement.topics.clear()
    assert labels(statement) != original

    version_restore(record=original_record, user=reviewer)

    assert labels(statement) == original
    latest = statement.history.first()
    assert latest.history_user == reviewer
    assert latest.history_change_reason.startswith("Restored the version of")
    assert statement.history.filter(text="One panelist suggested a framework.").exists()


def test_restoring_a_debate_keeps_its_publication_status():
    debate = make_debate(status=Debate.Status.DRAFT, title="First title")
    first = debate.history.first()
    debate.title = "Second title"
    debate.status = Debate.Status.PUBLISHED
    debate.save()
    version_restore(record=first, user=make_reviewer())
    debate.refresh_from_db()
    assert (debate.title, debate.status) == ("First title", Debate.Status.PUBLISHED)


def test_restore_recreates_a_deleted_paragraph():
    debate = make_debate(status=Debate.Status.DRAFT)
    paragraph = make_paragraph(debate, text="A paragraph deleted by mistake.")
    pk = paragraph.pk
    paragraph.delete()
    record = Paragraph.history.filter(id=pk, history_type="+").get()
    version_restore(record=record, user=make_reviewer())
    restored = Paragraph.objects.get(pk=pk)
    assert (restored.text, restored.number, restored.debate_id) == ("A paragraph deleted by mistake.", 1, debate.pk)


def test_restore_that_no_longer_fits_is_refused_and_changes_nothing():
    debate = make_debate(status=Debate.Status.DRAFT)
    paragraph = make_paragraph(debate, text="Was number one.")
    first = paragraph.history.first()
    paragraph.number = 2
    paragraph.save()
    make_paragraph(debate, number=1, text="Now number one.")
    with pytest.raises(ValidationError):
        version_restore(record=first, user=make_reviewer())
    paragraph.refresh_from_db()
    assert paragraph.number == 2


def test_editors_cannot_restore(statement):
    with pytest.raises(PermissionDenied):
        version_restore(record=statement.history.first(), user=make_editor())


def test_admin_restore_confirms_then_restores(client, statement):
    original = labels(statement)
    record = statement.history.first()
    statement.extent = Extent.MANY
    statement.save()
    client.force_login(make_reviewer())
    url = reverse("admin:panels_intervention_history_restore", args=[statement.pk, record.history_id])
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    assert [(c["field"], c["old"], c["new"]) for c in response.context["changes"]] == [("extent", "Many", "Some")]
    assert labels(statement)["extent"] == Extent.MANY
    response = client.post(url)
    assert response.status_code == HTTPStatus.FOUND
    assert labels(statement)["extent"] == original["extent"]


def test_admin_history_page_offers_restore_to_reviewers_only(client, statement):
    statement.extent = Extent.MANY
    statement.save()
    url = reverse("admin:panels_intervention_history", args=[statement.pk])
    client.force_login(make_editor())
    html = client.get(url).content.decode()
    assert "Compare with the version before" in html
    assert "Restore this version" not in html
    record = statement.history.earliest("history_date")
    restore_url = reverse("admin:panels_intervention_history_restore", args=[statement.pk, record.history_id])
    assert client.get(restore_url).status_code == HTTPStatus.FORBIDDEN
    assert client.post(restore_url).status_code == HTTPStatus.FORBIDDEN
    assert labels(statement)["extent"] == Extent.MANY
    client.force_login(make_reviewer())
    assert "Restore this version" in client.get(url).content.decode()


def test_simple_history_revert_form_cannot_be_posted(client, statement):
    client.force_login(make_reviewer())
    record = statement.history.first()
    url = reverse("admin:panels_intervention_simple_history", args=[statement.pk, record.history_id])
    assert client.get(url).status_code == HTTPStatus.OK
    assert client.post(url, {"text": "Overwritten"}).status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert labels(statement)["text"].startswith("Some participants")


def test_history_of_participants_and_documents(client):
    participant = make_participant(role="Panellist")
    participant.role = "Moderator"
    participant.save()
    document = make_document(title="Old title")
    document.title = "New title"
    document.save()
    client.force_login(make_editor())
    for obj in (participant, document):
        url = reverse(f"admin:debates_{obj._meta.model_name}_history", args=[obj.pk])
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        assert response.context["page_obj"].paginator.count == 2
