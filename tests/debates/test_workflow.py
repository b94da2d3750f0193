"""The publishing workflow: draft → in review → published → withdrawn, who may take each step, and its record."""

import datetime
import re
from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from debates import services
from debates.models import Debate, StatusChange
from tests.admin_helpers import make_editor
from tests.factories import make_debate, make_intervention, make_paragraph

pytestmark = pytest.mark.django_db

Status = Debate.Status


@pytest.fixture
def draft():
    return make_debate(status=Status.DRAFT, title="Informal thematic debate on human security")


def test_full_cycle_records_who_when_and_notes(draft, editor, reviewer):
    services.debate_submit_for_review(debate=draft, user=editor, note="Please check paragraph 7.")
    assert draft.status == Status.IN_REVIEW
    services.debate_publish(debate=draft, user=reviewer)
    assert draft.status == Status.PUBLISHED
    first_published = draft.published_at
    assert first_published is not None
    services.debate_withdraw(debate=draft, user=reviewer, note="A date is wrong.")
    services.debate_publish(debate=draft, user=reviewer, note="Date corrected.")
    assert draft.published_at == first_published

    steps = list(StatusChange.objects.filter(debate=draft).order_by("at", "id"))
    assert [(s.from_status, s.to_status, s.user.username, s.note) for s in steps] == [
        (Status.DRAFT, Status.IN_REVIEW, "editor", "Please check paragraph 7."),
        (Status.IN_REVIEW, Status.PUBLISHED, "reviewer", ""),
        (Status.PUBLISHED, Status.WITHDRAWN, "reviewer", "A date is wrong."),
        (Status.WITHDRAWN, Status.PUBLISHED, "reviewer", "Date corrected."),
    ]
    assert all(step.at is not None for step in steps)
    assert Debate.objects.get(pk=draft.pk).status == Status.PUBLISHED
    assert draft.history.first().history_user == reviewer


def test_an_editor_cannot_publish_or_withdraw(draft, editor):
    services.debate_submit_for_review(debate=draft, user=editor)
    with pytest.raises(PermissionDenied):
        services.debate_publish(debate=draft, user=editor)
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    published = make_debate(status=Status.PUBLISHED)
    with pytest.raises(PermissionDenied):
        services.debate_withdraw(debate=published, user=editor)
    assert Debate.objects.get(pk=published.pk).status == Status.PUBLISHED


def test_a_reviewer_can_publish_what_someone_else_sent_to_review(draft, editor, reviewer):
    services.debate_submit_for_review(debate=draft, user=editor)
    services.debate_publish(debate=draft, user=reviewer)
    assert Debate.objects.get(pk=draft.pk).status == Status.PUBLISHED


def test_a_reviewer_cannot_publish_what_they_sent_to_review_themselves(draft, reviewer):
    services.debate_submit_for_review(debate=draft, user=reviewer)
    with pytest.raises(PermissionDenied, match="second person"):
        services.debate_publish(debate=draft, user=reviewer)
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_a_draft_cannot_be_published_without_review(draft, reviewer):
    with pytest.raises(ValidationError, match="only a debate that is in review or withdrawn can be published"):
        services.debate_publish(debate=draft, user=reviewer)
    assert not StatusChange.objects.exists()
    assert Debate.objects.get(pk=draft.pk).status == Status.DRAFT


def test_return_to_draft_and_reopen(draft, editor, reviewer):
    services.debate_submit_for_review(debate=draft, user=editor)
    services.debate_return_to_draft(debate=draft, user=editor, note="I forgot a panel.")
    assert draft.status == Status.DRAFT
    services.debate_submit_for_review(debate=draft, user=editor)
    services.debate_publish(debate=draft, user=reviewer)
    services.debate_withdraw(debate=draft, user=reviewer)
    with pytest.raises(PermissionDenied):
        services.debate_reopen(debate=draft, user=editor)
    services.debate_reopen(debate=draft, user=reviewer, note="Correct the attribution in ¶4.")
    assert Debate.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_step_on_a_debate_changed_since_the_user_saw_it_is_refused(draft, editor, reviewer):
    services.debate_submit_for_review(debate=draft, user=editor)
    seen = Debate.objects.get(pk=draft.pk).updated_at
    make_paragraph(draft, text="Added after the reviewer opened the page.")
    debate = Debate.objects.get(pk=draft.pk)
    with pytest.raises(ValidationError, match="after you opened it"):
        services.debate_publish(debate=debate, user=reviewer, seen_updated_at=seen)
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_available_steps_depend_on_role_and_status(draft, editor, reviewer):
    def names(debate, user):
        return [step.name for step in services.debate_available_transitions(debate=debate, user=user)]

    assert names(draft, editor) == ["submit"]
    services.debate_submit_for_review(debate=draft, user=editor)
    assert names(draft, editor) == ["return"]
    assert names(draft, reviewer) == ["return", "publish"]
    services.debate_publish(debate=draft, user=reviewer)
    assert names(draft, editor) == []
    assert names(draft, reviewer) == ["withdraw"]


