"""The database itself refuses data that breaks the archive's rules, even when forms and the admin are bypassed."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from debates.models import Debate, Document
from panels.attribution import ActorKind, Extent, Stance
from panels.models import Intervention, Panel, Paragraph
from tests.factories import make_debate, make_document, make_intervention, make_panel, make_paragraph

pytestmark = pytest.mark.django_db


def refused(create):
    """Run ``create`` in a savepoint and report whether the database raised IntegrityError."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_duplicate_panel_order_in_a_debate_is_refused():
    debate = make_debate()
    make_panel(debate, order=1)
    assert refused(lambda: Panel.objects.create(debate=debate, order=1, title="Again"))
    assert Panel.objects.create(debate=make_debate(), order=1, title="Same order, other debate")


def test_duplicate_statement_order_in_a_panel_paragraph_is_refused():
    debate = make_debate()
    paragraph = make_paragraph(debate, make_panel(debate))
    make_intervention(paragraph, order=1)
    assert refused(lambda: make_intervention(paragraph, order=1))


def test_duplicate_paragraph_number_in_a_debate_is_refused():
    debate = make_debate()
    make_paragraph(debate, number=1)
    assert refused(lambda: make_paragraph(debate, number=1))


def test_end_date_before_start_date_is_refused():
    assert refused(lambda: make_debate(start_date=datetime.date(2010, 5, 21), end_date=datetime.date(2010, 5, 20)))
    assert make_debate(start_date=datetime.date(2010, 5, 20), end_date=datetime.date(2010, 5, 21))


def test_duplicate_debate_slug_is_refused():
    make_debate(slug="human-security")
    assert refused(lambda: make_debate(slug="human-security"))


def test_intervention_with_no_actor_kind_is_refused():
    paragraph = make_paragraph(make_debate())
    assert refused(lambda: make_intervention(paragraph, actor_kinds=0))


def test_intervention_with_an_unknown_actor_bit_is_refused():
    paragraph = make_paragraph(make_debate())
    assert refused(lambda: make_intervention(paragraph, actor_kinds=1 << 20))


@pytest.mark.parametrize("field,value", [("extent", "a-few"), ("stance", "shouted")])
def test_unknown_extent_or_stance_is_refused(field, value):
    paragraph = make_paragraph(make_debate())
    assert refused(lambda: make_intervention(paragraph, **{field: value}))


def test_panel_paragraph_needs_a_panel_and_introduction_needs_none():
    debate = make_debate()
    panel = make_panel(debate)
    assert refused(lambda: Paragraph.objects.create(debate=debate, number=1, section="panel", text="x"))
    assert refused(
        lambda: Paragraph.objects.create(debate=debate, number=2, section="introduction", panel=panel, text="x")
    )


def test_unknown_debate_status_is_refused():
    assert refused(lambda: make_debate(status="secret"))


def test_document_symbol_is_unique_but_may_be_blank_many_times():
    make_document(symbol="A/RES/64/291")
    assert refused(lambda: make_document(symbol="A/RES/64/291"))
    make_document(symbol="")
    make_document(symbol="")
    assert Document.objects.filter(symbol="").count() == 2


def test_a_statement_by_panelists_and_participants_is_found_under_both():
    paragraph = make_paragraph(make_debate())
    both = make_intervention(paragraph, actor_kinds=ActorKind.PANELIST | ActorKind.PARTICIPANT, extent=Extent.SEVERAL)
    only_panelist = make_intervention(paragraph, actor_kinds=ActorKind.PANELIST)
    assert set(Intervention.objects.with_actor_kind(ActorKind.PARTICIPANT)) == {both}
    assert set(Intervention.objects.with_actor_kind(ActorKind.PANELIST)) == {both, only_panelist}
    assert both.actor_kind_list == [ActorKind.PANELIST, ActorKind.PARTICIPANT]
    assert Stance.SUGGESTED in Stance.values


def test_a_debate_without_panels_is_representable_and_readable(client):
    debate = make_debate(slug="opening-only")
    paragraph = make_paragraph(debate, text="The President opened the debate. One panelist suggested a definition.")
    make_intervention(paragraph, text="One panelist suggested a definition.")
    make_paragraph(debate, section=Paragraph.Section.CONCLUSION, text="The debate closed.")
    response = client.get(debate.get_absolute_url())
    assert response.status_code == 200
    assert "The President opened the debate." in response.text
    assert "The debate closed." in response.text
    assert debate.panels.count() == 0


def test_draft_debates_are_not_public(client):
    draft = make_debate(status=Debate.Status.DRAFT, title="Secret draft debate")
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Secret draft debate" not in client.get("/").text
    assert "Secret draft debate" not in client.get("/debates/").text
