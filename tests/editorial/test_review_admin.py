"""The review screen: why a debate cannot be published, the warning on sending to review, and bulk publish/withdraw."""

import re
from http import HTTPStatus

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from debates import services
from debates.models import Debate, StatusChange
from tests.admin_helpers import make_editor
from tests.factories import make_debate, make_intervention, make_paragraph

pytestmark = pytest.mark.django_db

Status = Debate.Status
CHANGELIST = "admin:debates_debate_changelist"


def in_review(title, *, sent_by):
    debate = make_debate(status=Status.DRAFT, title=title)
    services.debate_submit_for_review(debate=debate, user=sent_by)
    return debate


def blockers_html(response):
    """The list of reasons on a debate's change page, or '' when it shows none."""
    match = re.search(r'<div class="publish-blockers">(.*?)</div>', response.content.decode(), re.S)
    return match[1] if match else ""


def shown_messages(response):
    return [(message.level_tag, str(message)) for message in response.context["messages"]]


def test_the_change_page_lists_each_statement_needing_review_with_a_link_to_it(client, editor, reviewer):
    debate = make_debate(status=Status.DRAFT, title="Thematic debate")
    paragraph = make_paragraph(debate)
    make_intervention(paragraph, text="Panelists and participants discussed the notion.")
    unchecked = make_intervention(paragraph, needs_review=True)
    services.debate_submit_for_review(debate=debate, user=editor)

    client.force_login(reviewer)
    response = client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    assert response.status_code == HTTPStatus.OK
    listed = blockers_html(response)
    assert "Statement 2 of paragraph 1 still needs review" in listed
    assert "second person" not in listed
    links = re.findall(r'<a href="([^"]+)">', listed)
    assert links == [reverse("admin:panels_intervention_change", args=[unchecked.pk])]
    statement_page = client.get(links[0])
    assert statement_page.status_code == HTTPStatus.OK
    assert statement_page.context["original"] == unchecked
    assert ">Publish</button>" not in response.content.decode()


def test_the_change_page_says_a_second_person_must_publish(client, reviewer):
    debate = in_review("Sent by the reviewer", sent_by=reviewer)
    client.force_login(reviewer)
    response = client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    assert "A second person must publish" in blockers_html(response)
    assert ">Publish</button>" not in response.content.decode()


def test_nothing_in_the_way_lists_no_reason_and_publishing_is_one_click(client, editor, reviewer):
    debate = in_review("Ready", sent_by=editor)
    client.force_login(reviewer)
    url = reverse("admin:debates_debate_change", args=[debate.pk])
    response = client.get(url)
    assert blockers_html(response) == ""
    assert ">Publish</button>" in response.content.decode()
    seen = Debate.objects.get(pk=debate.pk).updated_at.isoformat()
    client.post(reverse("admin:debates_debate_workflow", args=[debate.pk, "publish"]), {"seen_updated_at": seen})
    assert Debate.objects.get(pk=debate.pk).status == Status.PUBLISHED


def test_the_same_person_posting_publish_is_told_why_and_nothing_changes(client, reviewer):
    debate = in_review("Sent by the reviewer", sent_by=reviewer)
    client.force_login(reviewer)
    seen = Debate.objects.get(pk=debate.pk).updated_at.isoformat()
    url = reverse("admin:debates_debate_workflow", args=[debate.pk, "publish"])
    response = client.post(url, {"seen_updated_at": seen}, follow=True)
    assert ("error", "Could not publish “Sent by the reviewer”: A second person must publish: you sent this "
            "debate to review yourself.") in shown_messages(response)  # fmt: skip
    assert Debate.objects.get(pk=debate.pk).status == Status.IN_REVIEW


def test_sending_to_review_with_open_items_warns_and_names_them(client, editor):
    debate = make_debate(status=Status.DRAFT, title="With open items")
    paragraph = make_paragraph(debate)
    unchecked = make_intervention(paragraph, needs_review=True)
    client.force_login(editor)
    seen = Debate.objects.get(pk=debate.pk).updated_at.isoformat()
    url = reverse("admin:debates_debate_workflow", args=[debate.pk, "submit"])
    response = client.post(url, {"note": "", "seen_updated_at": seen}, follow=True)
    assert Debate.objects.get(pk=debate.pk).status == Status.IN_REVIEW
    warnings = [text for level, text in shown_messages(response) if level == "warning"]
    assert len(warnings) == 1
    assert "Statement 1 of paragraph 1 still needs review" in warnings[0]
    assert reverse("admin:panels_intervention_change", args=[unchecked.pk]) in warnings[0]