def test_published_debates_are_not_editable_by_editors(editor, reviewer):
    for status in Status:
        debate = make_debate(status=status)
        assert services.debate_is_editable(debate=debate, user=reviewer)
        assert services.debate_is_editable(debate=debate, user=editor) == (status in {Status.DRAFT, Status.IN_REVIEW})


def _change_page(client, user, debate):
    client.force_login(user)
    return client.get(reverse("admin:debates_debate_change", args=[debate.pk]))


def _step(client, debate, step, note=""):
    url = reverse("admin:debates_debate_workflow", args=[debate.pk, step])
    seen = Debate.objects.get(pk=debate.pk).updated_at.isoformat()
    return client.post(url, {"note": note, "seen_updated_at": seen})


def test_admin_editor_is_offered_send_to_review_only_and_the_reviewer_reads_the_note(client, draft, editor, reviewer):
    html = _change_page(client, editor, draft).content.decode()
    assert ">Send to review</button>" in html
    assert ">Publish</button>" not in html
    response = _step(client, draft, "submit", note="Paragraph 12 has two speakers; please check.")
    assert response.status_code == HTTPStatus.FOUND
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW

    html = _change_page(client, editor, draft).content.decode()
    assert ">Publish</button>" not in html
    html = _change_page(client, reviewer, draft).content.decode()
    assert "Sent to review by editor" in html
    assert "Paragraph 12 has two speakers; please check." in html
    assert ">Publish</button>" in html


def test_admin_editor_posting_publish_is_forbidden(client, draft, editor):
    services.debate_submit_for_review(debate=draft, user=make_editor())
    client.force_login(editor)
    response = _step(client, draft, "publish")
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert StatusChange.objects.filter(to_status=Status.PUBLISHED).count() == 0


def test_admin_reviewer_publishes_and_the_public_page_appears(client, draft, editor, reviewer):
    public_url = draft.get_absolute_url()
    assert client.get(public_url).status_code == HTTPStatus.NOT_FOUND
    services.debate_submit_for_review(debate=draft, user=editor)
    client.force_login(reviewer)
    response = _step(client, draft, "publish")
    assert response.status_code == HTTPStatus.FOUND
    assert Debate.objects.get(pk=draft.pk).status == Status.PUBLISHED
    client.logout()
    assert client.get(public_url).status_code == HTTPStatus.OK


def test_a_debate_with_statements_needing_review_is_not_published_until_they_are_checked(
    client, draft, editor, reviewer
):
    paragraph = make_paragraph(draft)
    unchecked = make_intervention(paragraph, needs_review=True)
    make_intervention(paragraph, text="Panelists and participants discussed the notion.")
    services.debate_submit_for_review(debate=draft, user=editor)
    with pytest.raises(ValidationError, match="Statement 1 of paragraph 1 still needs review") as refusal:
        services.debate_publish(debate=draft, user=reviewer)
    assert [(reason.code, reason.record) for reason in refusal.value.reasons] == [("statement_needs_review", unchecked)]
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW
    assert not StatusChange.objects.filter(debate=draft, to_status=Status.PUBLISHED).exists()

    client.force_login(reviewer)  # the admin says why, and nothing changes
    response = _step(client, draft, "publish")
    shown = [str(message) for message in client.get(response.url).context["messages"]]
    assert any("still needs review" in message for message in shown), shown
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW

    unchecked.needs_review = False
    unchecked.save()
    draft.refresh_from_db()
    services.debate_publish(debate=draft, user=reviewer)
    assert draft.status == Status.PUBLISHED


