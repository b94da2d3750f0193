"""Optimistic locking: when two people change the same record, the second stale save is refused and says why."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from debates.models import Debate, Participant
from debates.versioning import EditConflict
from panels.models import Intervention, Paragraph
from tests.admin_helpers import change_form_data, inline_prefix, make_editor
from tests.factories import make_debate, make_intervention, make_paragraph, make_participant

pytestmark = pytest.mark.django_db


def test_each_save_raises_the_version_by_one():
    participant = make_participant()
    assert participant.version == 1
    participant.role = "Moderator"
    participant.save()
    participant.save()
    assert participant.version == 3
    assert Participant.objects.get(pk=participant.pk).version == 3


def test_two_stale_saves_the_second_is_refused_and_names_who_and_what(django_user_model):
    alice = django_user_model.objects.create_user("alice")
    debate = make_debate(title="Original title", venue="Trusteeship Council")
    first = Debate.objects.get(pk=debate.pk)
    second = Debate.objects.get(pk=debate.pk)

    first.title = "Corrected title"
    first._history_user = alice
    first.save()

    second.venue = "General Assembly Hall"
    with pytest.raises(EditConflict) as refused:
        second.save()
    message = refused.value.messages[0]
    assert "alice" in message
    assert "title" in message
    assert "venue" not in message
    assert "Nothing was saved" in message
    stored = Debate.objects.get(pk=debate.pk)
    assert (stored.title, stored.venue, stored.version) == ("Corrected title", "Trusteeship Council", 2)
    assert second.version == 1


def test_a_save_over_a_deleted_record_is_refused(django_user_model):
    paragraph = make_paragraph(make_debate())
    stale = Paragraph.objects.get(pk=paragraph.pk)
    paragraph._history_user = django_user_model.objects.create_user("bob")
    paragraph.delete()
    stale.text = "Changed"
    with pytest.raises(EditConflict, match="deleted by bob"):
        stale.save()
    assert not Paragraph.objects.filter(pk=stale.pk).exists()


def test_a_refused_save_changes_nothing_else_in_its_transaction():
    statement = make_intervention(make_paragraph(make_debate()))
    stale = Intervention.objects.get(pk=statement.pk)
    statement.save()
    stale.order = 5
    with pytest.raises(EditConflict):
        stale.save()
    assert Intervention.objects.get(pk=statement.pk).order == 1


def _open_change_page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return change_form_data(response), response


def test_admin_two_editors_second_save_refused_with_a_form_error(client):
    debate = make_debate(status=Debate.Status.DRAFT, title="Original title", convener="The President")
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    alice, bob = make_editor(username="alice"), make_editor(username="bob")
    alice_data, _ = _open_change_page(client, alice, url)
    bob_data, _ = _open_change_page(client, bob, url)

    client.force_login(alice)
    alice_data["title"] = "Title corrected by Alice"
    assert client.post(url, alice_data).status_code == HTTPStatus.FOUND

    client.force_login(bob)
    bob_data["convener"] = "Convener typed by Bob"
    response = client.post(url, bob_data)
    assert response.status_code == HTTPStatus.OK
    errors = response.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "changed (title) by alice" in errors[0]
    debate.refresh_from_db()
    assert (debate.title, debate.convener) == ("Title corrected by Alice", "The President")


def test_admin_stale_inline_row_is_refused_and_nothing_is_saved(client):
    debate = make_debate(status=Debate.Status.DRAFT, venue="Hall")
    paragraph = make_paragraph(debate, text="Original paragraph.")
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    alice, bob = make_editor(username="alice"), make_editor(username="bob")
    alice_data, response = _open_change_page(client, alice, url)
    prefix = inline_prefix(response, Paragraph)
    bob_data, _ = _open_change_page(client, bob, url)

    client.force_login(alice)
    alice_data[f"{prefix}-0-text"] = "Paragraph corrected by Alice."
    assert client.post(url, alice_data).status_code == HTTPStatus.FOUND

    client.force_login(bob)
    bob_data[f"{prefix}-0-text"] = "Paragraph rewritten by Bob."
    bob_data["venue"] = "Bob's venue"
    response = client.post(url, bob_data)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "This paragraph was changed (text) by alice" in html
    paragraph.refresh_from_db()
    debate.refresh_from_db()
    assert paragraph.text == "Paragraph corrected by Alice."
    assert debate.venue == "Hall"


def test_admin_page_does_not_put_back_a_row_changed_meanwhile(client, django_user_model):
    """The page still shows the old text of a row someone else changed: saving it would undo their change."""
    debate = make_debate(status=Debate.Status.DRAFT, venue="Hall")
    paragraph = make_paragraph(debate, text="Original paragraph.")
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    data, _ = _open_change_page(client, make_editor(), url)
    paragraph.text = "Changed by carol meanwhile."
    paragraph._history_user = django_user_model.objects.create_user("carol")
    paragraph.save()
    data["venue"] = "New venue"
    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert "This paragraph was changed (text) by carol" in response.content.decode()
    paragraph.refresh_from_db()
    assert paragraph.text == "Changed by carol meanwhile."
    assert Debate.objects.get(pk=debate.pk).venue == "Hall"


def test_admin_a_row_added_meanwhile_does_not_block_a_save(client):
    debate = make_debate(status=Debate.Status.DRAFT)
    make_paragraph(debate, text="First paragraph.")
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    data, _ = _open_change_page(client, make_editor(), url)
    make_paragraph(debate, text="Added by someone else meanwhile.")
    data["venue"] = "New venue"
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    assert Debate.objects.get(pk=debate.pk).venue == "New venue"
    texts = list(debate.paragraphs.order_by("number").values_list("text", flat=True))
    assert texts == ["First paragraph.", "Added by someone else meanwhile."]