def test_sending_to_review_with_nothing_open_gives_no_warning(client, editor):
    debate = make_debate(status=Status.DRAFT)
    client.force_login(editor)
    url = reverse("admin:debates_debate_workflow", args=[debate.pk, "submit"])
    response = client.post(url, {"seen_updated_at": debate.updated_at.isoformat()}, follow=True)
    assert [level for level, _ in shown_messages(response)] == ["success"]


def run_action(client, action, debates):
    data = {"action": action, "index": "0", ACTION_CHECKBOX_NAME: [str(debate.pk) for debate in debates]}
    return client.post(reverse(CHANGELIST), data, follow=True)


def test_bulk_publish_publishes_what_it_may_and_names_each_blocked_debate_with_its_reasons(client, editor, reviewer):
    ready = [in_review("Ready one", sent_by=editor), in_review("Ready two", sent_by=editor)]
    own = in_review("Sent by the reviewer", sent_by=reviewer)
    unchecked_debate = make_debate(status=Status.DRAFT, title="Has an unchecked statement")
    unchecked = make_intervention(make_paragraph(unchecked_debate), needs_review=True)
    services.debate_submit_for_review(debate=unchecked_debate, user=editor)
    draft = make_debate(status=Status.DRAFT, title="Still a draft")

    client.force_login(reviewer)
    response = run_action(client, "publish_selected", [*ready, own, unchecked_debate, draft])
    assert response.status_code == HTTPStatus.OK

    status = dict(Debate.objects.values_list("title", "status"))
    assert status == {
        "Ready one": Status.PUBLISHED,
        "Ready two": Status.PUBLISHED,
        "Sent by the reviewer": Status.IN_REVIEW,
        "Has an unchecked statement": Status.IN_REVIEW,
        "Still a draft": Status.DRAFT,
    }
    assert StatusChange.objects.filter(to_status=Status.PUBLISHED, user=reviewer).count() == 2
    shown = shown_messages(response)
    assert ("success", "2 debates published.") in shown
    errors = [text for level, text in shown if level == "error"]
    assert len(errors) == 3
    by_debate = {
        title: next(text for text in errors if f"“{title}”" in text) for title in status if "Ready" not in title
    }
    assert "A second person must publish" in by_debate["Sent by the reviewer"]
    assert "Statement 1 of paragraph 1 still needs review" in by_debate["Has an unchecked statement"]
    assert reverse("admin:panels_intervention_change", args=[unchecked.pk]) in by_debate["Has an unchecked statement"]
    assert "only a debate that is in review or withdrawn can be published" in by_debate["Still a draft"]


def test_bulk_withdraw_withdraws_published_debates_only(client, reviewer):
    published = make_debate(status=Status.PUBLISHED, title="Published")
    draft = make_debate(status=Status.DRAFT, title="Draft")
    client.force_login(reviewer)
    shown = shown_messages(run_action(client, "withdraw_selected", [published, draft]))
    assert Debate.objects.get(pk=published.pk).status == Status.WITHDRAWN
    assert Debate.objects.get(pk=draft.pk).status == Status.DRAFT
    assert ("success", "1 debate withdrawn.") in shown
    assert (
        "error",
        "Could not withdraw “Draft”: This debate is draft; only a debate that is published can be withdrawn.",
    ) in shown


def test_editors_are_not_offered_the_bulk_actions_and_a_forged_post_changes_nothing(client, editor, reviewer):
    ready = in_review("Ready", sent_by=make_editor())
    published = make_debate(status=Status.PUBLISHED, title="Published")

    client.force_login(reviewer)
    offered = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
    assert {"publish_selected", "withdraw_selected"} <= {name for name, _ in offered}

    client.force_login(editor)
    offered = client.get(reverse(CHANGELIST)).context["action_form"].fields["action"].choices
    assert not {"publish_selected", "withdraw_selected"} & {name for name, _ in offered}
    for action in ("publish_selected", "withdraw_selected"):
        run_action(client, action, [ready, published])
    assert Debate.objects.get(pk=ready.pk).status == Status.IN_REVIEW
    assert Debate.objects.get(pk=published.pk).status == Status.PUBLISHED
    assert not StatusChange.objects.filter(to_status__in=[Status.PUBLISHED, Status.WITHDRAWN]).exists()