def test_admin_stale_page_does_not_publish(client, draft, editor, reviewer):
    services.debate_submit_for_review(debate=draft, user=editor)
    client.force_login(reviewer)
    url = reverse("admin:debates_debate_workflow", args=[draft.pk, "publish"])
    seen = Debate.objects.get(pk=draft.pk).updated_at.isoformat()
    make_paragraph(draft, text="Added by the editor while the reviewer was reading.")
    response = client.post(url, {"seen_updated_at": seen}, follow=True)
    assert "after you opened it" in response.content.decode()
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_admin_workflow_refuses_get_and_unknown_steps(client, draft, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:debates_debate_workflow", args=[draft.pk, "submit"])).status_code == (
        HTTPStatus.METHOD_NOT_ALLOWED
    )
    assert _step(client, draft, "delete-everything").status_code == HTTPStatus.NOT_FOUND
    response = client.post(reverse("admin:debates_debate_workflow", args=[draft.pk, "submit"]), {"note": "x"})
    assert response.status_code == HTTPStatus.FOUND
    assert Debate.objects.get(pk=draft.pk).status == Status.DRAFT


def test_published_debate_page_is_read_only_for_editors(client, editor):
    published = make_debate(status=Status.PUBLISHED, title="Published title")
    response = _change_page(client, editor, published)
    assert response.status_code == HTTPStatus.OK
    assert response.context["has_change_permission"] is False
    response = client.post(reverse("admin:debates_debate_change", args=[published.pk]), {"title": "Edited"})
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert Debate.objects.get(pk=published.pk).title == "Published title"


def test_editor_cannot_add_a_paragraph_to_a_published_debate(client, editor):
    published = make_debate(status=Status.PUBLISHED)
    client.force_login(editor)
    response = client.post(
        reverse("admin:panels_paragraph_add"),
        {
            "debate": published.pk,
            "number": 1,
            "section": "introduction",
            "text": "Sneaked in.",
            "interventions-TOTAL_FORMS": "0",
            "interventions-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == HTTPStatus.OK
    assert "only reviewers change it" in response.content.decode()
    assert not published.paragraphs.exists()


@pytest.mark.django_db
def test_the_public_page_says_when_the_debate_was_last_updated_and_an_edit_inside_moves_it(client):
    debate = make_debate()
    paragraph = make_paragraph(debate)
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Debate.objects.filter(pk=debate.pk).update(updated_at=long_ago)

    def last_updated():
        page = client.get(debate.get_absolute_url()).text
        match = re.search(r'<dt>Last updated</dt><dd><time datetime="([^"]+)">', page)
        assert match, "the debate page prints no 'Last updated'"
        return datetime.datetime.fromisoformat(match[1])

    assert abs(last_updated() - long_ago) < datetime.timedelta(seconds=1)
    paragraph.text = paragraph.text + " Edited."
    paragraph.save()
    assert last_updated() > long_ago + datetime.timedelta(days=399)


def test_the_blockers_of_publishing_name_every_reason_and_the_refusal_gives_the_same(draft, reviewer):
    paragraph = make_paragraph(draft)
    unchecked = make_intervention(paragraph, needs_review=True)
    uncoded = make_intervention(paragraph, text="Panelists and participants discussed the notion.", scope="freedoms")
    services.debate_submit_for_review(debate=draft, user=reviewer)

    reasons = services.debate_transition_blockers("publish", debate=draft, user=reviewer)
    assert [(reason.code, reason.record) for reason in reasons] == [
        ("statement_needs_review", unchecked),
        ("statement_theme_uncoded", uncoded),
        ("same_person", None),
    ]
    assert [reason.forbids for reason in reasons] == [False, False, True]
    with pytest.raises(services.TransitionForbidden) as refusal:
        services.debate_publish(debate=draft, user=reviewer)
    assert refusal.value.reasons == reasons
    assert "second person" in str(refusal.value)
    assert "Statement 1 of paragraph 1 still needs review" in str(refusal.value)
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW


def test_the_blockers_of_a_step_a_role_or_status_does_not_allow(draft, editor, reviewer):
    assert [reason.code for reason in services.debate_transition_blockers("publish", debate=draft, user=editor)] == [
        "permission",
        "invalid_transition",
    ]
    assert services.debate_transition_blockers("submit", debate=draft, user=editor) == []
    services.debate_submit_for_review(debate=draft, user=editor)
    assert services.debate_transition_blockers("publish", debate=draft, user=reviewer) == []
    assert [reason.code for reason in services.debate_transition_blockers("withdraw", debate=draft, user=reviewer)] == [
        "invalid_transition"
    ]


def test_open_items_do_not_stop_sending_to_review(draft, editor):
    unchecked = make_intervention(make_paragraph(draft), needs_review=True)
    assert [reason.record for reason in services.debate_open_items(draft)] == [unchecked]
    services.debate_submit_for_review(debate=draft, user=editor)
    assert Debate.objects.get(pk=draft.pk).status == Status.IN_REVIEW
