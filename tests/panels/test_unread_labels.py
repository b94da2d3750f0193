"""A label the importer could not read stays empty until a person chooses it, and blocks publishing meanwhile.

No extent or stance is stored unless a person or the importer's rules chose it: an unread one is saved
empty ("not read yet") with the statement marked needs review, never filled with a default (issue 13).
"""

from http import HTTPStatus

import pytest
from django.urls import reverse

from debates import services
from debates.models import Debate
from panels.importer.classify import classify_paragraph
from panels.importing import summary_import
from panels.models import Intervention
from tests.admin_helpers import change_form_data, inline_prefix, make_editor, make_reviewer
from tests.factories import make_debate, make_intervention, make_paragraph
from tests.fixtures._support import FIXTURES, load

pytestmark = pytest.mark.django_db

Status = Debate.Status

# "pondered" is no verb of attribution the importer knows: it reads the speakers, not the stance.
UNREAD_STANCE = "Participants pondered the meaning of dignity."
READ = "One panelist suggested a definition."
SUMMARY = f"Introduction\n\n{READ} {UNREAD_STANCE}\n\nConclusion\n\nThere was general consensus on the notion.\n"


def test_the_classifier_leaves_a_stance_it_cannot_read_unknown():
    (statement,) = classify_paragraph(UNREAD_STANCE)
    assert (statement.actor_kinds, statement.extent, statement.stance) == (["participant"], "unquantified", None)
    assert not statement.classified


def test_the_importer_saves_an_unread_stance_empty_and_marked_needs_review():
    debate = summary_import(text=SUMMARY, title="Debate on dignity", date="2011-04-14", session=65)
    unread = Intervention.objects.get(debate=debate, text=UNREAD_STANCE)
    # The extent follows the importer's rule (a group without a number); the stance is nobody's choice.
    assert (unread.extent, unread.stance, unread.needs_review) == ("unquantified", "", True)
    read = Intervention.objects.get(debate=debate, text=READ)
    assert (read.extent, read.stance, read.needs_review) == ("one", "suggested", False)
    assert not Intervention.objects.filter(debate=debate, stance="stated").exists()


def test_a_statement_with_an_empty_label_blocks_publishing_with_its_own_reason():
    editor, reviewer = make_editor(username="editor"), make_reviewer(username="reviewer")
    debate = make_debate(status=Status.DRAFT)
    paragraph = make_paragraph(debate)
    make_intervention(paragraph, text="Panelists and participants discussed the notion.")
    unread = make_intervention(paragraph, stance="")
    both = make_intervention(make_paragraph(debate), extent="", stance="")
    services.debate_submit_for_review(debate=debate, user=editor)

    reasons = services.debate_transition_blockers("publish", debate=debate, user=reviewer)
    assert [(reason.code, reason.record) for reason in reasons] == [
        ("statement_label_unread", unread),
        ("statement_label_unread", both),
    ]
    assert reasons[0].message.startswith("Statement 2 of paragraph 1 has no stance yet")
    assert reasons[1].message.startswith("Statement 1 of paragraph 2 has no extent or stance yet")
    with pytest.raises(services.TransitionBlocked):
        services.debate_publish(debate=debate, user=reviewer)
    assert Debate.objects.get(pk=debate.pk).status == Status.IN_REVIEW


def test_the_debate_page_links_each_statement_with_an_empty_label(client):
    reviewer = make_reviewer(username="reviewer")
    debate = make_debate(status=Status.DRAFT)
    unread = make_intervention(make_paragraph(debate), stance="", needs_review=True)
    client.force_login(reviewer)
    response = client.get(reverse("admin:debates_debate_change", args=[debate.pk]))
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "Statement 1 of paragraph 1 has no stance yet" in page
    assert reverse("admin:panels_intervention_change", args=[unread.pk]) in page


def test_unticking_needs_review_while_a_label_is_empty_is_an_error_at_that_field(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-not-used-123"))
    statement = make_intervention(make_paragraph(make_debate(status=Status.DRAFT)), stance="", needs_review=True)
    url = reverse("admin:panels_intervention_change", args=[statement.pk])
    data = change_form_data(client.get(url))
    data.pop("needs_review")  # an unticked checkbox is not posted

    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    assert response.context["adminform"].form.errors["needs_review"] == ["Choose a stance before marking it reviewed."]
    statement.refresh_from_db()
    assert (statement.stance, statement.needs_review) == ("", True)

    data["stance"] = "noted"
    assert client.post(url, data).status_code == HTTPStatus.FOUND
    statement.refresh_from_db()
    assert (statement.stance, statement.needs_review) == ("noted", False)


def test_the_fixtures_published_debates_have_every_label_read():
    load(*FIXTURES)
    statements = Intervention.objects.filter(debate__status=Status.PUBLISHED)
    assert statements.exists()
    assert not statements.filter(extent="").exists()
    assert not statements.filter(stance="").exists()
    for statement in statements:
        statement.validate_constraints()
    for debate in Debate.objects.published():
        assert "statement_label_unread" not in {reason.code for reason in services.debate_open_items(debate)}


def test_unticking_needs_review_in_the_paragraphs_statement_rows_is_refused_too(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw-not-used-123"))
    paragraph = make_paragraph(make_debate(status=Status.DRAFT))
    statement = make_intervention(paragraph, extent="", needs_review=True)
    url = reverse("admin:panels_paragraph_change", args=[paragraph.pk])
    response = client.get(url)
    data = change_form_data(response)
    data.pop(f"{inline_prefix(response, Intervention)}-0-needs_review")

    response = client.post(url, data)
    assert response.status_code == HTTPStatus.OK
    (row,) = response.context["inline_admin_formsets"][0].formset.forms
    assert row.errors["needs_review"] == ["Choose an extent before marking it reviewed."]
    statement.refresh_from_db()
    assert (statement.extent, statement.needs_review) == ("", True)


def test_a_label_not_read_yet_shows_as_such_and_links_nowhere():
    from django.template.loader import render_to_string

    statement = make_intervention(make_paragraph(make_debate(status=Status.DRAFT)), extent="one", stance="")
    html = render_to_string("includes/_labels.html", {"intervention": statement})
    assert html.count("not read yet") == 1
    assert "stance=" not in html and "#stance-" not in html
    assert "extent=one" in html
