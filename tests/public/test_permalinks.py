"""Permanent paths of paragraphs and statements: /debates/<slug>/p<N>/ and …/p<N>/s<M>/, kept across renumbering."""

from http import HTTPStatus

import pytest

from debates.models import Debate
from panels.models import FormerAnchor, Paragraph
from panels.services import PositionRequest, positions_renumber
from tests.factories import make_debate, make_intervention, make_paragraph

pytestmark = pytest.mark.django_db


def make_three_paragraphs(**debate_fields):
    debate = make_debate(**debate_fields)
    texts = ["First paragraph. One panelist suggested a start.", "Second paragraph.", "Third paragraph."]
    paragraphs = [make_paragraph(debate, text=text) for text in texts]
    make_intervention(paragraphs[0], text="One panelist suggested a start.")
    return debate, paragraphs


def renumber(paragraph, number):
    paragraph.refresh_from_db()
    paragraph.number = number
    paragraph.save()


def test_paragraph_and_statement_paths_redirect_to_their_place_on_the_page(client):
    debate, _ = make_three_paragraphs()
    response = client.get(f"/debates/{debate.slug}/p2/")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/debates/{debate.slug}/#p2"
    response = client.get(f"/debates/{debate.slug}/p1/s1/")
    assert response["Location"] == f"/debates/{debate.slug}/#p1-s1"


def test_models_give_their_permanent_path():
    debate, paragraphs = make_three_paragraphs()
    statement = paragraphs[0].interventions.get()
    assert paragraphs[1].permalink == f"/debates/{debate.slug}/p2/"
    assert statement.permalink == f"/debates/{debate.slug}/p1/s1/"


@pytest.mark.parametrize("path", ["p9/", "p1/s9/", "p0/"])
def test_a_number_that_never_existed_is_not_found(client, path):
    debate, _ = make_three_paragraphs()
    assert client.get(f"/debates/{debate.slug}/{path}").status_code == HTTPStatus.NOT_FOUND


def test_a_draft_has_no_permanent_paths(client):
    debate, _ = make_three_paragraphs(status=Debate.Status.DRAFT)
    assert client.get(f"/debates/{debate.slug}/p1/").status_code == HTTPStatus.NOT_FOUND


def test_after_renumbering_the_old_paragraph_path_reaches_the_same_text(client):
    debate, paragraphs = make_three_paragraphs()
    third = paragraphs[2]
    renumber(third, 7)
    response = client.get(f"/debates/{debate.slug}/p3/")
    assert response["Location"] == f"/debates/{debate.slug}/#p7"
    page = client.get(f"/debates/{debate.slug}/").content.decode()
    assert 'id="p7"' in page and "Third paragraph." in page


def test_old_statement_path_follows_its_paragraph_and_its_own_reordering(client):
    debate, paragraphs = make_three_paragraphs()
    first = paragraphs[0]
    renumber(first, 5)
    assert client.get(f"/debates/{debate.slug}/p1/s1/")["Location"] == f"/debates/{debate.slug}/#p5-s1"
    statement = first.interventions.get()
    statement.order = 3
    statement.save()
    assert client.get(f"/debates/{debate.slug}/p5/s1/")["Location"] == f"/debates/{debate.slug}/#p5-s3"
    assert client.get(f"/debates/{debate.slug}/p1/s1/")["Location"] == f"/debates/{debate.slug}/#p5-s3"


def test_a_shifted_number_now_held_by_another_text_offers_both_and_says_which_is_which(client):
    debate, paragraphs = make_three_paragraphs()
    # An editor inserts a paragraph before the second: the second and third move down by one.
    renumber(paragraphs[2], 4)
    renumber(paragraphs[1], 3)
    make_paragraph(debate, number=2, text="An inserted paragraph.")
    response = client.get(f"/debates/{debate.slug}/p2/")
    assert response.status_code == HTTPStatus.MULTIPLE_CHOICES
    body = response.content.decode()
    assert "An inserted paragraph." in body and "Second paragraph." in body
    assert body.index("An inserted paragraph.") < body.index("Second paragraph.")
    assert f'href="/debates/{debate.slug}/#p3"' in body
    assert f'href="/debates/{debate.slug}/#p2"' in body


def test_renumbering_a_draft_that_was_never_public_is_not_remembered():
    debate, paragraphs = make_three_paragraphs(status=Debate.Status.DRAFT)
    renumber(paragraphs[2], 6)
    assert not FormerAnchor.objects.exists()


def test_a_renumbering_through_the_admins_service_keeps_the_real_old_numbers(client):
    """The admin moves rows through temporary numbers (positions_renumber): the old numbers kept are the real ones."""
    debate, paragraphs = make_three_paragraphs()
    third = paragraphs[2]
    positions_renumber(
        requests=[PositionRequest(third, 1, True)], siblings=Paragraph.objects.filter(debate=debate), field="number"
    )
    assert sorted(debate.former_anchors.values_list("number", "paragraph__text")) == [
        (1, "First paragraph. One panelist suggested a start."),
        (2, "Second paragraph."),
        (3, "Third paragraph."),
    ]
    assert client.get(f"/debates/{debate.slug}/p3/").status_code == HTTPStatus.MULTIPLE_CHOICES
    choices = client.get(f"/debates/{debate.slug}/p3/").content.decode()
    assert choices.index("Second paragraph.") < choices.index("Third paragraph.")  # the one numbered so now first
    assert client.get(f"/debates/{debate.slug}/p1/s1/")["Location"] == f"/debates/{debate.slug}/#p2-s1"
